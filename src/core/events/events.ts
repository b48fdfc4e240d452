/**
 * Events: a report is a sentence that says something happened at a time (a resolved date, an
 * action word, and the entities taking part). Reports of the same happening in different
 * articles group into one event: the same kind of action, shared participants, and dates no
 * further apart than the looser of the two allows.
 */
import type { CorpusDocument, Span } from '../text/document';
import type { Sentence } from '../text/sentences';
import type { DateExpression } from '../dates/date-expressions';
import type { Entity } from '../entities/entities';
import { daysBetween } from '../dates/partial-date';

/** What kind of thing happened, and how to say it in a summary. */
interface Action {
  readonly kind: string;
  readonly re: RegExp;
  /** Present-tense verb for summaries, before the other participants ("meets"). */
  readonly verb: string;
  /** The same without other participants ("holds talks"). */
  readonly alone: string;
}

const ACTIONS: readonly Action[] = [
  { kind: 'meet', re: /\b(?:met|meet|meets|meeting|meetings|talks)\b/i, verb: 'meets', alone: 'holds talks' },
  { kind: 'visit', re: /\b(?:visit|visits|visited|visiting|trip|travel(?:l)?ed|arrived)\b/i, verb: 'visits', alone: 'travels' },
  { kind: 'release', re: /\b(?:releas(?:e|ed|es|ing)|freed|frees|free|pardon(?:ed|s)?)\b/i, verb: 'releases prisoners with', alone: 'releases prisoners' },
  { kind: 'call', re: /\b(?:phone call|call(?:ed)?|spoke|speak|conversation)\b/i, verb: 'speaks with', alone: 'speaks' },
  { kind: 'sign', re: /\b(?:sign(?:ed|s)?|agreement|deal)\b/i, verb: 'signs an agreement with', alone: 'signs an agreement' },
  { kind: 'sanction', re: /\b(?:sanction(?:s|ed)?|lift(?:ed|s)?|eas(?:ed|es|ing))\b/i, verb: 'acts on sanctions with', alone: 'acts on sanctions' },
  { kind: 'deploy', re: /\b(?:deploy(?:ed|s|ment)?|station(?:ed)?)\b/i, verb: 'deploys forces with', alone: 'deploys forces' },
  { kind: 'elect', re: /\b(?:elect(?:ed|ion|ions)|vote|voted|re-elected)\b/i, verb: 'holds a vote with', alone: 'holds a vote' },
  { kind: 'arrest', re: /\b(?:arrest(?:ed|s)?|detain(?:ed|s)?|jail(?:ed)?|sentenced)\b/i, verb: 'detains', alone: 'makes arrests' },
  { kind: 'close', re: /\b(?:clos(?:ed|es|ure)|reopen(?:ed|s)?|shut)\b/i, verb: 'closes or reopens with', alone: 'closes or reopens' },
  { kind: 'announce', re: /\b(?:announc(?:ed|es|ement)|declared|stated|said|says|revealed|praised|proposed)\b/i, verb: 'makes a statement with', alone: 'makes a statement' },
];

// A repeat marker stands next to the happening: "met again", "a second meeting", "another round of talks".
const REPEAT = /\b(?:(?:met|meet|meets|visited|visits|called|spoke|talked|released|freed)\s+(?:[\p{L}-]+\s+){0,2}?(?:again|once more)|(?:second|third|fourth|another|new|fresh|repeat)\s+(?:round|meeting|visit|trip|call|talks|release|group|batch|wave))\b/iu;

/** One source's report of an event. */
export interface EventReport extends Span {
  readonly document: string;
  /** The date expression the report hangs on. */
  readonly date: DateExpression;
  readonly action: string;
  /** Entity ids taking part, in order of mention. */
  readonly entities: readonly string[];
  /** The place where it happened, when the sentence says ("in Minsk"). */
  readonly venue: string | null;
  /** Marks a repeat of an earlier happening ("met again"). */
  readonly repeat: boolean;
  /** Numbers attached to nouns in the report ("16 prisoners"). */
  readonly quantities: readonly Quantity[];
}

/** A number with the noun it counts. */
export interface Quantity extends Span {
  readonly value: number;
  readonly noun: string;
  readonly text: string;
  /** Words such as "total" or "both" mark a sum over several happenings. */
  readonly total: boolean;
}

export interface CorpusEvent {
  readonly id: string;
  readonly summary: string;
  readonly action: string;
  readonly from: string | null;
  readonly to: string | null;
  readonly entities: readonly string[];
  readonly reports: readonly EventReport[];
}

export interface EventInput {
  readonly doc: CorpusDocument;
  readonly sentences: readonly Sentence[];
  readonly dates: readonly DateExpression[];
}

const NUMBER = /\b(\d{1,3}(?:,\d{3})+|\d+)\s+(?:(?:more|other|political|additional|new)\s+)?(\p{L}{3,})\b/gu;
const TOTAL = /\b(?:total|in all|altogether|both|combined|overall|so far|since)\b/i;

