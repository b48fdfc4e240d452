/**
 * Date expressions in an article: found by rules (date-rules.ts) with exact spans as TimeML marks
 * them (no leading "on"/"in"), then resolved to an interval anchored on the publication date.
 * News speaks mostly of the recent past, so a bare "September 11" is the last one before
 * publication unless the words around it look forward; "four weeks later" hangs on the previous
 * date in the text, "a year earlier" in an earnings report on the quarter it reports.
 *
 * Finding does not depend on the publication date, so an article's matches are computed once and
 * kept (per sentence list) for both publicationDate and findDates.
 */
import type { CorpusDocument, Span } from '../text/document';
import type { Sentence } from '../text/sentences';
import { daysBetween, type Granularity, type Interval } from './partial-date';
import { RULES, cuesOf, type Anchor, type Quarter, type Rule, type Tense } from './date-rules';

/** A date expression and what it resolves to. */
export interface DateExpression extends Span {
  readonly text: string;
  /** A point (or span) in time, or a length of time ("for a week"). */
  readonly kind: 'point' | 'duration';
  readonly from: string | null;
  readonly to: string | null;
  readonly granularity: Granularity | null;
  /** What a relative expression was resolved from: the publication date or an earlier expression's offset. */
  readonly anchor: 'published' | { readonly start: number } | null;
  readonly sentence: number;
  /** The words around the expression look forward ("will be deployed in December"). */
  readonly forward: boolean;
  /** "now", "recently", "in the future": the time referred to, without a date. */
  readonly reference?: 'present' | 'past' | 'future';
  /** A recurring time ("each year", "every Monday", "weekly"), never placed on the calendar. */
  readonly recurring?: true;
}

/** A match kept after overlaps are settled; offsets relative to its sentence. */
interface Found {
  readonly start: number;
  readonly end: number;
  readonly rule: Rule;
  readonly m: RegExpExecArray;
  readonly tense: Tense;
}

interface Scanned {
  readonly sentence: Sentence;
  readonly text: string;
  readonly found: readonly Found[];
}

/** The rules' matches in one document, before they are resolved against a publication date. */
export type DateScan = readonly Scanned[];

/** Runs the rules over each sentence; the publication date and the date expressions both read the result. */
export function scanDates(doc: CorpusDocument, sentences: readonly Sentence[]): DateScan {
  return sentences.map((s) => {
    const text = doc.text.slice(s.start, s.end);
    return { sentence: s, text, found: matchSentence(text) };
  });
}

/** Every rule on one sentence; where matches overlap the longest wins (then the earliest). */
function matchSentence(text: string): Found[] {
  const all: { start: number; end: number; rule: Rule; m: RegExpExecArray }[] = [];
  const cues = cuesOf(text);
  if (cues === 0) return [];
  for (const rule of RULES) {
    if ((rule.cue & cues) === 0) continue;
    rule.re.lastIndex = 0;
    for (let m = rule.re.exec(text); m; m = rule.re.exec(text)) {
      if (m[0].length === 0) {
        rule.re.lastIndex++;
        continue;
      }
      const end = m.index + m[0].length;
      if (rule.accept && !rule.accept(m, textBefore(text, m.index), text.slice(end))) continue;
      const span = trim(text, m.index, end, rule);
      if (span.end - span.start < 2) continue;
      all.push({ start: span.start, end: span.end, rule, m });
    }
  }
  all.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: typeof all = [];
  // Every span kept so far is at least as long as the next one, so that one overlaps a kept span
  // exactly when its first or last character is taken: linear in the sentence, however many matches.
  const taken = all.length > 1 ? new Uint8Array(text.length) : undefined;
  for (const f of all) {
    if (taken) {
      if (taken[f.start] || taken[f.end - 1]) continue;
      taken.fill(1, f.start, f.end);
    }
    kept.push(f);
  }
  kept.sort((a, b) => a.start - b.start);
  let markers: ReturnType<typeof tenseMarkers> | undefined;
  return kept.map((f) => ({
    start: f.start,
    end: f.end,
    rule: f.rule,
    m: f.m,
    tense: f.rule.usesTense ? tenseAt((markers ??= tenseMarkers(text)), f.start, f.end) : 'unknown',
  }));
}

