/**
 * Reports: one per clause whose predicate names a happening, with who took part, where, when and
 * how many. A clause takes its first predicate that is not a verb of saying; a sentence whose
 * only predicates are verbs of saying reports a statement. A report takes the date of its
 * clause; without one it is undated, and may still join an event that other sources date.
 */
import type { CorpusDocument, Span } from '../text/document';
import type { Sentence } from '../text/sentences';
import type { DateExpression } from '../dates/date-expressions';
import { isStampLine } from '../dates/published';
import { parseSentence, rolesOf, SubjectMemory, type PlacedMention } from './roles';
import { verbClass } from '../words/lexicon';
import type { Predicate } from './predicates';
import { quantitiesIn, type Quantity } from './quantities';

export type { Quantity } from './quantities';

/** One source's report of an event. */
export interface EventReport extends Span {
  readonly document: string;
  /** The clause of the sentence the report rests on (the span above is the whole sentence). */
  readonly clause: Span;
  /** The word (or words) naming the happening. */
  readonly predicate: Span & { readonly text: string; readonly noun: boolean };
  /** The date expression the report hangs on; null when its sentence gives none. */
  readonly date: DateExpression | null;
  /**
   * How the text gives the date: `explicit` names it ("March 5", "in June", "mid-August"),
   * `relative` derives it from another date ("yesterday", "four weeks later"), `bound` only
   * limits it ("by June", "since March"); `none` for an undated report.
   */
  readonly dateForm: 'explicit' | 'relative' | 'bound' | 'none';
  /** The predicate's base form ("die", "dismiss", "earthquake"); "say" and its kin for a statement. */
  readonly action: string;
  /** Only a verb of saying: the report tells that someone spoke. */
  readonly statement: boolean;
  /** Planned or expected, not (yet) happened: "will be sentenced November 8". */
  readonly plan: boolean;
  /** Passive ("was arrested"): its subject was acted on. */
  readonly passive: boolean;
  /** Entity ids in the clause, in order of mention. */
  readonly entities: readonly string[];
  /** Who took part: the agents, then the other participants. */
  readonly actors: readonly string[];
  /** Who acted: the subject of the predicate, or "by X" of a passive. */
  readonly agents: readonly string[];
  /** The others taking part: objects, or who was acted on in a passive. */
  readonly objects: readonly string[];
  /** The predicate as written, lower-cased ("died", "fire"). */
  readonly word: string;
  /** The place where it happened, when the clause says ("in Minsk", "visited Bergen"). */
  readonly venue: string | null;
  /** Marks a repeat of an earlier happening ("met again", "a second strike"). */
  readonly repeat: boolean;
  /** Which occurrence a repeat says it is ("a second meeting" is 2); null when it does not say. */
  readonly ordinal: number | null;
  /** Numbers attached to nouns in the clause ("16 prisoners"). */
  readonly quantities: readonly Quantity[];
}

/** What report finding needs of one article. */
export interface ReportInput {
  readonly doc: CorpusDocument;
  readonly sentences: readonly Sentence[];
  readonly dates: readonly DateExpression[];
  readonly predicates: readonly Predicate[];
}

// Words before a date that make it a limit, not the day it happened: "by June", "since March".
const BOUND =
  /\b(?:by|since|until|till|before|after|as of|prior to|ahead of|no later than|not until)\s+(?:the\s+)?(?:end\s+of\s+|start\s+of\s+|beginning\s+of\s+)?$/i;
