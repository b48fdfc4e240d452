/**
 * Entity mentions in one document: names found by the trained tagger (tagger/), sentence by
 * sentence, cleaned to exact name spans (no titles, punctuation, quotes or possessive endings).
 */
import type { CorpusDocument, Span } from '../text/document';
import type { Sentence } from '../text/sentences';
import type { EntityType } from '../manifest/manifest';
import { Tagger, spansOf, type TaggerModel, type TaggedSpan } from './tagger/tagger';
import { tokenize } from './tagger/tokenize';
import model from './tagger/model.json';

/** A name in the text, with the type the evidence at this place suggests. */
export interface Mention extends Span {
  readonly text: string;
  readonly type: EntityType;
  /** How it was found: the tagger, a name known from elsewhere in the corpus, or a name in another script. */
  readonly via: 'tagger' | 'known-name' | 'script';
}

// Words that name a role, not a person: "President Trump" is the mention "Trump".
const TITLES = new Set([
  'president',
  'vice',
  'prime',
  'minister',
  'secretary',
  'senator',
  'sen',
  'rep',
  'representative',
  'governor',
  'gov',
  'mayor',
  'chancellor',
  'king',
  'queen',
  'prince',
  'princess',
  'pope',
  'sir',
  'dame',
  'lord',
  'lady',
  'mr',
  'mrs',
  'ms',
  'miss',
  'dr',
  'prof',
  'professor',
  'gen',
  'general',
  'col',
  'colonel',
  'lt',
  'capt',
  'captain',
  'judge',
  'justice',
  'ambassador',
  'envoy',
  'special',
  'commissioner',
  'chairman',
  'chairwoman',
  'director',
  'premier',
  'deputy',
  'leader',
  'opposition',
  'former',
  'the',
  'u.s',
  'us',
  'sheikh',
  'rev',
  'spokesman',
  'spokeswoman',
  'presidential',
  'ceo',
  'coach',
  'manager',
  'dictator',
]);

// Forms of address that only ever stand before a person's name: "Mr Blair" is a person whatever
// type the tagger gave the span (it typed BBC's "Mr Blair" a place), and the mention is "Blair".
const HONORIFIC = /^(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Sir|Dame)\.?\s+[\p{Lu}\p{Lt}]/u;

const NOT_NAMES = new Set([
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
  'today',
  'yesterday',
  'tomorrow',
  'mr',
  'mrs',
  'ms',
  'dr',
  'he',
  'she',
  'they',
  'it',
  'we',
  'i',
  'you',
  'his',
  'her',
  'their',
]);

export const PLACE_ACRONYMS = new Set([
  'US',
  'U.S.',
  'USA',
  'U.S.A.',
  'UK',
  'U.K.',
  'UAE',
  'DRC',
  'USSR',
  'PRC',
]);

const LETTER = /[\p{L}\p{N}]/u;