/** Finds the reports in each document. */
export function findReports(inputs: readonly EventInput[], entities: readonly Entity[]): EventReport[] {
  const mentionsByDoc = new Map<string, { start: number; end: number; entity: Entity }[]>();
  for (const e of entities) {
    for (const m of e.mentions) {
      const list = mentionsByDoc.get(m.document) ?? [];
      list.push({ start: m.start, end: m.end, entity: e });
      mentionsByDoc.set(m.document, list);
    }
  }
  const reports: EventReport[] = [];
  for (const { doc, sentences, dates } of inputs) {
    // "met Lukashenko in Minsk": the place of the happening follows in/at/to; "U.S. envoy" is not one
    const isVenue = (m: { start: number }): boolean => /\b(?:in|at|to|near|from)\s+(?:the\s+)?$/i.test(doc.text.slice(Math.max(0, m.start - 12), m.start));
    const mentions = (mentionsByDoc.get(doc.id) ?? []).sort((a, b) => a.start - b.start);
    for (const s of sentences) {
      const date = bestDate(dates.filter((d) => d.sentence === s.index));
      if (!date) continue;
      const text = doc.text.slice(s.start, s.end);
      const action = ACTIONS.find((a) => a.re.test(text));
      if (!action) continue;
      const inSentence = mentions.filter((m) => m.start >= s.start && m.end <= s.end);
      const ids = [...new Set(inSentence.map((m) => m.entity.id))];
      // an event needs someone who acts: a person or an organisation
      if (!inSentence.some((m) => m.entity.type === 'person' || m.entity.type === 'organization')) continue;
      const venue = inSentence.find((m) => m.entity.type === 'place' && isVenue(m))?.entity.id ?? null;
      const quantities: Quantity[] = [];
      for (const q of text.matchAll(NUMBER)) {
        const qs = s.start + q.index!;
        if (dates.some((d) => qs < d.end && d.start < qs + q[0].length)) continue;
        quantities.push({ start: qs, end: qs + q[0].length, value: Number(q[1]!.replace(/,/g, '')), noun: q[2]!.toLowerCase(), text: q[0], total: TOTAL.test(text) });
      }
      reports.push({ document: doc.id, start: s.start, end: s.end, date, action: action.kind, entities: ids, venue, repeat: REPEAT.test(text), quantities });
    }
  }
  return reports;
}

const GRANULARITY_RANK: Partial<Record<string, number>> = { day: 0, week: 1, month: 2, season: 3 };

/**
 * The date a sentence's report hangs on: the most precise placeable one, explicit before relative
 * ("Four weeks later, on September 11th" is September 11th).
 */
function bestDate(candidates: readonly DateExpression[]): DateExpression | undefined {
  const anchorRank = (d: DateExpression): number => (d.anchor === null ? 0 : d.anchor === 'published' ? 1 : 2);
  return candidates
    .filter((d) => d.kind === 'point' && d.from !== null && GRANULARITY_RANK[d.granularity ?? ''] !== undefined)
    .sort((a, b) => GRANULARITY_RANK[a.granularity!]! - GRANULARITY_RANK[b.granularity!]! || anchorRank(a) - anchorRank(b) || a.start - b.start)[0];
}

/** Groups reports of the same happening across documents. */
export function groupEvents(reports: readonly EventReport[], entities: readonly Entity[]): CorpusEvent[] {
  const byId = new Map(entities.map((e) => [e.id, e]));
  const actors = (r: EventReport): string[] => r.entities.filter((id) => byId.get(id)?.type !== 'place');
  const groups: EventReport[][] = [];
  for (const r of [...reports].sort((a, b) => (a.date.from ?? '').localeCompare(b.date.from ?? ''))) {
    const home = groups.find((g) => g.every((o) => sameHappening(o, r, actors)) && !g.some((o) => o.document === r.document));
    if (home) home.push(r);
    else groups.push([r]);
  }
  return groups.map((g, i) => {
    const from = g.map((r) => r.date.from!).sort()[0] ?? null;
    const to = g.map((r) => r.date.to!).sort().at(-1) ?? null;
    const ids = [...new Set(g.flatMap((r) => r.entities))];
    return { id: `e${i + 1}`, summary: summarize(g[0]!, byId), action: g[0]!.action, from, to, entities: ids, reports: g };
  });
}

function sameHappening(a: EventReport, b: EventReport, actors: (r: EventReport) => string[]): boolean {
  if (a.action !== b.action || a.document === b.document) return false;
  if (a.repeat !== b.repeat) return false;
  const aa = actors(a);
  const bb = actors(b);
  const shared = aa.filter((id) => bb.includes(id)).length;
  if (shared < Math.min(2, aa.length, bb.length) || shared === 0) return false;
  // Dates of one happening lie close together, even when the sources disagree on the day.
  const gap = Math.abs(daysBetween(a.date.from!, b.date.from!));
  return gap <= 45;
}

function summarize(r: EventReport, byId: Map<string, Entity>): string {
  const es = r.entities.map((id) => byId.get(id)!).filter(Boolean);
  const actors = es.filter((e) => e.type !== 'place');
  const place = r.venue ? byId.get(r.venue) : undefined;
  const action = ACTIONS.find((a) => a.kind === r.action)!;
  const subject = actors[0]!.name;
  const objects = actors.slice(1, 3).map((e) => e.name);
  if (r.action === 'visit' && place && objects.length === 0) return `${subject} visits ${place.name}`;
  const tail = place ? ` in ${place.name}` : '';
  return `${subject} ${objects.length ? `${action.verb} ${objects.join(' and ')}` : action.alone}${tail}`;
}