/** How far back a rule's `accept` looks: the few words before a match decide, never the sentence's start. */
const BEFORE_WINDOW = 100;

/**
 * The text before a match that its rule's `accept` sees: at most BEFORE_WINDOW characters, cut
 * just after a white-space character, so that `\b` and a word at its start mean what they mean in
 * the whole sentence. Testing a `…\s*$` pattern on all the text before each match was quadratic in
 * a long sentence full of dates.
 */
function textBefore(text: string, at: number): string {
  if (at <= BEFORE_WINDOW) return text.slice(0, at);
  const from = at - BEFORE_WINDOW;
  const space = text.slice(from, from + BEFORE_WINDOW / 2).search(/\s/);
  return text.slice(space < 0 ? from : from + space + 1, at);
}

/** Finds and resolves the date expressions of one document (pass `scan` when it was already made). */
const FOUR_DIGIT_YEARS = /^\d{4}-/;

export function findDates(
  doc: CorpusDocument,
  sentences: readonly Sentence[],
  published: Interval | undefined,
  scan: DateScan = scanDates(doc, sentences),
): DateExpression[] {
  const out: DateExpression[] = [];
  let previous: Anchor | undefined;
  let quarter: Quarter | undefined;
  for (const { sentence: s, text, found } of scan) {
    for (const f of found) {
      const ctx = { published, tense: f.tense, previous, quarter };
      const resolved = f.rule.resolve ? f.rule.resolve(f.m, ctx) : null;
      // ISO 8601 dates have four-digit years: "next year" after 31 December 9999 is left unplaced
      const r =
        resolved && FOUR_DIGIT_YEARS.test(resolved.from) && FOUR_DIGIT_YEARS.test(resolved.to)
          ? resolved
          : null;
      const e: DateExpression = {
        start: s.start + f.start,
        end: s.start + f.end,
        text: text.slice(f.start, f.end),
        kind: f.rule.kind,
        from: r?.from ?? null,
        to: r?.to ?? null,
        granularity: r?.granularity ?? null,
        anchor: r?.anchor ?? null,
        sentence: s.index,
        forward: f.tense === 'future',
        ...(f.rule.reference ? { reference: f.rule.reference(f.m) } : {}),
        ...(f.rule.recurring ? { recurring: true as const } : {}),
      };
      out.push(e);
      if (!r || f.rule.unanchoring) continue;
      // a quarter the text names sets the reporting period ("the third quarter"), unless it looks back a
      // year or has not ended by publication ("expects a fourth-quarter charge")
      if (
        r.granularity === 'quarter' &&
        daysBetween(r.from, r.to) < 93 &&
        !/year-(?:ago|earlier)|a year|last year/i.test(e.text) &&
        (!published || r.to < published.from)
      ) {
        quarter = {
          year: Number(r.from.slice(0, 4)),
          q: Math.floor((Number(r.from.slice(5, 7)) - 1) / 3) + 1,
        };
      }
      if (r.granularity === 'day' || r.granularity === 'month' || r.granularity === 'week')
        previous = { start: e.start, from: r.from, to: r.to, granularity: r.granularity };
    }
  }
  return out;
}

// ─── tense around an expression ─────────────────────────────────────────────────────────

