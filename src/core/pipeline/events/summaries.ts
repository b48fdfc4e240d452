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
  /^(?:[,;:.!?()"“”—–]|and|or|but|that|which|who|whom|while|when|after|before|because|as|since|until|on|last|this|yesterday|today|tonight|earlier|later|according|said|says)$/i;
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

function list(names: readonly string[]): string {
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

function capitalise(s: string): string {
  return s.length === 0 ? s : s[0]!.toUpperCase() + s.slice(1);
}

/** Up to `max` words of `text` from `from`, stopping at a break; leading articles dropped when `bare`. */
function phraseAt(text: string, from: number, to: number, max: number): string {
  const words: string[] = [];
  for (const t of tokenize(text, from, Math.min(to, from + 200))) {
    if (PHRASE_END.test(t.text) || words.length >= max) break;
    words.push(t.text);
  }
  while (
    words.length > 0 &&
    (ARTICLE.test(words.at(-1)!) || /^(?:of|in|at|to|for|with|by|from)$/i.test(words.at(-1)!))
  )
    words.pop();
  return words.join(' ').replace(/ (['’]s)\b/g, '$1');
}

/** The subject phrase right before a verb when no name is its agent ("The port authority" dismissed). */
function subjectPhrase(text: string, r: EventReport): string | null {
  const tokens = tokenize(text, r.clause.start, r.predicate.start);
  let i = tokens.length - 1;
  while (i >= 0 && BE_OR_HAVE.test(tokens[i]!.text)) i--;
  const words: string[] = [];
  for (; i >= 0 && words.length < 4; i--) {
    const w = tokens[i]!.text;
    if (!/^[\p{L}\p{N}'’-]+$/u.test(w) || PHRASE_END.test(w) || /^(?:he|she|they|it|we|i|you)$/i.test(w))
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
  const where = venueId ? ` in ${name(venueId)}` : '';
  const agents = r.agents.slice(0, 3).map(name);
  const objects = r.objects
    .filter((id) => id !== venueId)
    .slice(0, 3)
    .map(name);
  if (r.predicate.noun) {
    // "Fire at the Waitrose supermarket", "The death of Esther Williams"
    const after = phraseAt(text, r.predicate.end, r.clause.end, 6);
    const rest = /^(?:at|of|in|on|near|between|against|by)\b/i.test(after)
      ? ` ${after}`
      : agents.length > 0
        ? ` by ${list(agents)}`
        : objects.length > 0
          ? ` involving ${list(objects)}`
          : '';
    return `${capitalise(r.word)}${rest}${rest.includes(' in ') ? '' : where}`;
  }
  const verb = r.action;
  const thing = objects.length > 0 ? list(objects) : phraseAt(text, r.predicate.end, r.clause.end, 5);
  const object = thing && !/^(?:in|at|on|to|from)\b/i.test(thing) ? ` ${thing}` : '';
  // a passive with nobody named acting: "Jamal Williams arrested"
  if (agents.length === 0 && objects.length > 0)
    return `${list(objects)} ${r.plan ? `to be ${r.word}` : r.word}${where}`;
  const subject = agents.length > 0 ? list(agents) : subjectPhrase(text, r);
  if (!subject) return `${capitalise(r.word)}${object}${where}`;
  const tensed = r.plan ? `to ${verb}` : agents.length > 1 ? verb : presentTense(verb);
  return `${capitalise(subject)} ${tensed}${object}${where}`;
}
