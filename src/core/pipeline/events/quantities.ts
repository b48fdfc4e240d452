/**
 * Counts in a clause: a number with the noun it counts ("16 prisoners", "forty workers"), marked
 * when it is approximate ("about 300") or a total over several happenings ("in all", "so far").
 */
import type { Span } from '../text/document';
import type { DateExpression } from '../dates/date-expressions';

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
  /\b(?:total|totals|totalling|totaling|in all|altogether|all told|both|combined|overall|cumulative|so far|to date|thus far|since (?:January|February|March|April|May|June|July|August|September|October|November|December|the (?:start|beginning)|last|then|\d{4})|bringing the (?:number|total|tally) to|(?:rose|risen|rising|climbed|increased|grew|jumped) to|reached|toll)\b/gi;
const MULTIPLIER: Record<string, number> = { thousand: 1_000, million: 1_000_000, billion: 1_000_000_000 };

/** The counts in `text`, a clause starting at `offset` of its document; numbers inside dates are not counts. */
export function quantitiesIn(text: string, offset: number, dates: readonly DateExpression[]): Quantity[] {
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
