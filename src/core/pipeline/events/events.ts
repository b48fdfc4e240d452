/**
 * Events: a report is a clause that says something happened at a time (a resolved date, an
 * action word, and the people or organisations taking part). Reports of the same happening in
 * different articles group into one event: the same kind of action, shared participants, no
 * different venues, and dates close together. The closest pairs join first, so a source that
 * reports two occurrences keeps each one with the reports it matches.
 */
import type { CorpusDocument, Span } from '../text/document';
import type { Sentence } from '../text/sentences';
import type { DateExpression } from '../dates/date-expressions';
import type { Entity } from '../entities/entities';
import { addDays, daysBetween } from '../dates/partial-date';
import { parseSentence, rolesOf, SubjectMemory, type PlacedMention } from './roles';
import { summarize } from './summary';

/** What kind of thing happened, and how to say it in a summary. */
interface Action {
  readonly kind: string;
  /** Finite verbs that say it happened ("met", "freed"). */
  readonly verbs: RegExp;
  /** Nouns and bare verbs that only name it ("a meeting", "agreed to meet"): used when no verb says it. */
  readonly nouns: RegExp;
  /** The sentence must also say this ("eased" counts for sanctions only next to "sanctions"). */
  readonly requires?: RegExp;
  /** The happening in a word, for messages ("this meeting"). */
  readonly noun: string;
  /**
   * Happens once for a given set of participants around a date, so two dates for it can
   * contradict each other. Statements are repeated freely and never conflict.
   */
  readonly singular: boolean;
}

const ACTIONS: readonly Action[] = [
  {
    kind: 'meet',
    verbs: /\b(?:met|meets|hosted|hosts|sat down with|held (?:talks|a meeting|meetings))\b/gi,
    nouns: /\b(?:meet|meeting|meetings|talks|summit)\b/gi,
    noun: 'meeting',
    singular: true,
  },
  {
    kind: 'visit',
    verbs: /\b(?:visited|toured|travel(?:l)?ed to|arrived in)\b/gi,
    nouns: /\b(?:visit|visits|trip)\b/gi,
    noun: 'visit',
    singular: true,
  },
  {
    kind: 'release',
    verbs: /\b(?:released|freed|frees|pardoned|pardons)\b/gi,
    nouns: /\b(?:release|releases|releasing|free|pardon)\b/gi,
    noun: 'release',
    singular: true,
  },
  {
    kind: 'call',
    verbs:
      /\b(?:spoke|speaks|phoned|(?:speak|spoke|talk|talked) (?:by|on the) (?:tele)?phone|held a (?:phone )?call)\b/gi,
    nouns: /\b(?:speak|phone call|call|conversation)\b/gi,
    noun: 'call',
    singular: true,
  },
  {
    kind: 'sign',
    verbs: /\b(?:signed|signs)\b/gi,
    nouns: /\b(?:sign|agreement|treaty|accord|memorandum)\b/gi,
    noun: 'signing',
    singular: true,
  },
  {
    kind: 'sanction',
    verbs: /\b(?:imposed|lifted|eased|tightened|sanctioned)\b/gi,
    nouns: /\b(?:sanctions?|lift|ease)\b/gi,
    requires: /\b(?:sanction|restriction|tariff|embargo)/i,
    noun: 'sanctions decision',
    singular: true,
  },
  {
    kind: 'deploy',
    verbs: /\b(?:deployed|deploys|stationed)\b/gi,
    nouns: /\b(?:deploy|deployment|station)\b/gi,
    noun: 'deployment',
    singular: true,
  },
  {
    kind: 'elect',
    verbs: /\b(?:elected|re-elected|voted)\b/gi,
    nouns: /\b(?:elections?|vote|referendum)\b/gi,
    noun: 'vote',
    singular: true,
  },
  {
    kind: 'arrest',
    verbs: /\b(?:arrested|detained|jailed|sentenced|imprisoned)\b/gi,
    nouns: /\b(?:arrests?|detention)\b/gi,
    noun: 'arrest',
    singular: true,
  },
  {
    kind: 'close',
    verbs: /\b(?:closed|reopened|shut)\b/gi,
    nouns: /\b(?:closure|reopening|close|reopen)\b/gi,
    noun: 'closure',
    singular: true,
  },
  {
    kind: 'announce',
    verbs: /\b(?:announced|declared|stated|said|says|revealed|praised|proposed|warned|urged)\b/gi,
    nouns: /\b(?:announcement|statement)\b/gi,
    noun: 'statement',
    singular: false,
  },
];

