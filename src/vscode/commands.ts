/** Every command id of the extension, in one table (the manifest's `contributes.commands` mirrors it). */
export const Commands = {
  reindex: 'corpusNavigator.reindex',
  showReport: 'corpusNavigator.showReport',
  showLog: 'corpusNavigator.showLog',
  /** Internal: opens a span of an article (used by hover links). */
  openLocation: 'corpusNavigator.openLocation',
} as const;
