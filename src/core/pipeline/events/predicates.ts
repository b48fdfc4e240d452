/**
 * Event predicates: the words of a sentence that name a happening, found with a general method
 * rather than a list of actions. A verb the part-of-speech tagger finds is a predicate unless it
 * is an auxiliary, a copula or negated; a noun is one when WordNet gives it an event sense
 * ("death", "fire", "dismissals"). A light verb hands its event noun the role ("held talks",
 * "caught fire"), and so does a verb of occurring ("a fire broke out"). Verbs of saying are kept
 * but marked: they are the happening only when their clause says nothing else.
 */
import type { Span } from '../text/document';
import type { Sentence } from '../text/sentences';
import type { Token } from '../entities/tagger/tokenize';
import { partsOfSpeech } from '../words/pos-tagger';
import { eventNoun, isReporting, verbClass, verbLemma } from '../words/lexicon';

/** A word (or two, for a phrasal verb) naming a happening, with what its context says of it. */
export interface Predicate extends Span {
  /** The sentence it is in (its index). */
  readonly sentence: number;
  /** The base form: a verb's infinitive, or the verb an event noun derives from, else the noun's singular. */
  readonly lemma: string;
  /** A noun ("the death of"), not a verb ("died"). */
  readonly noun: boolean;
  /** A verb of saying ("said", "announced"): the happening only when nothing else is. */
  readonly reporting: boolean;
  /** Not (yet) real: after a modal or "to" ("will be sentenced", "plans to resign"). */
  readonly plan: boolean;
  /** Passive ("was arrested"): the subject was acted on. */
  readonly passive: boolean;
  /** The clause of the sentence it heads. */
  readonly clause: Span;
}

const AUXILIARIES = new Set([
  'be',
  'have',
  'do',
  'will',
  'would',
  'shall',
  'should',
  'can',
  'could',
  'may',
  'might',
  'must',
  'ought',
  'get',
  'become',
  'seem',
  'appear',
  'remain',
  'let',
  'need',
  'dare',
  'used',
  'going',
  'keep',
]);
// Verbs whose object carries the happening: "held talks", "made a visit", "caught fire", "took part in".
const LIGHT = new Set([
  'hold',
  'make',
  'take',
  'give',
  'have',
  'pay',
  'conduct',
  'catch',
  'carry',
  'stage',
  'launch',
  'undergo',
  'suffer',
  'face',
  'announce',
  'report',
  'confirm',
  'order',
  'begin',
  'start',
  'call',
]);
// Verbs that say an event noun happened: "a fire broke out", "an earthquake struck", "the crash occurred".
const OCCURRING = new Set([
  'occur',
  'happen',
  'break',
  'strike',
  'hit',
  'erupt',
  'rock',
  'engulf',
  'ensue',
  'spread',
  'rage',
]);
// Nouns WordNet files as events that name a stretch of time, not a happening: "took the time", "at the moment".
const TIME_NOUNS = new Set([
  'time',
  'times',
  'moment',
  'moments',
  'occasion',
  'occasions',
  'instance',
  'period',
]);
// Nouns that say when, after the noun they follow: "caught fire yesterday", "held talks Monday".
const WHEN_WORD =
  /^(?:yesterday|today|tonight|tomorrow|morning|afternoon|evening|night|overnight|(?:mon|tues|wednes|thurs|fri|satur|sun)day)$/;
