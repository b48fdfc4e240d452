/**
 * Entity mentions in one document: compromise's people/places/organisations, cleaned to exact
 * name spans (no titles, punctuation, quotes or possessive endings), plus acronyms.
 */
import type { CorpusDocument, Span } from '../text/document';
import type { EntityType } from '../manifest/manifest';
import { nlpNames, type NlpMatch } from '../text/nlp';

/** A name in the text, with the type the evidence at this place suggests. */
export interface Mention extends Span {
  readonly text: string;
  readonly type: EntityType;
  /** How it was found: compromise, the acronym rule, or a name known from elsewhere in the corpus. */
  readonly via: 'nlp' | 'acronym' | 'known-name';
}

// Words that name a role, not a person: "President Trump" is the mention "Trump".
const TITLES = new Set([
  'president', 'vice', 'prime', 'minister', 'secretary', 'senator', 'sen', 'rep', 'representative', 'governor',
  'gov', 'mayor', 'chancellor', 'king', 'queen', 'prince', 'princess', 'pope', 'sir', 'dame', 'lord', 'lady',
  'mr', 'mrs', 'ms', 'miss', 'dr', 'prof', 'professor', 'gen', 'general', 'col', 'colonel', 'lt', 'capt',
  'captain', 'judge', 'justice', 'ambassador', 'envoy', 'special', 'commissioner', 'chairman', 'chairwoman',
  'director', 'premier', 'deputy', 'leader', 'opposition', 'former',
  'the', 'u.s', 'us', 'sheikh', 'rev', 'spokesman', 'spokeswoman',
  'presidential', 'ceo', 'coach', 'manager', 'dictator',
]);

const NOT_NAMES = new Set([
  'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november',
  'december', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'today', 'yesterday',
  'tomorrow', 'mr', 'mrs', 'ms', 'dr', 'he', 'she', 'they', 'it', 'we', 'i', 'you', 'his', 'her', 'their',
]);

// Upper-case words that are not names of anything.
const NOT_ACRONYMS = new Set(['AI', 'TV', 'CEO', 'GDP', 'PM', 'AM', 'OK', 'ID', 'PC', 'IT', 'I', 'A', 'SP', 'FAQ', 'PS', 'PDF', 'URL', 'HTML', 'DIY', 'VIP', 'LOL']);
export const PLACE_ACRONYMS = new Set(['US', 'U.S.', 'USA', 'U.S.A.', 'UK', 'U.K.', 'UAE', 'DRC', 'USSR', 'PRC']);

const LETTER = /[\p{L}\p{N}]/u;

/** Shrinks a raw span to the name itself; undefined when nothing name-like is left. */
export function cleanName(text: string, start: number, end: number, person = true): Span | undefined {
  let s = start;
  let e = end;
  while (s < e && !LETTER.test(text[s]!)) s++;
  while (e > s && !LETTER.test(text[e - 1]!) && text[e - 1] !== '.') e--;
  // a trailing full stop stays only on abbreviations such as "U.S."
  if (e > s && text[e - 1] === '.' && !/(?:^|[^\p{L}])\p{L}\.\p{L}\.$/u.test(text.slice(Math.max(s, e - 6), e))) e--;
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
  if (e <= s) return undefined;
  const name = text.slice(s, e);
  if (!/^[\p{Lu}\p{Lt}]/u.test(name) && !/^\p{N}/u.test(name)) return undefined;
  if (NOT_NAMES.has(name.toLowerCase()) || TITLES.has(name.toLowerCase())) return undefined;
  if (/\n|\r/.test(name)) return undefined;
  return { start: s, end: e };
}

const TYPE_PRIORITY: Record<EntityType, number> = { person: 3, organization: 2, place: 1, other: 0 };

/** Detects mentions paragraph by paragraph (compromise sees one line at a time). */
export function detectMentions(doc: CorpusDocument): Mention[] {
  const found: Mention[] = [];
  const text = doc.text;
  const add = (type: EntityType, via: Mention['via'], base: number, m: NlpMatch): void => {
    const span = cleanName(text, base + m.start, base + m.end, type === 'person');
    if (!span) return;
    const name = text.slice(span.start, span.end);
    found.push({ ...span, text: name, type: PLACE_ACRONYMS.has(name) ? 'place' : type, via });
  };
  const lineRe = /[^\r\n]+/g;
  for (let line = lineRe.exec(text); line; line = lineRe.exec(text)) {
    const base = line.index;
    const names = nlpNames(line[0]);
    for (const m of names.people) add('person', 'nlp', base, m);
    for (const m of names.organizations) add('organization', 'nlp', base, m);
    for (const m of names.places) add('place', 'nlp', base, m);
  }
  const acronymRe = /(?<![\p{L}\p{N}])(?:(?:\p{Lu}\.){2,}|\p{Lu}[\p{Lu}&]{1,7}(?:\/\p{Lu}{2,6})?)(?![\p{L}\p{N}])/gu;
  for (let m = acronymRe.exec(text); m; m = acronymRe.exec(text)) {
    const word = m[0];
    if (NOT_ACRONYMS.has(word) || isShouting(text, m.index, word.length)) continue;
    found.push({ start: m.index, end: m.index + word.length, text: word, type: PLACE_ACRONYMS.has(word) ? 'place' : 'organization', via: 'acronym' });
  }
  return resolveOverlaps(found);
}

/** A run of several upper-case words is a shouted headline, not acronyms. */
function isShouting(text: string, start: number, length: number): boolean {
  const around = text.slice(Math.max(0, start - 20), start + length + 20);
  return (around.match(/\b\p{Lu}{3,}\b/gu) ?? []).length >= 3;
}

/** Keeps the longest of overlapping mentions; on equal spans the stronger type wins. */
export function resolveOverlaps(mentions: Mention[]): Mention[] {
  const sorted = [...mentions].sort((a, b) => a.start - b.start || (b.end - b.start) - (a.end - a.start) || TYPE_PRIORITY[b.type] - TYPE_PRIORITY[a.type]);
  const out: Mention[] = [];
  for (const m of sorted) {
    const last = out[out.length - 1];
    if (last && m.start < last.end) continue;
    out.push(m);
  }
  return out;
}
