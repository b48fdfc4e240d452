/**
 * An event's one-line summary in headline English: who did what to whom, and where ("John Coale
 * meets Alexander Lukashenko in Minsk", "Donald Trump and Alexander Lukashenko speak by phone",
 * "Roman Protasevich detained"). Built from the roles of the event's most informative report;
 * the venue may come from another report of the same event.
 */
import type { Entity } from '../entities/entities';
import type { EventReport } from './events';

/** Sentence-case phrases of an action: with one agent, several agents, no object, and passive. */
interface Phrase {
  /** One agent, before the objects ("meets"). */
  readonly one: string;
  /** Several agents together, no objects ("meet"). */
  readonly many: string;
  /** One agent, no objects ("holds talks"). */
  readonly alone: string;
  /** Who was acted on, nobody named acting ("detained"). */
  readonly done: string;
}

const PHRASES: Record<string, Phrase> = {
  meet: { one: 'meets', many: 'meet', alone: 'holds talks', done: 'met' },
  visit: { one: 'visits', many: 'visit', alone: 'travels', done: 'visited' },
  release: { one: 'frees', many: 'free prisoners', alone: 'releases prisoners', done: 'freed' },
  call: { one: 'speaks by phone with', many: 'speak by phone', alone: 'makes a phone call', done: 'called' },
  sign: {
    one: 'signs an agreement with',
    many: 'sign an agreement',
    alone: 'signs an agreement',
    done: 'signed',
  },
  deploy: { one: 'deploys forces', many: 'deploy forces', alone: 'deploys forces', done: 'deployed' },
  elect: { one: 'elects', many: 'vote', alone: 'holds a vote', done: 'elected' },
  arrest: { one: 'detains', many: 'make arrests', alone: 'makes arrests', done: 'detained' },
  announce: {
    one: 'makes a statement',
    many: 'make a statement',
    alone: 'makes a statement',
    done: 'addressed',
  },
};

// Actions whose object is mostly a thing, not someone: the summary says it as written ("closes land border crossings").
const THING_ACTIONS = new Set(['close', 'sanction', 'deploy']);

/** The present tense of an action word as written ("lifted" lifts, "closed" closes, "shut" shuts). */
function present(word: string): string {
  const stem = /(?:[scvzgu]ed|eed)$/.test(word)
    ? word.slice(0, -1)
    : /ed$/.test(word)
      ? word.slice(0, -2)
      : word;
  return /(?:s|sh|ch|x)$/.test(stem) ? `${stem}es` : `${stem}s`;
}

function phraseOf(r: EventReport): Phrase {
  const known = PHRASES[r.action];
  if (known && !(THING_ACTIONS.has(r.action) && r.thing)) return known;
  const verbal = /(?:ed|shut)$/.test(r.word);
  const one = r.thing
    ? `${present(r.word)} ${r.thing}`
    : r.action === 'close'
      ? /reopen/.test(r.word)
        ? 'orders a reopening'
        : 'orders a closure'
      : 'acts on sanctions';
  return { one, many: one, alone: one, done: verbal ? r.word : `${r.word} announced` };
}

function list(names: readonly string[]): string {
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

/** The summary of an event told by `reports` (at least one). */
export function summarize(
  reports: readonly EventReport[],
  byId: { get(id: string): Entity | undefined },
): string {
  // the report naming the most roles speaks for the event
  const weight = (r: EventReport): number =>
    2 * Math.min(r.agents.length, 2) + Math.min(r.objects.length, 2) + (r.venue ? 1 : 0);
  const r = reports.reduce((best, x) => (weight(x) > weight(best) ? x : best));
  const name = (id: string): string => byId.get(id)?.name ?? id;
  const venueId = r.venue ?? reports.find((x) => x.venue !== null)?.venue ?? null;
  const venue = venueId ? name(venueId) : null;
  const agents = r.agents.slice(0, 3).map(name);
  const objects = r.objects
    .filter((id) => id !== venueId)
    .slice(0, 3)
    .map(name);
  const p = phraseOf(r);
  const where = venue ? ` in ${venue}` : '';
  if (agents.length === 0) return `${list(objects)} ${p.done}${where}`;
  if (r.action === 'call' || r.action === 'sign') {
    // symmetric: everyone taking part is a subject
    const all = [...agents, ...objects].slice(0, 3);
    return all.length > 1 ? `${list(all)} ${p.many}${where}` : `${all[0]} ${p.alone}${where}`;
  }
  if (r.action === 'visit' && venue) return `${list(agents)} ${agents.length > 1 ? p.many : p.one} ${venue}`;
  if (r.action === 'announce' || THING_ACTIONS.has(r.action))
    return `${list(agents)} ${agents.length > 1 ? p.many : p.alone}${where}`;
  if (objects.length === 0) return `${list(agents)} ${agents.length > 1 ? p.many : p.alone}${where}`;
  const verb =
    agents.length > 1
      ? r.action === 'meet' || r.action === 'visit'
        ? `${p.many} with`
        : p.one.replace(/s$/, '')
      : p.one;
  return `${list(agents)} ${verb} ${list(objects)}${where}`;
}