/** The event noun a word is, unless it names a stretch of time. */
function eventNounOf(word: string): ReturnType<typeof eventNoun> {
  return TIME_NOUNS.has(word) ? undefined : eventNoun(word);
}
// Words after a noun that attach its participants: "the death of", "talks with", "a visit by".
const COMPLEMENT = /^(?:of|by|with|between|against|among|on|over|for|into)$/;
const NEGATION = /^(?:not|n't|never|no)$/i;
const MODAL = /^(?:will|would|shall|'ll|’ll|could|might|may|should|must|to)$/i;
const BE = /^(?:be|is|are|was|were|been|being|am|'s|’s|get|gets|got|gotten|getting)$/i;
// Clause breaks: punctuation, and words that open a new clause when a verb follows.
const BREAK_PUNCT = /^[;:—–()"“”]$/u;
const OPENER_TAG = /^(?:CC|WDT|WP|WP\$|WRB)$/;
const OPENER_WORD =
  /^(?:while|when|after|before|because|as|although|though|since|until|if|that|which|who|where|whereas)$/i;

/** The tagged tokens of one sentence. */
interface Tagged {
  readonly tokens: readonly Token[];
  readonly tags: readonly string[];
}

/**
 * The predicates of an article, sentence by sentence. Tokens inside `names` (spans of name
 * mentions and dates, by start) are never predicates: "Promises Treatment Center" names a place,
 * not a treatment, and "March" is a month.
 */
export function findPredicates(
  text: string,
  sentences: readonly Sentence[],
  names: readonly Span[] = [],
): Predicate[] {
  const out: Predicate[] = [];
  let ni = 0;
  for (const s of sentences) {
    while (ni < names.length && names[ni]!.end <= s.start) ni++;
    if (s.end - s.start > 4000) continue;
    const tokens = partsOfSpeech(text, s.start, s.end);
    if (tokens.length === 0) continue;
    const tags = tokens.map((t) => t.tag);
    const inName = tokens.map((t) => {
      for (let k = ni; k < names.length && names[k]!.start < t.end; k++)
        if (names[k]!.end > t.start) return true;
      return false;
    });
    out.push(...predicatesOf({ tokens, tags }, s, inName));
  }
  return out;
}

function predicatesOf({ tokens, tags }: Tagged, s: Sentence, inName: readonly boolean[]): Predicate[] {
  const lower = tokens.map((t) => t.text.toLowerCase());
  const found: {
    at: number;
    end: number;
    lemma: string;
    noun: boolean;
    reporting: boolean;
    plan: boolean;
    passive: boolean;
  }[] = [];
  const taken = new Set<number>();
  let lastVerb = -1;
  for (let i = 0; i < tokens.length; i++) {
    const tag = tags[i]!;
    if (inName[i] || taken.has(i)) continue;
    // a label opening a line ("Published:", "Updated:") names no happening
    if (lower[i + 1] === ':' && i <= 1) continue;
    if (tag.startsWith('VB')) {
      const lemma = verbLemma(lower[i]!) ?? lower[i]!;
      // an auxiliary ("has resigned", "was arrested") or a copula ("was a star") names no happening
      if (AUXILIARIES.has(lemma)) continue;
      if (negated(lower, i)) continue;
      // "is expected to resign", "was set to meet": the happening is the verb after "to"
      if (tag === 'VBN' && lower[i + 1] === 'to' && tags[i + 2]?.startsWith('VB')) continue;
      // a state is no happening ("remains", "includes", "continues")
      if (verbClass(lemma) === 'stative') continue;
      // a participle or gerund used as an adjective or noun: "the injured man", "the ruling party"
      if (
        (tag === 'VBN' || tag === 'VBG' || tag === 'VBD') &&
        i > 0 &&
        /^(?:DT|PRP\$|JJ|POS)$/.test(tags[i - 1]!) &&
        i + 1 < tokens.length &&
        /^NN/.test(tags[i + 1]!)
      )
        continue;
      let end = i;
      let phrasal = lemma;
      // "broke out", "walked off": a particle right after the verb belongs to it
      if (i + 1 < tokens.length && tags[i + 1] === 'RP') {
        end = i + 1;
        phrasal = verbLemma(`${lower[i]} ${lower[i + 1]}`) ?? lemma;
      }
      lastVerb = end;
      const object =
        LIGHT.has(lemma) || OCCURRING.has(lemma)
          ? eventObject(tokens, tags, lower, inName, i, end, lemma)
          : undefined;
      if (object !== undefined) {
        const noun = eventNoun(lower[object]!);
        if (noun) {
          taken.add(object);
          // the subject of a verb of occurring was met first: "an earthquake struck" is one happening
          if (found.some((f) => f.at === object)) continue;
          found.push({
            at: object,
            end: object,
            lemma: noun.verb ?? noun.lemma,
            noun: true,
            reporting: false,
            plan: plannedAt(lower, tags, i),
            passive: false,
          });
          continue;
        }
      }
      found.push({
        at: i,
        end,
        lemma: phrasal,
        noun: false,
        reporting: isReporting(lemma),
        plan: plannedAt(lower, tags, i),
        passive: tag === 'VBN' && passiveAt(lower, tags, i),
      });
      continue;
    }
    if (/^NNS?$/.test(tag) || (tag === 'NNP' && isHeadlineCase(tokens))) {
      const noun = eventNounOf(lower[i]!);
      if (!noun) continue;
      // a noun whose first sense is no happening names one only with its participants or date beside it
      // ("the meeting with Lukashenko", "Pompeo's visit", "the June 21 talks"), not alone ("the government")
      if (noun.sense > 0 && !complemented(tokens, tags, lower, i)) continue;
      // nor as the object of a verb that is the happening ("walked off the job", "won the match")
      if (lastVerb >= 0 && tags.slice(lastVerb + 1, i).every((t) => /^(?:DT|JJ|PRP\$|CD)$/.test(t))) continue;
      // a noun modifying another noun ("strike action", "fire brigade") names no happening of its own
      if (i + 1 < tokens.length && /^NN/.test(tags[i + 1]!) && !inName[i + 1]) continue;
      found.push({
        at: i,
        end: i,
        lemma: noun.verb ?? noun.lemma,
        noun: true,
        reporting: false,
        plan: false,
        passive: false,
      });
    }
  }
  const cuts = clauseCuts(
    tokens,
    tags,
    lower,
    found.filter((f) => !f.noun).map((f) => f.at),
  );
  return found.map((f) => {
    let from = s.start;
    let to = s.end;
    let k = -1;
    for (const [i, c] of cuts.entries()) {
      if (c <= f.at) {
        from = tokens[c]!.start;
        k = i;
      } else {
        to = tokens[c]!.start;
        break;
      }
    }
    // "Antony Blinken, who arrived in Kyiv on Wednesday, met Zelensky": a clause that opens on its
    // verb right after a relative clause set off by commas takes the subject before that clause
    if (k >= 0 && !f.noun && cuts[k] === f.at && tokens[f.at - 1]?.text === ',') {
      const before = k >= 1 ? cuts[k - 1]! : 0;
      for (let j = before + 1; j < f.at; j++)
        if (/^(?:WP|WDT)$/.test(tags[j]!) && tokens[j - 1]!.text === ',') {
          from = tokens[before]!.start;
          break;
        }
    }
    return {
      start: tokens[f.at]!.start,
      end: tokens[f.end]!.end,
      sentence: s.index,
      lemma: f.lemma,
      noun: f.noun,
      reporting: f.reporting,
      plan: f.plan,
      passive: f.passive,
      clause: { start: from, end: to },
    };
  });
}

/** A noun with a participant or date beside it: "of/by/with/between/against X" after, a name, possessive or number before. */
function complemented(
  tokens: readonly Token[],
  tags: readonly string[],
  lower: readonly string[],
  i: number,
): boolean {
  const next = lower[i + 1];
  if (next !== undefined && COMPLEMENT.test(next)) return true;
  const prev = tags[i - 1];
  return prev !== undefined && /^(?:NNP|NNPS|POS|CD)$/.test(prev) && !/^[,;:]$/.test(tokens[i - 1]!.text);
}

function negated(lower: readonly string[], i: number): boolean {
  for (let j = i - 1; j >= 0 && j >= i - 3; j--) {
    if (NEGATION.test(lower[j]!)) return true;
    if (/^[,;:.]$/.test(lower[j]!)) break;
  }
  return false;
}

/** "will be sentenced", "plans to resign", "is to visit": a modal or "to" before the verb and its auxiliaries. */
function plannedAt(lower: readonly string[], tags: readonly string[], i: number): boolean {
  for (let j = i - 1; j >= 0 && j >= i - 4; j--) {
    if (MODAL.test(lower[j]!)) return true;
    if (!(tags[j]!.startsWith('VB') || tags[j]!.startsWith('RB') || tags[j] === 'MD')) return false;
  }
  return false;
}

function passiveAt(lower: readonly string[], tags: readonly string[], i: number): boolean {
  for (let j = i - 1; j >= 0 && j >= i - 3; j--) {
    if (BE.test(lower[j]!)) return true;
    if (!tags[j]!.startsWith('RB')) return false;
  }
  return false;
}

/**
 * The event noun a light or occurring verb carries: its object ("held talks", "caught fire") or,
 * for a verb of occurring, its subject ("a fire broke out", "the earthquake struck").
 */
function eventObject(
  tokens: readonly Token[],
  tags: readonly string[],
  lower: readonly string[],
  inName: readonly boolean[],
  verb: number,
  end: number,
  lemma: string,
): number | undefined {
  // object: the head noun of the phrase after the verb, within a few words
  if (LIGHT.has(lemma)) {
    for (let j = end + 1; j < tokens.length && j <= end + 4; j++) {
      if (/^NNS?$/.test(tags[j]!) && !inName[j]) {
        // "caught fire yesterday": a time word after the noun names when, not a compound's head
        if (j + 1 < tokens.length && /^NNS?$/.test(tags[j + 1]!) && !WHEN_WORD.test(lower[j + 1]!)) continue;
        return eventNounOf(lower[j]!) ? j : undefined;
      }
      if (
        !/^(?:DT|JJ|JJR|JJS|PRP\$|CD|RB|IN)$/.test(tags[j]!) ||
        (tags[j] === 'IN' && lower[j] !== 'in' && lower[j] !== 'of')
      )
        break;
    }
  }
  if (OCCURRING.has(lemma)) {
    // subject: the noun right before the verb (skipping adverbs and auxiliaries)
    for (let j = verb - 1; j >= 0 && j >= verb - 4; j--) {
      if (/^NNS?$/.test(tags[j]!) && !inName[j]) return eventNoun(lower[j]!) ? j : undefined;
      if (!/^(?:RB|MD|VB[DZPN]?)$/.test(tags[j]!)) break;
    }
  }
  return undefined;
}

/**
 * Where a sentence's clauses begin: between two verb predicates, at the last break before the
 * second one (punctuation, a conjunction, a relative pronoun or a subordinator).
 */
function clauseCuts(
  tokens: readonly Token[],
  tags: readonly string[],
  lower: readonly string[],
  verbs: readonly number[],
): number[] {
  const cuts: number[] = [];
  for (let k = 1; k < verbs.length; k++) {
    let cut = -1;
    // the last break before the second verb; a word opening a clause ("that", "who", "and") wins
    // over commas after it, which set off an apposition of the subject ("that the actress, Esther
    // Williams, died")
    for (let j = verbs[k]! - 1; j > verbs[k - 1]!; j--) {
      if (OPENER_TAG.test(tags[j]!) || OPENER_WORD.test(lower[j]!)) {
        cut = j;
        break;
      }
      if (cut < 0 && (BREAK_PUNCT.test(tokens[j]!.text) || tokens[j]!.text === ',')) cut = j + 1;
      if (BREAK_PUNCT.test(tokens[j]!.text)) break;
    }
    if (cut > 0 && cut < tokens.length) cuts.push(cut);
  }
  return cuts;
}

/** A headline in Title Case or capitals: the tagger calls its nouns proper, so event nouns are looked up anyway. */
function isHeadlineCase(tokens: readonly Token[]): boolean {
  const words = tokens.filter((t) => /^\p{L}{4,}$/u.test(t.text));
  return words.length >= 2 && words.filter((t) => /^\p{Lu}/u.test(t.text)).length >= words.length * 0.8;
}
