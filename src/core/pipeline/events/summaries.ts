/**
 * An event's one-line summary in headline English, from the text of its most informative report:
 * who did what to whom, where ("Esther Williams dies in Beverly Hills", "Port authority dismisses
 * contract workers"), or for a happening named by a noun, the noun and its place ("Fire at the
 * Waitrose supermarket in Wellington").
 */
import type { Entity } from '../entities/entities';
import { tokenize } from '../entities/tagger/tokenize';
import type { EventReport } from './reports';

/** Words that end a phrase taken from the text for a summary. */
const PHRASE_END =
  /^(?:[,;:.!?()"“”—–]|and|or|but|that|which|who|whom|while|when|after|before|because|as|since|until|on|last|this|yesterday|today|tonight|earlier|later|early|late|according|said|says)$/i;
const ARTICLE = /^(?:the|a|an|its|their|his|her|this|that|these|those)$/i;
const BE_OR_HAVE =
  /^(?:is|are|was|were|be|been|being|has|have|had|will|would|shall|should|could|can|may|might|must|did|does|do|not|n't|also|reportedly|allegedly)$/i;

/** The third person singular present of a verb's base form ("die" dies, "dismiss" dismisses, "go" goes). */
export function presentTense(lemma: string): string {
  const [head, ...rest] = lemma.split(' ');
  const irregular: Record<string, string> = { be: 'is', have: 'has', do: 'does', go: 'goes' };
  const w = head!;
  const inflected =
    irregular[w] ??
    (/(?:s|sh|ch|x|z|o)$/.test(w) ? `${w}es` : /[^aeiou]y$/.test(w) ? `${w.slice(0, -1)}ies` : `${w}s`);
  return [inflected, ...rest].join(' ');
}

/** Names as English lists them: "A", "A and B", "A, B and C". */
export function list(names: readonly string[]): string {
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

function capitalise(s: string): string {
  return s.length === 0 ? s : s[0]!.toUpperCase() + s.slice(1);
}

// Prepositions that open the place or time of a happening: an object phrase stops before them.
const PLACE_OR_TIME = /^(?:in|at|on|near|from|to|during|after|before|outside|inside|off|across)$/i;

/** Up to `max` words of `text` from `from`, stopping at a break (and, for an object, at a place or time). */
function phraseAt(text: string, from: number, to: number, max: number, object = false): string {
  const words: string[] = [];
  for (const t of tokenize(text, from, Math.min(to, from + 200))) {
    if (PHRASE_END.test(t.text) || words.length >= max || (object && PLACE_OR_TIME.test(t.text))) break;
    words.push(t.text);
  }
  while (
    words.length > 0 &&
    (ARTICLE.test(words.at(-1)!) || /^(?:of|in|at|to|for|with|by|from)$/i.test(words.at(-1)!))
  )
    words.pop();
  return words.join(' ').replace(/ (['’]s)\b/g, '$1');
}

// Words a subject phrase never reaches past: prepositions and subordinators open other phrases.
const SUBJECT_STOP =
  /^(?:despite|although|though|because|if|unless|whether|while|when|after|before|since|until|of|for|with|by|from|about|to|in|at|on|than|so|then|also)$/i;

/** Whether a subject phrase is plural: its head, the last word before a preposition, ends in -s ("Dock workers in Antwerp"). */
function plural(phrase: string): boolean {
  const head = phrase
    .split(/\s+(?:in|at|of|from|on)\s+/i)[0]!
    .split(' ')
    .at(-1)!;
  return /[^s]s$/i.test(head) || /^(?:people|police|men|women|children|staff)$/i.test(head);
}

/** The subject phrase right before a verb when no name is its agent ("The port authority" dismissed). */
function subjectPhrase(text: string, r: EventReport): string | null {
  const tokens = tokenize(text, r.clause.start, r.predicate.start);
  let i = tokens.length - 1;
  while (i >= 0 && BE_OR_HAVE.test(tokens[i]!.text)) i--;
  const words: string[] = [];
  for (; i >= 0 && words.length < 4; i--) {
    const w = tokens[i]!.text;
    if (
      !/^[\p{L}\p{N}'’-]+$/u.test(w) ||
      PHRASE_END.test(w) ||
      SUBJECT_STOP.test(w) ||
      /^(?:he|she|they|it|we|i|you)$/i.test(w)
    )
      break;
    words.unshift(w);
  }
  while (words.length > 0 && ARTICLE.test(words[0]!)) words.shift();
  return words.length > 0 && /\p{Ll}{3}/u.test(words.join(' ')) ? words.join(' ') : null;
}

/** How much of a happening a report says: its agent, its objects, its place, a verb. */
function weight(r: EventReport): number {
  return (
    2 * Math.min(r.agents.length, 2) +
    Math.min(r.objects.length, 2) +
    (r.venue ? 1 : 0) +
    (r.predicate.noun ? 0 : 1) +
    (r.date ? 0.5 : 0) -
    (r.plan ? 1 : 0)
  );
}

/** The summary of an event told by `reports` (at least one). */
export function summarize(
  reports: readonly EventReport[],
  byId: { get(id: string): Entity | undefined },
  textOf: (document: string) => string,
): string {
  const r = reports.reduce((best, x) => (weight(x) > weight(best) ? x : best));
  const text = textOf(r.document);
  const name = (id: string): string => byId.get(id)?.name ?? id;
  const venueId = r.venue ?? reports.find((x) => x.venue !== null)?.venue ?? null;
  // "Belarus to deploy Oreshnik", not "… in Belarus" again: a place that takes part is not also the venue
  const where = venueId && !r.agents.includes(venueId) ? ` in ${name(venueId)}` : '';
  const agents = r.agents.slice(0, 3).map(name);
  const objects = r.objects
    .filter((id) => id !== venueId)
    .slice(0, 3)
    .map(name);
  if (r.predicate.noun) {
    // "Fire at the Waitrose supermarket", "The death of Esther Williams"
    // "a fire broke out at the plant": the phrase of place may follow the verb the noun is subject of
    const tail = text.slice(r.predicate.end, Math.min(r.clause.end, r.predicate.end + 40));
    const lead = /^\s+(?:[\p{L}-]+\s+){0,2}?(?=(?:at|of|in|on|near|off|between|against|by)\s)/iu.exec(tail);
    const after = phraseAt(text, r.predicate.end + (lead ? lead[0].length : 0), r.clause.end, 6);
    const rest = /^(?:at|of|in|on|near|off|between|against|by)\b/i.test(after)
      ? ` ${after}`
      : agents.length > 0
        ? ` by ${list(agents)}`
        : objects.length > 0
          ? ` involving ${list(objects)}`
          : '';
    return `${capitalise(r.word)}${rest}${where && rest.includes(where.slice(4)) ? '' : where}`;
  }
  const verb = r.action;
  const thing = objects.length > 0 ? list(objects) : phraseAt(text, r.predicate.end, r.clause.end, 5, true);
  const object = thing ? ` ${thing}` : '';
  // "to play its final match in Madrid": the place is said once
  const place = where && object.includes(where.slice(4)) ? '' : where;
  if (r.passive && (agents.length === 0 || objects.length === 0)) {
    // headline style: "Jamal Williams arrested", "Two men arrested in Leeds"; with both, the active "Russia frees …" below
    const who =
      objects.length > 0 ? list(objects) : agents.length > 0 ? list(agents) : subjectPhrase(text, r);
    if (who) return `${capitalise(who)} ${r.plan ? `to be ${r.word}` : r.word}${where}`;
  }
  const subject = agents.length > 0 ? list(agents) : subjectPhrase(text, r);
  if (!subject) return `${capitalise(r.word)}${object}${place}`;
  const many = agents.length > 1 || (agents.length === 0 && plural(subject));
  const tensed = r.plan ? `to ${verb}` : many ? verb : presentTense(verb);
  return `${capitalise(subject)} ${tensed}${object}${place}`;
}
