/**
 * Conflicts that follow a changing corpus: an event's conflicts are found again only when its
 * reports changed, or when a predicate it looked up elsewhere in the corpus (a source reporting
 * both dates) gained or lost reports. The result is `findConflicts`'s on the same events.
 */
import {
  attestingLookup,
  conflictsOfEvent,
  wordConflicts,
  wordingOf,
  sameEntityOf,
  type FoundConflict,
} from '../pipeline/conflicts/conflicts';
import type { Conflict } from '../pipeline/conflicts/wording';
import { articleProfiles, cosine } from '../pipeline/events/coreference';
import type { CorpusEvent, EventReport } from '../pipeline/events/events';
import type { Published } from '../pipeline/dates/published';
import type { ManifestDecision } from '../pipeline/manifest/manifest';
import { pushTo, sameItems } from './lists';

interface Found {
  readonly conflicts: readonly FoundConflict[];
  /** The predicates whose reports elsewhere it looked at. */
  readonly actions: readonly string[];
}

export class ConflictFinder {
  #found = new Map<readonly EventReport[], Found>();
  #profiles = new Map<string, { reports: EventReport[]; profile: ReadonlyMap<string, number> }>();
  #byAction = new Map<string, EventReport[]>();

  /** `reports`: every report of the events, in corpus order. */
  find(
    events: readonly CorpusEvent[],
    reports: readonly EventReport[],
    sourceOf: (document: string) => string,
    dismissed: readonly ManifestDecision[],
    publishedOf: (document: string) => Published | null,
    nameOf: (entity: string) => string,
    textOf: (document: string) => string,
  ): Conflict[] {
    const byDocument = new Map<string, EventReport[]>();
    const byAction = new Map<string, EventReport[]>();
    for (const r of reports) {
      pushTo(byDocument, r.document, r);
      pushTo(byAction, r.action, r);
    }
    const profiles = new Map<string, { reports: EventReport[]; profile: ReadonlyMap<string, number> }>();
    for (const [document, list] of byDocument) {
      const kept = this.#profiles.get(document);
      profiles.set(
        document,
        kept && sameItems(kept.reports, list)
          ? kept
          : { reports: list, profile: articleProfiles(list).get(document)! },
      );
    }
    const moved = new Set<string>();
    for (const [action, list] of byAction) {
      const kept = this.#byAction.get(action);
      if (!kept || !sameItems(kept, list)) moved.add(action);
    }
    for (const action of this.#byAction.keys()) if (!byAction.has(action)) moved.add(action);
    this.#profiles = profiles;
    this.#byAction = byAction;

    let used = new Set<string>();
    const attestingOf = attestingLookup(byAction);
    const inputs = {
      publishedOf,
      likeness: (a: string, b: string) => cosine(profiles.get(a)!.profile, profiles.get(b)!.profile),
      sameAction: (action: string) => {
        used.add(action);
        return attestingOf(action);
      },
      wording: wordingOf(textOf),
      sameEntity: sameEntityOf(nameOf),
    };
    const next = new Map<readonly EventReport[], Found>();
    const found = events.map((ev) => {
      const hit = this.#found.get(ev.reports);
      if (hit && !hit.actions.some((a) => moved.has(a))) {
        next.set(ev.reports, hit);
        return hit.conflicts;
      }
      used = new Set();
      const conflicts = conflictsOfEvent(ev, inputs);
      next.set(ev.reports, { conflicts, actions: [...used] });
      return conflicts;
    });
    this.#found = next;
    return wordConflicts(found, events, sourceOf, dismissed, nameOf);
  }
}
