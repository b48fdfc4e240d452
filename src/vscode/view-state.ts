/** What the Corpus side bar's views show when they have no rows: one rule for the Timeline and the Entities view. */
import type { CorpusService } from './corpus-service';

/** Why a view is empty (its welcome text is chosen by it), or `ready`. */
export type ViewState<Empty extends string> = 'indexing' | 'noCorpus' | Empty | 'noMatches' | 'ready';

/**
 * The state of a view over `indexed` corpora holding `total` rows, `shown` of them after its
 * filter: `empty` names the view's own "nothing to list" state ('noEvents', 'noEntities').
 */
export function viewState<Empty extends string>(
  service: CorpusService,
  indexed: number,
  total: number,
  shown: number,
  empty: Empty,
): ViewState<Empty> {
  if (service.corpora.length === 0) return service.indexing ? 'indexing' : 'noCorpus';
  if (indexed === 0) return 'indexing';
  if (total === 0) return empty;
  return shown === 0 ? 'noMatches' : 'ready';
}
