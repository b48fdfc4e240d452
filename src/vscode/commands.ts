/** Every command id of the extension, in one table (the manifest's `contributes.commands` mirrors it). */
export const Commands = {
  reindex: 'corpusNavigator.reindex',
  showReport: 'corpusNavigator.showReport',
  showLog: 'corpusNavigator.showLog',
  showTimeline: 'corpusNavigator.showTimeline',
  /** Optional argument: an entity id (hover links) or a Timeline row (the view's menus). */
  filterTimeline: 'corpusNavigator.filterTimeline',
  clearTimelineFilter: 'corpusNavigator.clearTimelineFilter',
  goToEntity: 'corpusNavigator.goToEntity',
  /** Optional argument: the folder's Uri (the explorer's context menu passes it). Returns the new file's Uri. */
  createManifest: 'corpusNavigator.createManifest',
  /** Internal: records a decision on a conflict in corpus.yaml (the conflict quick fixes). */
  decideConflict: 'corpusNavigator.decideConflict',
  /** Internal: opens a span of an article (used by hover links). */
  openLocation: 'corpusNavigator.openLocation',
} as const;
