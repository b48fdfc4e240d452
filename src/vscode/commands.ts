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
  /** Optional argument: the corpus root (a Uri string). */
  openTimelineChart: 'corpusNavigator.openTimelineChart',
  /** Optional arguments: the format and the target Uri (else a quick pick and a save dialog ask). Returns the Uri written. */
  exportTimeline: 'corpusNavigator.exportTimeline',
  showEntities: 'corpusNavigator.showEntities',
  /** Optional argument: the filter text (else an input box asks). */
  filterEntities: 'corpusNavigator.filterEntities',
  clearEntitiesFilter: 'corpusNavigator.clearEntitiesFilter',
  /** Optional argument: 'mentions' | 'sources' | 'name' (else a quick pick asks). */
  sortEntities: 'corpusNavigator.sortEntities',
  /** Optional arguments: the entity to keep (an Entities row, else the one at the cursor, else asked) and the one to merge into it. Returns true when recorded. */
  mergeEntities: 'corpusNavigator.mergeEntities',
  /** Optional arguments: the entity (an Entities row, else the one at the cursor, else asked) and the names to keep apart. Returns true when recorded. */
  splitEntity: 'corpusNavigator.splitEntity',
  /** Walkthrough: opens an article with the cursor on a name and shows its hover. */
  hoverName: 'corpusNavigator.hoverName',
  /** Walkthrough: opens a conflicting report at its date and the Problems panel. Returns false when the corpus has none. */
  readConflict: 'corpusNavigator.readConflict',
  /** Optional argument: the folder's Uri (the explorer's context menu passes it). Returns the new file's Uri. */
  createManifest: 'corpusNavigator.createManifest',
  /** Internal: records a decision on a conflict in corpus.yaml (the conflict quick fixes). */
  decideConflict: 'corpusNavigator.decideConflict',
  /** Internal: opens a span of an article (used by hover links). */
  openLocation: 'corpusNavigator.openLocation',
} as const;
