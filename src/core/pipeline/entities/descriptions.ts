/**
 * Descriptions: the apposition after a mention ("Keith Kellogg, Trump's special envoy for
 * Ukraine, ...") or the role just before it ("presidential press secretary Natalia Esmont"),
 * the first found in the order of an entity's mentions.
 */
import type { Span } from '../text/document';

/** An apposition after a mention: "Keith Kellogg, Trump's special envoy for Ukraine, ...". */
const ROLE_WORDS = new Set([
  'secretary',
  'president',
  'minister',
  'envoy',
  'leader',
  'spokesman',
  'spokeswoman',
  'spokesperson',
  'director',
  'ambassador',
  'representative',
  'consultant',
  'analyst',
  'editor',
  'correspondent',
  'commander',
  'chairman',
  'chairwoman',
  'adviser',
  'advisor',
  'founder',
  'official',
  'diplomat',
  'governor',
  'mayor',
  'chancellor',
  'general',
  'negotiator',
  'researcher',
  'professor',
  'economist',
  'lawyer',
  'journalist',
  'activist',
  'candidate',
]);

/** The letters before the white space that ends `text[from, end)` ('' when no white space ends it). */
function lastWord(text: string, from: number, end: number): string {
  let i = end;
  while (i > from && WHITE.test(text[i - 1]!)) i--;
  if (i === end) return '';
  const last = i;
  while (i > from && LETTER.test(text[i - 1]!)) i--;
  return text.slice(i, last);
}

const WHITE = /\s/;
const LETTER = /\p{L}/u;
const DESCRIPTION_AFTER =
  /^,\s+((?:a|an|the|\p{Lu}[\p{L}.]*['\u2019]s)\s[^,;.()\n\u201c\u201d"\u2013\u2014]{3,120}?)(?=[;.)]|\s*[\u2013\u2014]|,(?!\s+and\b)|\s+(?:said|says|stated|told|has|had|was|is)\b)/u;

// up to three lower-case words and a role word, just before the name: "presidential press secretary"
const ROLE_BEFORE_NAME = new RegExp(
  `((?:[\\p{Ll}][\\p{Ll}-]+\\s+){0,3}(?:${[...ROLE_WORDS].join('|')}))\\s+$`,
  'u',
);

/** A mention looked at for a description: where it is. */
export interface DescribedMention extends Span {
  readonly document: string;
}

/** What a look at a mention in its text found (undefined: not looked yet; null: nothing). */
export interface DescriptionLook {
  readonly text: string;
  after?: string | null;
  before?: string | null;
}

/**
 * The first description of the mentions, and the document it is in. `lookAt` gives the look to
 * fill at a mention (a caller that makes entities again and again may keep them).
 */
export function findDescription<M extends DescribedMention>(
  mentions: readonly M[],
  textOf: (document: string) => string,
  lookAt: (mention: M, text: string) => DescriptionLook = (_, text) => ({ text }),
): { text: string; source: string } | undefined {
  for (const m of mentions) {
    const seen = lookAt(m, textOf(m.document));
    if (seen.after === undefined) {
      // only after a comma (most names have none after them: nothing is cut out to look)
      const a =
        seen.text.charCodeAt(m.end) === 44
          ? DESCRIPTION_AFTER.exec(seen.text.slice(m.end, m.end + 160))
          : null;
      seen.after = a ? a[1]!.trim() : null;
    }
    if (seen.after !== null) return { text: seen.after, source: m.document };
  }
  // a role before the name: "presidential press secretary Natalia Esmont"
  for (const m of mentions) {
    const seen = lookAt(m, textOf(m.document));
    if (seen.before === undefined) {
      const from = Math.max(0, m.start - 80);
      // the full pattern only where the word before the name is a role (it is slow to try everywhere)
      const r = ROLE_WORDS.has(lastWord(seen.text, from, m.start))
        ? ROLE_BEFORE_NAME.exec(seen.text.slice(from, m.start))
        : null;
      seen.before = r ? r[1]!.trim() : null;
    }
    if (seen.before !== null) return { text: seen.before, source: m.document };
  }
  return undefined;
}