// A date the text names itself (a month, a day of a month, a numeric date), not one derived from another.
const NAMES_A_DATE =
  /\b(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b|\d{1,4}[-/]\d{1,2}/;
// What may stand between a predicate and its own date: "in", "on", "during", "last", "this".
const ADJACENT = /^\s*(?:(?:in|on|at|during|of|last|this)\s+)?$/i;
const AGAIN = /^\s+(?:[\p{L}'’-]+\s+){0,3}?(?:again|once more|anew)\b/iu;
const ORDINAL_BEFORE =
  /\b(second|third|fourth|fifth|another|new|fresh|repeat|further|latest)\s+(?:[\p{L}-]+\s+){0,2}$/iu;
const ORDINALS: Record<string, number> = { second: 2, third: 3, fourth: 4, fifth: 5 };
const PLACEABLE: Partial<Record<string, number>> = {
  day: 0,
  week: 1,
  month: 2,
  season: 3,
  quarter: 4,
  year: 5,
};

/** The reports of one article, given its name mentions in order. */
export function reportsOf(input: ReportInput, mentions: readonly PlacedMention[]): EventReport[] {
  const { doc, sentences, dates, predicates } = input;
  const text = doc.text;
  const out: EventReport[] = [];
  const memory = new SubjectMemory();
  let mi = 0;
  let pi = 0;
  let di = 0;
  for (const s of sentences) {
    while (mi < mentions.length && mentions[mi]!.start < s.start) mi++;
    let mj = mi;
    while (mj < mentions.length && mentions[mj]!.end <= s.end) mj++;
    const parse = parseSentence(text, s, mentions.slice(mi, mj), memory);
    mi = mj;
    while (pi < predicates.length && predicates[pi]!.sentence < s.index) pi++;
    let pj = pi;
    while (pj < predicates.length && predicates[pj]!.sentence === s.index) pj++;
    while (di < dates.length && dates[di]!.sentence < s.index) di++;
    let dj = di;
    while (dj < dates.length && dates[dj]!.sentence === s.index) dj++;
    const inSentence = predicates.slice(pi, pj);
    const sentenceDates = dates
      .slice(di, dj)
      .filter(
        (d) =>
          d.kind === 'point' &&
          d.from !== null &&
          PLACEABLE[d.granularity ?? ''] !== undefined &&
          !d.recurring,
      );
    pi = pj;
    di = dj;
    if (inSentence.length === 0) continue;
    // "21 July 2013 Last updated at 11:11 GMT" dates the page, not a happening
    if (sentenceDates.some((d) => d.granularity === 'day' && isStampLine(text.slice(s.start, s.end), d.text)))
      continue;
    const happenings = inSentence.filter((p) => !p.reporting);
    const heads = happenings.length > 0 ? happenings : inSentence.slice(0, 1);
    // counted over the sentence, so a total's marker in another clause ("following both visits, … freed 66") still counts
    const counts = quantitiesIn(text.slice(s.start, s.end), s.start, sentenceDates);
    for (const p of heads) {
      const report = reportAt(doc, s, p, sentenceDates, counts, parse, memory, happenings.length === 0);
      if (report) out.push(report);
    }
  }
  return out;
}

function reportAt(
  doc: CorpusDocument,
  s: Sentence,
  p: Predicate,
  dates: readonly DateExpression[],
  sentenceQuantities: readonly Quantity[],
  parse: ReturnType<typeof parseSentence>,
  memory: SubjectMemory,
  statement: boolean,
): EventReport | undefined {
  const text = doc.text;
  const clause = p.clause;
  const inClause = dates.filter((d) => d.start >= clause.start && d.end <= clause.end);
  // the sentence's one date reaches its other clauses, before or after it ("On March 3, Holm met
  // Marsh and signed the deal"), but not past a semicolon or dash ("despite ...; and despite ...
  // since 1994")
  const reaches = (d: DateExpression): boolean =>
    !/[;—–]/.test(d.end <= clause.start ? text.slice(d.end, clause.start) : text.slice(clause.end, d.start));
  const date = dateOf(
    inClause.length > 0 ? inClause : dates.length === 1 && !statement && reaches(dates[0]!) ? dates : [],
    p.start,
    text,
    p.end,
  );
  const roles = rolesOf(
    text,
    parse,
    clause,
    { start: p.start, end: p.end, noun: p.noun, visit: !p.noun && verbClass(p.lemma) === 'motion' },
    memory,
    s.index,
  );
  const actors = [...new Set([...roles.agents, ...roles.objects])];
  const entities = [
    ...new Set(
      parse.mentions.filter((m) => m.start >= clause.start && m.end <= clause.end).map((m) => m.entity.id),
    ),
  ];
  const quantities = sentenceQuantities.filter((q) => q.start >= clause.start && q.end <= clause.end);
  // a report needs something to tie it to the world: someone taking part, a place, a date or a count
  if (
    statement
      ? actors.length === 0
      : actors.length === 0 &&
        entities.length === 0 &&
        date === undefined &&
        roles.venue === null &&
        quantities.length === 0
  )
    return undefined;
  const ordinal = ORDINAL_BEFORE.exec(text.slice(Math.max(clause.start, p.start - 40), p.start));
  const repeat =
    AGAIN.test(text.slice(p.end, Math.min(clause.end, p.end + 40))) || (p.noun && ordinal !== null);
  const word = text.slice(p.start, p.end);
  return {
    document: doc.id,
    start: s.start,
    end: s.end,
    clause,
    predicate: { start: p.start, end: p.end, text: word, noun: p.noun },
    date: date ?? null,
    dateForm: date ? dateForm(text, date) : 'none',
    action: p.lemma,
    statement,
    passive: p.passive,
    plan: p.plan || (date?.forward ?? false),
    entities,
    actors,
    agents: roles.agents,
    objects: roles.objects,
    word: word.toLowerCase(),
    venue: roles.venue,
    repeat,
    ordinal: p.noun && ordinal ? (ORDINALS[ordinal[1]!.toLowerCase()] ?? null) : null,
    quantities,
  };
}

function dateForm(text: string, d: DateExpression): EventReport['dateForm'] {
  if (BOUND.test(text.slice(Math.max(0, d.start - 30), d.start))) return 'bound';
  return typeof d.anchor === 'object' && d.anchor !== null
    ? 'relative'
    : NAMES_A_DATE.test(d.text)
      ? 'explicit'
      : 'relative';
}

/**
 * The date a clause's predicate hangs on: the placeable date nearest before it ("Four weeks
 * later, on September 11th, Lukashenko met"); with none before it, the most precise one after it,
 * explicit before relative.
 */
function dateOf(
  candidates: readonly DateExpression[],
  at: number,
  text: string,
  predicateEnd: number,
): DateExpression | undefined {
  // a date right after the predicate is its own ("normalization in 2014", "died on 6th June")
  const adjacent = candidates.find(
    (d) => d.start >= predicateEnd && ADJACENT.test(text.slice(predicateEnd, d.start)),
  );
  if (adjacent) {
    // "yesterday (July 21st)": the written date in brackets restates it
    const restated = candidates.find(
      (d) => d.start > adjacent.end && /^\s*\(\s*$/.test(text.slice(adjacent.end, d.start)),
    );
    return restated && NAMES_A_DATE.test(restated.text) ? restated : adjacent;
  }
  const before = candidates.filter((d) => d.end <= at).sort((a, b) => b.end - a.end)[0];
  if (before) return before;
  // a date the text names ("July 21st") before one read from the publication day ("yesterday (July 21st)")
  const anchorRank = (d: DateExpression): number =>
    d.anchor === null || (d.anchor === 'published' && NAMES_A_DATE.test(d.text))
      ? 0
      : d.anchor === 'published'
        ? 1
        : 2;
  return [...candidates].sort(
    (a, b) =>
      PLACEABLE[a.granularity!]! - PLACEABLE[b.granularity!]! ||
      anchorRank(a) - anchorRank(b) ||
      a.start - b.start,
  )[0];
}