/** The action of a kind ("meet"), for summaries and messages. */
export function actionOf(kind: string): { readonly noun: string; readonly singular: boolean } | undefined {
  return ACTIONS.find((a) => a.kind === kind);
}

// A repeat marker stands next to the happening: "met again", "a second meeting", "another round of talks".
const REPEAT_AGAIN =
  /\b(?:met|meet|meets|visited|visits|called|spoke|talked|released|freed|signed)\s+(?:[\p{L}-]+\s+){0,3}?(?:again|once more)\b/iu;
const REPEAT_ORDINAL =
  /\b(second|third|fourth|fifth|another|new|fresh|repeat|further)\s+(?:round|meeting|visit|trip|call|talks|release|group|batch|wave)\b/iu;
const ORDINALS: Record<string, number> = { second: 2, third: 3, fourth: 4, fifth: 5 };

// Words before a date that make it a limit, not the day it happened: "by June", "since March".
const BOUND =
  /\b(?:by|since|until|till|before|after|as of|prior to|ahead of|no later than|not until)\s+(?:the\s+)?(?:end\s+of\s+|start\s+of\s+|beginning\s+of\s+)?$/i;
// A date the text names itself (a month, a day of a month, a numeric date), not one derived from another.
const NAMES_A_DATE =
  /\b(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b|\d{1,4}[-/]\d{1,2}/;

/** One source's report of an event. */
export interface EventReport extends Span {
  readonly document: string;
  /** The clause of the sentence the report rests on (the span above is the whole sentence). */
  readonly clause: Span;
  /** The date expression the report hangs on. */
  readonly date: DateExpression;
  /**
   * How the text gives the date: `explicit` names it ("March 5", "in June", "mid-August"),
   * `relative` derives it from another date ("yesterday", "four weeks later"), `bound` only
   * limits it ("by June", "since March").
   */
  readonly dateForm: 'explicit' | 'relative' | 'bound';
  readonly action: string;
  /** Entity ids taking part, in order of mention. */
  readonly entities: readonly string[];
  /** Who took part: the agents, then the other participants (people, organisations; a country as subject). */
  readonly actors: readonly string[];
  /** Who acted: the subject of the action word ("Lukashenko" in "Lukashenko hosted Kellogg"), or "by X" of a passive. */
  readonly agents: readonly string[];
  /** The others taking part: objects of the action ("met X", "with X"), or who was acted on in a passive. */
  readonly objects: readonly string[];
  /** The action word as written, lower-cased ("reopened", "phone call"). */
  readonly word: string;
  /** What was acted on when no name says it, as written ("land border crossings"); null when the text names none. */
  readonly thing: string | null;
  /** The place where it happened, when the clause says ("in Minsk", "visited Bergen"). */
  readonly venue: string | null;
  /** Marks a repeat of an earlier happening ("met again"). */
  readonly repeat: boolean;
  /** Which occurrence a repeat says it is ("a second meeting" is 2); null when it does not say. */
  readonly ordinal: number | null;
  /** Numbers attached to nouns in the clause ("16 prisoners"). */
  readonly quantities: readonly Quantity[];
}

/** A number with the noun it counts. */
export interface Quantity extends Span {
  readonly value: number;
  /** The counted noun as written ("prisoners"). */
  readonly noun: string;
  readonly text: string;
  /** Words such as "in total", "so far" or "both" mark a sum over several happenings. */
  readonly total: boolean;
  /** "about 300", "more than 50", "as many as 1,300": not an exact count. */
  readonly approximate: boolean;
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

/** A report named the way a person's decision in corpus.yaml names it: the article and a date or number as written there. */
export interface ReportKey {
  readonly file: string;
  readonly text: string;
}

/** Whether a report is the one a decision names: same article, and its date or one of its numbers reads `text`. */
export function reportMatches(r: EventReport, key: ReportKey): boolean {
  return (
    r.document === key.file && (r.date.text === key.text || r.quantities.some((q) => q.text === key.text))
  );
}

const WORD_NUMBERS: Record<string, number> = {
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
};
const QUANTITY = new RegExp(
  // "the two discussed": a number word after a determiner counts no noun
  `(?<![\\p{L}\\p{N}$€£.,-])(?<!\\b(?:the|these|those|both|all|their|its|his|her|our)\\s+(?=[a-z]))(\\d{1,3}(?:,\\d{3})+|\\d+|${Object.keys(WORD_NUMBERS).join('|')})(?:\\s+(thousand|million|billion))?(?![\\p{L}\\p{N}%]|[.,]\\d)` +
    `((?:\\s+[\\p{L}'’-]+){1,3})`,
  'giu',
);
// The counted noun: a plural among the next three words (irregular plurals listed).
const PLURAL =
  /^(?:[\p{L}'’-]{2,}s|people|personnel|staff|children|men|women|police|crew|fishermen|servicemen|cattle|sheep)$/iu;
const NOT_COUNTED =
  /^(?:days|weeks|months|years|decades|centuries|hours|minutes|seconds|times|percent|per|cents?|dollars|euros|pounds|rubles|roubles|others|ones|is|was|has|its|this|thus|always|across|towards|perhaps|less|unless|besides|whereas)$/i;
const APPROXIMATE =
  /\b(?:about|around|nearly|almost|roughly|approximately|some|over|more than|less than|fewer than|at least|up to|as many as|as few as|an estimated|estimated|close to|upwards of|under|just over|just under)\s+$/i;
const APPROXIMATE_AFTER = /^\s*(?:or so|-odd|odd|plus)\b/i;
const TOTAL =
  /\b(?:total|totals|totalling|totaling|in all|altogether|all told|both|combined|overall|cumulative|so far|to date|thus far|since (?:January|February|March|April|May|June|July|August|September|October|November|December|the (?:start|beginning)|last|then|\d{4})|bringing the (?:number|total|tally) to)\b/gi;
const MULTIPLIER: Record<string, number> = { thousand: 1_000, million: 1_000_000, billion: 1_000_000_000 };

/** Finds the reports in each document. */
export function findReports(inputs: readonly EventInput[], entities: readonly Entity[]): EventReport[] {
  const mentionsByDoc = new Map<string, PlacedMention[]>();
  for (const e of entities) {
    for (const m of e.mentions) {
      const list = mentionsByDoc.get(m.document) ?? [];
      list.push({ start: m.start, end: m.end, entity: e });
      mentionsByDoc.set(m.document, list);
    }
  }
  return inputs.flatMap((input) =>
    reportsIn(
      input,
      (mentionsByDoc.get(input.doc.id) ?? []).sort((a, b) => a.start - b.start),
    ),
  );
}

/** The reports of one document, given its mentions in order. */
export function reportsIn(
  { doc, sentences, dates }: EventInput,
  mentions: readonly PlacedMention[],
): EventReport[] {
  const reports: EventReport[] = [];
  const datesBySentence = new Map<number, DateExpression[]>();
  for (const d of dates) {
    const list = datesBySentence.get(d.sentence);
    if (list) list.push(d);
    else datesBySentence.set(d.sentence, [d]);
  }
  // only a sentence with a placeable date can hold a report: none after the last such is read
  let last = -1;
  for (const d of dates)
    if (
      d.kind === 'point' &&
      d.from !== null &&
      GRANULARITY_RANK[d.granularity ?? ''] !== undefined &&
      d.sentence > last
    )
      last = d.sentence;
  // one pass over sentences and mentions together: linear in the text
  const memory = new SubjectMemory();
  let mi = 0;
  for (const s of sentences) {
    if (s.index > last) break;
    while (mi < mentions.length && mentions[mi]!.start < s.start) mi++;
    let mj = mi;
    while (mj < mentions.length && mentions[mj]!.end <= s.end) mj++;
    const parse = parseSentence(doc.text, s, mentions.slice(mi, mj), memory);
    mi = mj;
    const inSentence = datesBySentence.get(s.index);
    if (!inSentence) continue;
    for (const clause of clauses(doc.text, s, inSentence)) {
      const report = reportOf(doc, s, clause, inSentence, parse, memory);
      if (report) reports.push(report);
    }
  }
  return reports;
}

/**
 * Splits a sentence holding several placeable dates into clauses, one date each: "In February,
 * Smith visited Minsk; in June, Lukashenko hosted Kellogg" is two reports. The cut falls at the
 * last comma, semicolon or dash between two dates; dates with none between them stay together
 * ("from March 3 to March 5"), and so does a limit ("freed 14 on April 16, 66 since February").
 */
function clauses(text: string, s: Sentence, dates: readonly DateExpression[]): Span[] {
  // a limit ("since February") dates no happening of its own
  const placed = dates
    .filter((d) => d.kind === 'point' && d.from !== null && dateForm(text, d) !== 'bound')
    .sort((a, b) => a.start - b.start);
  const cuts: number[] = [];
  for (let i = 1; i < placed.length; i++) {
    const between = text.slice(placed[i - 1]!.end, placed[i]!.start);
    const at = Math.max(
      between.lastIndexOf(';'),
      between.lastIndexOf(','),
      between.lastIndexOf('\u2014'),
      between.lastIndexOf(' \u2013 '),
      between.lastIndexOf(' - '),
    );
    if (at >= 0) cuts.push(placed[i - 1]!.end + at + 1);
  }
  const out: Span[] = [];
  let start = s.start;
  for (const cut of cuts) {
    out.push({ start, end: cut });
    start = cut;
  }
  out.push({ start, end: s.end });
  return out;
}

function reportOf(
  doc: CorpusDocument,
  s: Sentence,
  clause: Span,
  dates: readonly DateExpression[],
  parse: ReturnType<typeof parseSentence>,
  memory: SubjectMemory,
): EventReport | undefined {
  const text = doc.text.slice(clause.start, clause.end);
  const trigger = actionIn(
    text,
    dates.filter((d) => d.start >= clause.start && d.end <= clause.end).map((d) => d.end - clause.start),
  );
  if (!trigger) return undefined;
  const triggerStart = clause.start + trigger.start;
  const triggerEnd = clause.start + trigger.end;
  const date = dateOf(
    dates.filter((d) => d.start >= clause.start && d.end <= clause.end),
    triggerStart,
  );
  if (!date) return undefined;
  const roles = rolesOf(
    doc.text,
    parse,
    clause,
    { start: triggerStart, end: triggerEnd, noun: !trigger.verb, visit: trigger.action.kind === 'visit' },
    memory,
    s.index,
  );
  const actors = [...new Set([...roles.agents, ...roles.objects])];
  // an event needs someone who takes part: a named agent or someone acted on
  if (actors.length === 0) return undefined;
  const ordinal = REPEAT_ORDINAL.exec(text);
  const repeat = REPEAT_AGAIN.test(text) || ordinal !== null;
  const inClause = parse.mentions.filter((m) => m.start >= clause.start && m.end <= clause.end);
  return {
    document: doc.id,
    start: s.start,
    end: s.end,
    clause,
    date,
    dateForm: dateForm(doc.text, date),
    action: trigger.action.kind,
    entities: [...new Set(inClause.map((m) => m.entity.id))],
    actors,
    agents: roles.agents,
    objects: roles.objects,
    word: text.slice(trigger.start, trigger.end).toLowerCase(),
    thing: trigger.verb ? thingAfter(text.slice(trigger.end, trigger.end + 80)) : null,
    venue: roles.venue,
    repeat,
    ordinal: ordinal ? (ORDINALS[ordinal[1]!.toLowerCase()] ?? null) : null,
    quantities: quantitiesIn(text, clause.start, dates),
  };
}

const MODAL = /\b(?:will|would|shall)\s+(?:\p{L}+ly\s+)?$/iu;

// Words that end the object of an action word: a preposition of place or time, a conjunction, a clause.
const THING_END =
  /^(?:in|at|on|to|into|from|for|with|by|after|before|since|until|during|and|or|but|as|that|which|who|while|because|following|amid|under|over|near|along|across|against|this|last|next|later|earlier|immediately|again)$/i;

/** The noun phrase right after a verb ("closed land border crossings with Belarus": "land border crossings"). */
function thingAfter(rest: string): string | null {
  const words: string[] = [];
  for (const m of rest.matchAll(/[^\s,;:.!?()\u2014]+|[,;:.!?()\u2014]/gu)) {
    const w = m[0];
    if (
      /^[,;:.!?()\u2014]$/.test(w) ||
      THING_END.test(w) ||
      (/^\p{Lu}/u.test(w) && !/^["“]/.test(w) && words.length === 0) ||
      words.length >= 5
    )
      break;
    words.push(w);
  }
  while (words.length && /^(?:the|a|an|its|their|his|her|some|all|most)$/i.test(words.at(-1)!)) words.pop();
  const thing = words.join(' ');
  return /\p{Ll}{3}/u.test(thing) && !/^(?:the|a|an|its|their|his|her)$/i.test(thing) ? thing : null;
}

/**
 * The clause's action: its first finite verb of a known kind, else a verb of saying (which
 * mostly frames the happening it reports: "the statement said the coast guard detained ..."),
 * else the first noun naming one.
 */
function actionIn(
  text: string,
  dateEnds: readonly number[],
): { action: Action; start: number; end: number; verb: boolean } | undefined {
  let best: { action: Action; at: number; end: number; rank: number; verb: boolean } | undefined;
  for (const action of ACTIONS) {
    if (action.requires && !action.requires.test(text)) continue;
    for (const [re, verb] of [
      [action.verbs, true],
      [action.nouns, false],
    ] as const) {
      re.lastIndex = 0;
      for (let m = re.exec(text), n = 0; m && n < 8; m = re.exec(text), n++) {
        // "would deploy", "will meet": a bare verb after a modal is a verb of a planned happening
        const modal = !verb && MODAL.test(text.slice(Math.max(0, m.index - 24), m.index));
        // "an August phone call": a noun the date stands right before names the dated happening
        const dated =
          !verb && dateEnds.some((e) => e <= m!.index && /^[\s-]*$/.test(text.slice(e, m!.index)));
        const rank = verb || modal ? (action.singular ? 0 : 1) : dated ? 1.5 : 2;
        if (!best || rank < best.rank || (rank === best.rank && m.index < best.at))
          best = { action, at: m.index, end: m.index + m[0].length, rank, verb: verb || modal };
        if (verb || modal) break;
      }
    }
  }
  return best && { action: best.action, start: best.at, end: best.end, verb: best.verb };
}

function dateForm(text: string, d: DateExpression): EventReport['dateForm'] {
  if (BOUND.test(text.slice(Math.max(0, d.start - 30), d.start))) return 'bound';
  return typeof d.anchor === 'object' && d.anchor !== null
    ? 'relative'
    : NAMES_A_DATE.test(d.text)
      ? 'explicit'
      : 'relative';
}

function quantitiesIn(text: string, offset: number, dates: readonly DateExpression[]): Quantity[] {
  const found: { m: RegExpExecArray; value: number; noun: string; end: number }[] = [];
  QUANTITY.lastIndex = 0;
  for (let m = QUANTITY.exec(text); m; m = QUANTITY.exec(text)) {
    const start = offset + m.index;
    if (dates.some((d) => start < d.end && d.start < start + m![1]!.length)) continue;
    // the counted noun: the first plural among the next words, unless a unit ("26 years") comes first
    const tail = m[3]!;
    const tailStart = m.index + m[0].length - tail.length;
    let head: RegExpMatchArray | undefined;
    for (const w of tail.matchAll(/[\p{L}'’-]+/gu)) {
      if (NOT_COUNTED.test(w[0])) break;
      if (PLURAL.test(w[0])) {
        head = w;
        break;
      }
    }
    if (!head) continue;
    const raw = m[1]!.toLowerCase();
    const value =
      (WORD_NUMBERS[raw] ?? Number(raw.replace(/,/g, ''))) * (m[2] ? MULTIPLIER[m[2].toLowerCase()]! : 1);
    const nounEnd = tailStart + head.index! + head[0].length;
    found.push({ m, value, noun: head[0].toLowerCase(), end: nounEnd });
    QUANTITY.lastIndex = nounEnd;
  }
  const markers = [...text.matchAll(TOTAL)].map((t) => t.index);
  return found.map(({ m, value, noun, end }) => {
    // A total marker belongs to the number nearest to it.
    const nearest = (at: number): number => Math.min(...found.map((f) => Math.abs(f.m.index - at)));
    const total = markers.some((at) => Math.abs(m.index - at) === nearest(at));
    const approximate =
      APPROXIMATE.test(text.slice(Math.max(0, m.index - 20), m.index)) ||
      APPROXIMATE_AFTER.test(text.slice(end));
    return {
      start: offset + m.index,
      end: offset + end,
      value,
      noun,
      text: text.slice(m.index, end),
      total,
      approximate,
    };
  });
}

const GRANULARITY_RANK: Partial<Record<string, number>> = { day: 0, week: 1, month: 2, season: 3 };

/**
 * The date a clause's action hangs on: the placeable date nearest before the action word ("Four
 * weeks later, on September 11th, Lukashenko met" is September 11th; "In early March he praised
 * Trump, and by June he had freed" dates the freeing by June); with none before it, the most
 * precise one after it, explicit before relative.
 */
function dateOf(candidates: readonly DateExpression[], actionAt: number): DateExpression | undefined {
  const placeable = candidates.filter(
    (d) => d.kind === 'point' && d.from !== null && GRANULARITY_RANK[d.granularity ?? ''] !== undefined,
  );
  const before = placeable.filter((d) => d.end <= actionAt).sort((a, b) => b.end - a.end)[0];
  if (before) return before;
  const anchorRank = (d: DateExpression): number =>
    d.anchor === null ? 0 : d.anchor === 'published' ? 1 : 2;
  return placeable.sort(
    (a, b) =>
      GRANULARITY_RANK[a.granularity!]! - GRANULARITY_RANK[b.granularity!]! ||
      anchorRank(a) - anchorRank(b) ||
      a.start - b.start,
  )[0];
}

/** Days between two intervals; 0 when they overlap. */
export function gapDays(
  a: { from: string | null; to: string | null },
  b: { from: string | null; to: string | null },
): number {
  if (!a.from || !a.to || !b.from || !b.to) return Infinity;
  if (a.to < b.from) return daysBetween(a.to, b.from);
  if (b.to < a.from) return daysBetween(b.to, a.from);
  return 0;
}

// "Lukashenko hosted Kellogg" and "Kellogg visited Minsk and met Lukashenko" tell of one happening.
const HOSTED = new Set(['meet', 'visit']);

// Reports of one happening lie close together in time, even when the sources disagree on the day.
const MAX_GAP_DAYS = 45;

/**
 * Whether two reports may tell of the same happening: the same action, the same occurrence (a
 * repeat joins another repeat, or a report without the marker only when their dates overlap;
 * "a second" never joins "a third"), shared actors, no two different venues, both
 * plans or both past, dates close together.
 */
export function mayBeSame(a: EventReport, b: EventReport): boolean {
  if (a.document === b.document || !(a.action === b.action || (HOSTED.has(a.action) && HOSTED.has(b.action))))
    return false;
  if (a.ordinal !== null && b.ordinal !== null && a.ordinal !== b.ordinal) return false;
  // "met again" on a date says an earlier occurrence exists: a report of an earlier date is that
  // one, but another source may tell of the same repeat without the marker, on a date that overlaps
  if (a.repeat !== b.repeat && gapDays(a.date, b.date) > 0) return false;
  if (a.date.forward !== b.date.forward) return false;
  if (a.venue !== null && b.venue !== null && a.venue !== b.venue) return false;
  const shared = a.actors.filter((id) => b.actors.includes(id)).length;
  if (shared === 0 || shared < Math.min(2, a.actors.length, b.actors.length)) return false;
  return gapDays(a.date, b.date) <= MAX_GAP_DAYS;
}

/**
 * Groups reports of the same happening across documents. `distinct` lists pairs of reports a
 * person decided are different events (corpus.yaml `distinct:`); they never share an event.
 */
export function groupEvents(
  reports: readonly EventReport[],
  entities: readonly Entity[] | ((id: string) => Entity | undefined),
  distinct: readonly (readonly ReportKey[])[] = [],
): CorpusEvent[] {
  // only the participants' names are needed: a lookup spares a table of every entity
  const byId: { get(id: string): Entity | undefined } =
    typeof entities === 'function' ? { get: entities } : new Map(entities.map((e) => [e.id, e]));
  const apart = (a: EventReport, b: EventReport): boolean =>
    distinct.some((keys) =>
      keys.some((k, i) => reportMatches(a, k) && keys.some((l, j) => j !== i && reportMatches(b, l))),
    );
  const ok = (a: EventReport, b: EventReport): boolean => mayBeSame(a, b) && !apart(a, b);
  // Closest pairs first: a report joins the occurrence whose date it matches, not the first one seen.
  // Only reports of related actions that share an actor, within the time window, can pair: each
  // actor's reports sorted by start, each compared with those starting before its end plus the
  // window (not every pair of the corpus).
  const pairs: { a: number; b: number; gap: number }[] = [];
  const buckets = new Map<string, number[]>();
  reports.forEach((r, i) => {
    for (const actor of r.actors) {
      const key = `${HOSTED.has(r.action) ? 'meet|visit' : r.action}\u0000${actor}`;
      const bucket = buckets.get(key);
      if (bucket) bucket.push(i);
      else buckets.set(key, [i]);
    }
  });
  const seen = new Set<number>();
  for (const bucket of buckets.values()) {
    bucket.sort((x, y) => reports[x]!.date.from!.localeCompare(reports[y]!.date.from!));
    for (let p = 0; p < bucket.length; p++) {
      const reach = addDays(reports[bucket[p]!]!.date.to!, MAX_GAP_DAYS);
      for (let q = p + 1; q < bucket.length && reports[bucket[q]!]!.date.from! <= reach; q++) {
        const i = Math.min(bucket[p]!, bucket[q]!);
        const j = Math.max(bucket[p]!, bucket[q]!);
        if (seen.has(i * reports.length + j)) continue;
        seen.add(i * reports.length + j);
        if (ok(reports[i]!, reports[j]!))
          pairs.push({ a: i, b: j, gap: gapDays(reports[i]!.date, reports[j]!.date) });
      }
    }
  }
  pairs.sort((x, y) => x.gap - y.gap || x.a - y.a || x.b - y.b);
  const groupOf = reports.map((_, i) => [i]);
  for (const { a, b } of pairs) {
    const ga = groupOf[a]!;
    const gb = groupOf[b]!;
    if (ga === gb) continue;
    const docs = new Set(ga.map((i) => reports[i]!.document));
    if (gb.some((i) => docs.has(reports[i]!.document))) continue;
    if (!ga.every((i) => gb.every((j) => ok(reports[i]!, reports[j]!)))) continue;
    const merged = [...ga, ...gb].sort((x, y) => x - y);
    for (const i of merged) groupOf[i] = merged;
  }
  const groups = [...new Set(groupOf)].map((g) => g.map((i) => reports[i]!));
  const firstDay = new Map<readonly EventReport[], string>(
    groups.map((g) => [g, g.map((r) => r.date.from!).sort()[0]!]),
  );
  const from = (g: readonly EventReport[]): string => firstDay.get(g)!;
  groups.sort(
    (x, y) =>
      from(x).localeCompare(from(y)) ||
      x[0]!.document.localeCompare(y[0]!.document) ||
      x[0]!.start - y[0]!.start,
  );
  return groups.map((g, i) => {
    const to =
      g
        .map((r) => r.date.to!)
        .sort()
        .at(-1) ?? null;
    const ids = [...new Set(g.flatMap((r) => r.entities))];
    return {
      id: `e${i + 1}`,
      summary: summarize(g, byId),
      action: g[0]!.action,
      from: from(g),
      to,
      entities: ids,
      reports: g,
    };
  });
}