/** Shrinks a raw span to the name itself; undefined when nothing name-like is left. */
export function cleanName(text: string, start: number, end: number, person = true): Span | undefined {
  let s = start;
  let e = end;
  while (s < e && !LETTER.test(text[s]!)) s++;
  while (e > s && !LETTER.test(text[e - 1]!) && text[e - 1] !== '.') e--;
  // a trailing full stop stays only on abbreviations such as "U.S."
  if (
    e > s &&
    text[e - 1] === '.' &&
    !/(?:^|[^\p{L}])\p{L}\.\p{L}\.$/u.test(text.slice(Math.max(s, e - 6), e))
  )
    e--;
  const possessive = /['\u2019]s?$/.exec(text.slice(s, e));
  if (possessive) e -= possessive[0].length;
  while (s < e && !LETTER.test(text[s]!)) s++;
  while (e > s && !LETTER.test(text[e - 1]!) && text[e - 1] !== '.') e--;
  // drop leading titles and role words, one word at a time
  for (;;) {
    const m = /^([\p{L}.]+)(\s+)/u.exec(text.slice(s, e));
    const word = m?.[1]!.toLowerCase().replace(/\.$/, '');
    if (!m || !(person ? TITLES.has(word!) : word === 'the')) break;
    s += m[0].length;
  }
  // a name never spans a bracket: "Paul Tracy ( Canada" is "Paul Tracy"
  const bracket = text.slice(s, e).search(/[()[\]{}]/);
  if (bracket > 0) return cleanName(text, s, s + bracket, person);
  // nor ends on a small word: "Baltic Institute of" is "Baltic Institute"
  const tail = /(?:\s+(?:of|the|and|for|in|on|at|to|de|du|la))+$/.exec(text.slice(s, e));
  if (tail && tail.index > 0) e = s + tail.index;
  if (e <= s) return undefined;
  const name = text.slice(s, e);
  if (!/^[\p{Lu}\p{Lt}]/u.test(name) && !/^\p{N}/u.test(name)) return undefined;
  if (NOT_NAMES.has(name.toLowerCase()) || TITLES.has(name.toLowerCase())) return undefined;
  if (/\n|\r/.test(name)) return undefined;
  return { start: s, end: e };
}

const TYPE_PRIORITY: Record<EntityType, number> = { person: 3, organization: 2, place: 1, other: 0 };

const TYPES: Record<TaggedSpan['type'], EntityType> = {
  PER: 'person',
  LOC: 'place',
  ORG: 'organization',
  MISC: 'other',
};

const DEMONYM = /^\p{Lu}[\p{Ll}-]*(?:ian|ean|an|ese|ish|ic|i|ch)s?$/u;

const SLAVIC_FULL_NAME =
  /^\p{Lu}\p{Ll}+(?:\s\p{Lu}\p{Ll}+)?\s\p{Lu}\p{Ll}+(?:vich|vych|ovich|evich|enko|chuk|czuk|yuk|ski|sky|skiy|skaya|ska|ov|ova|ev|eva|in|ina|yn|yna)$/u;

let tagger: Tagger | undefined;

/** Detects the names of each sentence with the tagger. */
export function detectMentions(doc: CorpusDocument, sentences: readonly Sentence[]): Mention[] {
  tagger ??= new Tagger(model as TaggerModel);
  const found: Mention[] = [];
  const text = doc.text;
  for (const s of sentences) {
    const tokens = tokenize(text, s.start, s.end);
    // In a Title Case Headline every word looks like a name: there only names known from the
    // article's body count (entities.ts re-reads them).
    if (isTitleCase(tokens)) continue;
    for (const t of spansOf(tokens, tagger.tag(tokens))) {
      const type = HONORIFIC.test(text.slice(t.start, t.end)) ? 'person' : TYPES[t.type];
      const span = cleanName(text, t.start, t.end, type === 'person');
      if (!span) continue;
      const name = text.slice(span.start, span.end);
      // "Belarusian", "Russian": a nationality word is not a thing to navigate to
      if (type === 'other' && DEMONYM.test(name)) continue;
      // "Roman Protasevich": two or three capitalised words ending in a Slavic surname form are a person
      if (type === 'other' && SLAVIC_FULL_NAME.test(name)) {
        found.push({ start: span.start, end: span.end, text: name, type: 'person', via: 'tagger' });
        continue;
      }
      // "LukashenkoKremlin": words run together by a web page's layout, not a name
      if (/\p{Ll}\p{Lu}/u.test(name.replace(/\b(?:Mc|Mac|De|Di|Le|La|Van|Von|Al)(?=\p{Lu})/gu, ''))) continue;
      found.push({
        start: span.start,
        end: span.end,
        text: name,
        type: PLACE_ACRONYMS.has(name) ? 'place' : type,
        via: 'tagger',
      });
    }
  }
  return resolveOverlaps(splitPlacePrefixes(found, text));
}

/**
 * "President of Belarus Alexander Lukashenko": the tagger may run a place into the person
 * name after it. When the first word is a place or organisation in this same article and a
 * full name (two words or more) remains, the two are split.
 */
function splitPlacePrefixes(found: Mention[], text: string): Mention[] {
  const places = new Map(
    found.filter((m) => m.type === 'place' || m.type === 'organization').map((m) => [m.text, m.type]),
  );
  return found.flatMap((m): Mention[] => {
    const first = /^(\S+)\s+(?=\S+\s+\S)/u.exec(m.text);
    const placeType = first && places.get(first[1]!);
    if (m.type !== 'person' || !first || !placeType) return [m];
    const place: Mention = {
      start: m.start,
      end: m.start + first[1]!.length,
      text: first[1]!,
      type: placeType,
      via: m.via,
    };
    // what is left is cleaned like any person's name ("Tanzania Mr Brown" is "Tanzania" and "Brown")
    const rest = cleanName(text, m.start + first[0].length, m.end, true);
    return rest
      ? [
          place,
          {
            start: rest.start,
            end: rest.end,
            text: text.slice(rest.start, rest.end),
            type: 'person',
            via: m.via,
          },
        ]
      : [place];
  });
}

// Small words that only a Title Case Headline capitalises mid-sentence.
const HEADLINE_WORDS =
  /^(?:From|In|On|Of|The|And|To|For|With|Not|As|At|By|Is|Are|Over|After|Into|Its|Why|How|What|Who)$/;

/**
 * A headline in Title Case: most longer words capitalised and a capitalised small word inside
 * ("Pivot From Moscow"). A citation "[Artyom Shraibman, Carnegie Politika, …]" is not one.
 */
function isTitleCase(tokens: readonly { text: string }[]): boolean {
  let words = 0;
  let titled = 0;
  for (const { text } of tokens) {
    if (!startsWithLetters(text)) continue;
    words++;
    if (startsTitled(text)) titled++;
  }
  return words >= 3 && titled >= words * 0.75 && tokens.slice(1).some((t) => HEADLINE_WORDS.test(t.text));
}

// what the patterns below say, read from the character codes where the word starts in ASCII (this runs per word of every article)
const isAsciiLetter = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

/** /^\p{L}{4,}/u: four letters first. */
function startsWithLetters(word: string): boolean {
  for (let k = 0; k < 4; k++) {
    const c = word.charCodeAt(k);
    if (c >= 128) return /^\p{L}{4,}/u.test(word);
    if (!isAsciiLetter(c)) return false; // NaN (a shorter word) too
  }
  return true;
}

/** /^\p{Lu}\p{Ll}/u: a capital, then a small letter. */
function startsTitled(word: string): boolean {
  const first = word.charCodeAt(0);
  const second = word.charCodeAt(1);
  if (first >= 128 || second >= 128) return /^\p{Lu}\p{Ll}/u.test(word);
  return first >= 65 && first <= 90 && second >= 97 && second <= 122;
}

/** Keeps the longest of overlapping mentions; on equal spans the stronger type wins. */
export function resolveOverlaps(mentions: Mention[]): Mention[] {
  const sorted = [...mentions].sort(
    (a, b) =>
      a.start - b.start ||
      b.end - b.start - (a.end - a.start) ||
      TYPE_PRIORITY[b.type] - TYPE_PRIORITY[a.type],
  );
  const out: Mention[] = [];
  for (const m of sorted) {
    const last = out[out.length - 1];
    if (last && m.start < last.end) continue;
    out.push(m);
  }
  return out;
}