const FUTURE =
  /\b(?:will|won't|shall|going to|plans? to|planning to|scheduled|set to|expected to|expects? to|intends? to|is to|are to|aims? to|hopes? to|would be held|upcoming|payable|due to be|next)\b/gi;
// past tense (regular and common irregular verbs, present perfect), not a participle after "is"/"will be" ("is priced Nov. 20" looks ahead)
const PAST_WORDS = [
  'was|were|had|has been|have been|did|said|told|met|went|came|took|made|gave|held|began|begun',
  'won|lost|rose|fell|ago|since|brought|bought|sold|paid|sent|spent|built|kept|left|led|ran|saw',
  'wrote|struck|fought|thought|stood|found|became|grew|cut|put|set up|hit|shut|quit|spoke|broke',
  'chose|drove|flew|froze|knew|rode|shook|stole|swore|threw|woke|wore|earned|posted|reported',
  'announced|last',
].join('|');
const PAST = new RegExp(
  `\\b(?:${PAST_WORDS})\\b|\\b(?:(?:is|are|be|been|being|to|will)\\s+)?[a-z]{3,}ed\\b`,
  'gi',
);

/** Where the sentence's future and past markers stand. */
function tenseMarkers(text: string): { at: number; end: number; tense: Tense }[] {
  const out: { at: number; end: number; tense: Tense }[] = [];
  for (const [re, tense] of [
    [FUTURE, 'future'],
    [PAST, 'past'],
  ] as const) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      // a participle after "is" or "will be" is no past ("is priced Nov. 20" looks ahead)
      if (tense === 'past' && /^(?:is|are|be|been|being|to|will)\s/i.test(m[0])) continue;
      out.push({ at: m.index, end: m.index + m[0].length, tense });
    }
  }
  return out;
}

/** The tense of the marker nearest an expression (markers inside it do not count). */
function tenseAt(
  markers: readonly { at: number; end: number; tense: Tense }[],
  start: number,
  end: number,
): Tense {
  let best: Tense = 'unknown';
  let distance = Infinity;
  for (const k of markers) {
    if (k.at >= start && k.end <= end) continue;
    const d = k.end <= start ? start - k.end : k.at - end;
    if (d >= 0 && d < distance) {
      distance = d;
      best = k.tense;
    }
  }
  return best;
}

// ─── span edges ─────────────────────────────────────────────────────────────────────────

const PREPOSITION =
  /^(?:on|in|at(?!\s+(?:least|most)\b)|by|since|until|till|during|of|for|over|within|through|throughout|after|before|from)\s+/i;
// the determiner goes when the expression modifies a noun: "a [third-quarter] loss", "the [two-week] deadline", "a [five year] low"
const MODIFIER =
  /^(?:the|a|an|its|their|this)\s+(?=(?:\S+\s+)*\S+-\S+$|(?:\d+|two|three|four|five|six|seven|eight|nine|ten|twelve|\S+ty(?:-\S+)?)[\s-](?:day|week|month|year|hour|minute|decade)$)/i;

/** Drops prepositions and punctuation at the edges (TimeML leaves them out) and a modifier's determiner. */
function trim(text: string, start: number, end: number, rule: Rule): { start: number; end: number } {
  let s = start;
  for (;;) {
    const rest = text.slice(s, end);
    const m = PREPOSITION.exec(rest);
    // "from September 25 to 29" keeps its "from"
    if (!m || (/^from/i.test(m[0]) && /\d\s*(?:-|\u2013|to|through)\s*\d/.test(rest))) break;
    s += m[0].length;
  }
  const d = MODIFIER.exec(text.slice(s, end).replace(/[\s,.;:!?)\]"\u201d\u2019]+$/, ''));
  if (
    d &&
    /^\s+[\p{L}\d]/u.test(text.slice(end)) &&
    !/^\s+(?:ended|ending|to|from|and|or|in|of|on|at|for|by|with|was|were|is|are|has|had)\b/i.test(
      text.slice(end),
    )
  ) {
    s += d[0].length;
  } else if (!rule.keepsDeterminer && /^(?:its|their)\s/i.test(text.slice(s, end))) {
    s = text.indexOf(' ', s) + 1;
  }
  let e = end;
  while (
    e > s &&
    /[\s,.;:!?)\]"\u201d\u2019]/.test(text[e - 1]!) &&
    !/(?:a\.m|p\.m|[A-Z][a-z]{2})\.$/.test(text.slice(s, e))
  )
    e--;
  while (s < e && /[\s("\u201c\u2018[]/.test(text[s]!)) s++;
  return { start: s, end: e };
}
