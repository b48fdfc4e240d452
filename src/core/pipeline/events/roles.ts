/**
 * Who did what in a clause, without a parser: the agent is the grammatical subject of the
 * action word (the first name of the clause's main part before it, skipping introductory
 * phrases, subordinate and relative clauses, appositions, possessives and objects of
 * prepositions), the other participants are its objects ("met X", "called X", "with X"), the
 * venue is a place after "in"/"at"/"to" or visited. A speaker ("X said that ...", "according
 * to X") is never a participant of the happening reported. "He"/"she" stands for the most recent
 * person who was a subject in the same or the previous sentences.
 */
import type { Span } from '../text/document';
import type { Entity } from '../entities/entities';

/** An entity mention with offsets into the document. */
export interface PlacedMention extends Span {
  readonly entity: Entity;
}

/** The roles of a clause's participants. */
export interface Roles {
  /** Who acted: the subject (several when coordinated: "Trump and Lukashenko spoke"). */
  readonly agents: readonly string[];
  /** People and organisations acted on or with ("met X", "with X"). */
  readonly objects: readonly string[];
  /** The place it happened ("in Minsk", "visited Minsk"). */
  readonly venue: string | null;
  /** The clause is passive with no agent named: its objects were acted on ("52 prisoners were freed"). */
  readonly passive: boolean;
}

/** A stretch of a sentence between punctuation, and what kind of stretch it is. */
interface Segment extends Span {
  /**
   * `main`: may hold the subject; `lead`: an introductory phrase ("In June", "Following the
   * visit"); `sub`: a subordinate clause ("as Trump was en route"); `side`: a relative clause,
   * a participle or an inclusion ("who ...", "marking ...", "including ...").
   */
  readonly kind: 'main' | 'lead' | 'sub' | 'side';
  /** Where its words start (after a leading "and"/"but"). */
  readonly body: number;
}

const PREPOSITIONS = new Set([
  'of',
  'for',
  'to',
  'with',
  'from',
  'in',
  'at',
  'on',
  'by',
  'about',
  'against',
  'between',
  'into',
  'toward',
  'towards',
  'among',
  'under',
  'over',
  'after',
  'before',
  'following',
  'like',
  'including',
  'than',
  'via',
  'across',
  'near',
  'beyond',
  'behind',
  'within',
  'without',
  'amid',
  'despite',
  'per',
  'during',
  'throughout',
  'since',
  'until',
  'upon',
  'onto',
  'regarding',
  'concerning',
  'alongside',
  'around',
  'through',
  'as',
]);
// Words that open an introductory phrase: it dates or frames the clause but holds no subject.
const LEAD_WORDS = [
  'in|on|at|by|from|during|throughout|after|before|following|since|until|till|despite|amid',
  'within|under|over|for|with|without|in addition|according to|as of|ahead of|prior to',
  'later|earlier|then|now|meanwhile|yet|however|still|also|again|recently|subsequently',
  'previously|last|this|next',
  'the (?:very )?(?:next|following|same|previous) (?:day|week|month|year|morning|evening)',
  '(?:one|two|three|four|five|six|a|several|some) (?:days?|weeks?|months?|years?) (?:later|earlier|before|after|ago)',
].join('|');
const LEAD = new RegExp(`^(?:${LEAD_WORDS})\\b`, 'i');
const SUBORDINATORS =
  /^(?:as|while|when|whereas|although|though|because|if|once|unless|whether|so that|even though|even as|even if|where|after|before|since|until)\b/i;
const SIDE =
  /^(?:who|whom|whose|which|where|that|including|includ\w*|especially|notably|such as|namely|i\.e\.|e\.g\.|(?:\w+ly\s+)?\w+ing\b|(?:\w+ly\s+)?(?:written|signed|made|given|seen|known|held|based|led|backed|born|taken|called|referred|named|described)\b)/i;
// Words of saying: a name before them is the source of the report, not a participant.
const SAYING =
  /\b(?:said|says|say|told|tells|announced|announces|revealed|reveals|stated|states|declared|declares|reported|reports|claimed|claims|added|adds|noted|notes|confirmed|confirms|insisted|insists|wrote|writes|argued|argues|believes|believed|explained|explains|warned|warns|admitted|admits|denied|denies|according to)\b(?:\s+that\b)?/gi;
const COMPLEMENTISER = /\bthat\b/gi;
const TITLE_WORDS = new Set([
  'president',
  'vice',
  'prime',
  'minister',
  'secretary',
  'deputy',
  'assistant',
  'under',
  'special',
  'envoy',
  'representative',
  'ambassador',
  'chief',
  'general',
  'staff',
  'head',
  'chairman',
  'chairwoman',
  'chair',
  'director',
  'spokesman',
  'spokeswoman',
  'spokesperson',
  'press',
  'senior',
  'foreign',
  'defence',
  'defense',
  'state',
  'commander',
  'governor',
  'senator',
  'mayor',
  'king',
  'queen',
  'prince',
  'princess',
  'pope',
  'cardinal',
  'chancellor',
  'premier',
  'leader',
  'officer',
  'official',
  'adviser',
  'advisor',
  'presidential',
  'executive',
  'officials',
  'envoys',
  'of',
  'for',
  'the',
  'and',
  'u.s.',
  'us',
  'uk',
  'u.k.',
  'eu',
  'un',
  'first',
  'lady',
  'mr',
  'mrs',
  'ms',
  'dr',
  'sir',
  'lord',
  'justice',
  'attorney',
  'counsel',
  'national',
  'security',
]);
const SUBJECT_PRONOUN = /^(?:he|she)$/i;
// A verb that carries a noun of action: "held talks", "made a call", "paid a visit".
const SUPPORT_VERB =
  /\b(?:held|holds|hold|had|has|have|made|makes|make|paid|pays|pay|conducted|conducts|took part in|hosted|hosts|attended|attends|began|begins|started|starts|completed|completes|joined|joins|opened|opens|resumed|resumes|concluded|concludes|wrapped up)\b/i;
const PASSIVE = /\b(?:was|were|been|being|be|is|are|get|gets|got)\s+(?:[\p{L}]+ly\s+)?$/iu;
// Where objects of the action word end: a new clause or what someone said.
const OBJECT_STOP =
  /\b(?:that|which|who|whom|whose|where|when|while|as|because|although|after|before|following|marking|saying|adding|to (?:discuss|talk|ensure|seek|secure|press|push|get|make))\b|[:“"]/i;

/** Whether an entity's name is only a title ("Deputy Assistant", "U.S. Special Envoy"): not somebody. */
function titleOnly(e: Entity): boolean {
  return e.type !== 'place' && e.name.split(/\s+/).every((w) => TITLE_WORDS.has(w.toLowerCase()));
}

/** Splits a sentence into segments at punctuation, each classified. */
function segments(text: string, s: Span): Segment[] {
  const out: Segment[] = [];
  const re = /[,;:()\u2014\u2013“”"]|\s-\s|\[|\]/g;
  re.lastIndex = s.start;
  let start = s.start;
  const push = (end: number): void => {
    const raw = text.slice(start, end);
    const lead = /^\s*/.exec(raw)![0].length;
    let body = start + lead;
    let words = text.slice(body, end);
    const conj = /^(?:and|but|or|so|yet|then)\s+/i.exec(words);
    if (conj) {
      body += conj[0].length;
      words = text.slice(body, end);
    }
    const kind: Segment['kind'] = SUBORDINATORS.test(words)
      ? 'sub'
      : LEAD.test(words)
        ? 'lead'
        : SIDE.test(words)
          ? 'side'
          : 'main';
    if (end > start) out.push({ start, end, body, kind });
  };
  for (let m = re.exec(text); m && m.index < s.end; m = re.exec(text)) {
    push(m.index);
    start = m.index + m[0].length;
  }
  push(s.end);
  return out;
}

/**
 * How a mention stands in its segment: the head of a noun phrase, the object of a preposition,
 * or the object of a verb. Only the words since the previous name count; a name coordinated with
 * it ("between Lukashenko and Trump") stands where that one stands, and a name right after
 * another and a title ("Envoy for Ukraine Keith Kellogg") heads the phrase.
 */
function position(
  text: string,
  seg: Segment,
  m: Span,
  prev: (Span & { pos: 'head' | 'prep' | 'object' }) | undefined,
): 'head' | 'prep' | 'object' {
  const from = Math.max(seg.body, m.start - 80, prev && prev.end > seg.body ? prev.end : 0);
  const before = text.slice(from, m.start);
  if (prev && prev.end >= from && prev.end > seg.body) {
    if (/^\s*(?:,\s*)?(?:and|or|&)\s+(?:(?:the|[\p{Lu}][\p{L}.'’-]*)\s+){0,3}$/u.test(before))
      return prev.pos;
    if (/^\s+(?:[\p{Lu}][\p{L}.'’-]*\s+){0,3}$/u.test(before)) return 'head';
  }
  const words = before.match(/[\p{L}\p{N}.'’-]+/gu) ?? [];
  // "as Trump was en route": the subordinator opens the clause, it governs no name
  const first = seg.kind === 'sub' && from === seg.body ? 1 : 0;
  for (let i = words.length - 1, n = 0; i >= first && n < 6; i--, n++) {
    const w = words[i]!.toLowerCase().replace(/[’']s$/, '');
    if (PREPOSITIONS.has(w)) return 'prep';
    if (
      w === 'and' ||
      w === 'or' ||
      w === 'the' ||
      w === 'a' ||
      w === 'an' ||
      TITLE_WORDS.has(w) ||
      /^\p{Lu}/u.test(words[i]!)
    )
      continue;
    // a lower-case word that is no determiner or title: mostly a verb or an adjective of a title
    if (
      /ed$/.test(w) ||
      /^(?:met|meets|meet|hosts|calls|phones|frees|visits|thanks|praises|urges|tells|asks|invites|welcomes|receives|spoke|told|sent|sends|gave|gives|left|leaves|made|makes|saw|sees|took|takes)$/.test(
        w,
      )
    )
      return 'object';
  }
  return 'head';
}

/** A place or organisation naming where somebody named next is from ("U.S. envoy John Coale", "Kremlin spokesman Dmitry Peskov"). */
function modifier(text: string, m: PlacedMention, next: PlacedMention | undefined): boolean {
  if (
    m.entity.type === 'person' ||
    next === undefined ||
    next.entity.type !== 'person' ||
    next.start - m.end > 40
  )
    return false;
  const gap = text.slice(m.end, next.start);
  return (
    /^\s+(?:(?:[\p{Ll}-]+|[\p{Lu}][\p{L}.'’-]*)\s+){1,3}$/u.test(gap) &&
    !(gap.match(/\p{L}+/gu) ?? []).some((w) => PREPOSITIONS.has(w.toLowerCase()) || w === 'and' || w === 'or')
  );
}

function possessive(text: string, m: Span): boolean {
  return /^(?:['’]s?\b|['’](?=\s))/.test(text.slice(m.end, m.end + 3));
}

/**
 * Tracks the people who were subjects, sentence by sentence, so that "he" and "she" find their
 * person. One instance per document, fed sentences in order.
 */
export class SubjectMemory {
  readonly #recent: { at: number; sentence: number; id: string }[] = [];

  /** Records a subject person at an offset. */
  note(at: number, sentence: number, id: string): void {
    this.#recent.push({ at, sentence, id });
    if (this.#recent.length > 16) this.#recent.shift();
  }

  /** The most recent subject person before `at`, in this sentence or the two before it. */
  resolve(at: number, sentence: number): string | undefined {
    for (let i = this.#recent.length - 1; i >= 0; i--) {
      const r = this.#recent[i]!;
      if (r.at >= at) continue;
      return sentence - r.sentence <= 2 ? r.id : undefined;
    }
    return undefined;
  }
}

/** A sentence's segments and the mentions in each, worked out once and shared by its clauses. */
export interface SentenceParse {
  readonly segments: readonly Segment[];
  readonly mentions: readonly PlacedMention[];
}

/** Splits a sentence and records its subject people (names and resolved pronouns) in `memory`. */
export function parseSentence(
  text: string,
  s: Span & { index: number },
  mentions: readonly PlacedMention[],
  memory: SubjectMemory,
): SentenceParse {
  const segs = segments(text, s);
  let mi = 0;
  for (const seg of segs) {
    if (seg.kind === 'side' || seg.kind === 'lead') continue;
    while (mi < mentions.length && mentions[mi]!.start < seg.body) mi++;
    const head = subjectOf(text, seg, mentions, mi, seg.end, memory, s.index);
    for (const id of head.ids) memory.note(head.at, s.index, id);
  }
  return { segments: segs, mentions };
}

/**
 * The subject of a segment up to `limit`: its first name (with names coordinated by "and"), or a
 * he/she resolved through `memory`. Only people are remembered for pronouns.
 */
function subjectOf(
  text: string,
  seg: Segment,
  mentions: readonly PlacedMention[],
  from: number,
  limit: number,
  memory: SubjectMemory,
  sentence: number,
): { ids: string[]; agents: string[]; at: number } {
  // a pronoun before any name is the subject
  let firstName: PlacedMention | undefined;
  let first = from;
  let prev: (Span & { pos: 'head' | 'prep' | 'object' }) | undefined;
  for (; first < mentions.length && mentions[first]!.start < limit; first++) {
    const m = mentions[first]!;
    if (m.start < seg.body || m.end > limit) continue;
    const pos = position(text, seg, m, prev);
    prev = { start: m.start, end: m.end, pos };
    if (
      pos === 'head' &&
      !titleOnly(m.entity) &&
      !possessive(text, m) &&
      !modifier(text, m, mentions[first + 1])
    ) {
      firstName = m;
      break;
    }
  }
  const pron = /\b(he|she|they)\b/i.exec(text.slice(seg.body, firstName ? firstName.start : limit));
  if (pron && (!firstName || seg.body + pron.index < firstName.start)) {
    const at = seg.body + pron.index;
    if (SUBJECT_PRONOUN.test(pron[1]!)) {
      const id = memory.resolve(at, sentence);
      if (id) return { ids: [id], agents: [id], at };
    }
    return { ids: [], agents: [], at };
  }
  if (!firstName) return { ids: [], agents: [], at: limit };
  const agents = [firstName.entity];
  let last: Span = firstName;
  for (let i = first + 1; i < mentions.length; i++) {
    const m = mentions[i]!;
    if (m.end > limit) break;
    // "Holm and EU commissioner Helena Marsh": a modifier and titles may stand between "and" and the name
    const gap = text.slice(last.end, m.start);
    if (
      !/^\s*(?:,\s*)?(?:and|&)\s+(?:[\p{L}.'’-]+\s+){0,4}$/u.test(gap) ||
      /\b(?:\p{Ll}+ed|met|meet|meets|was|were|is|are|has|have|had|will|would)\s/u.test(gap)
    )
      break;
    if (titleOnly(m.entity) || possessive(text, m) || modifier(text, m, mentions[i + 1])) continue;
    agents.push(m.entity);
    last = m;
  }
  const people = agents.filter((e) => e.type === 'person').map((e) => e.id);
  return { ids: people, agents: [...new Set(agents.map((e) => e.id))], at: firstName.start };
}

/** Where the last word of saying or "that" in a stretch ends: what follows is what was reported. */
function lastCut(text: string, from: number, to: number): number | undefined {
  const stretch = text.slice(from, to);
  let cut: number | undefined;
  for (const re of [SAYING, COMPLEMENTISER]) {
    for (const m of stretch.matchAll(re)) cut = Math.max(cut ?? 0, from + m.index + m[0].length);
  }
  return cut;
}

/**
 * The roles in a clause whose action word is at `trigger`. `noun` says the action word is a noun
 * ("a meeting", "an August phone call"), whose participants stand around it ("between X and Y",
 * "X's visit", "held talks with X").
 */
export function rolesOf(
  text: string,
  parse: SentenceParse,
  clause: Span,
  trigger: Span & { noun: boolean; visit: boolean },
  memory: SubjectMemory,
  sentence: number,
): Roles {
  const segs = parse.segments;
  const mentions = parse.mentions.filter((m) => m.start >= clause.start && m.end <= clause.end);
  const k = segs.findIndex((g) => trigger.start >= g.start && trigger.start < g.end);
  const seg = segs[k]!;
  const agents: string[] = [];
  const objects: string[] = [];
  const by: string[] = [];
  let venue: string | null = null;

  // objects and venue: after the action word, in its segment, until a new clause starts
  const stop = OBJECT_STOP.exec(text.slice(trigger.end, seg.end));
  const objectEnd = stop ? trigger.end + stop.index : seg.end;
  for (const m of mentions) {
    if (m.start < trigger.end || m.end > objectEnd || titleOnly(m.entity) || possessive(text, m)) continue;
    if (m.start - trigger.end > 160) break;
    const before = text.slice(trigger.end, m.start);
    // the preposition governing it: the last one among the few words before it
    const words = (before.match(/[\p{L}\p{N}.'’-]+/gu) ?? []).map((w) => w.toLowerCase());
    const near = words.slice(-4);
    const prep = [...near].reverse().find((w) => PREPOSITIONS.has(w) || w === 'and');
    const direct = prep === undefined && words.length <= 4;
    // "U.S. envoy John Coale": a place right before a name and a title word modifies it
    if (
      modifier(
        text,
        m,
        mentions.find((o) => o.start >= m.end),
      )
    )
      continue;
    if (m.entity.type === 'place' && prep === 'by' && !trigger.noun) by.push(m.entity.id);
    else if (m.entity.type === 'place') {
      if (
        venue === null &&
        (prep === 'in' ||
          prep === 'at' ||
          prep === 'to' ||
          prep === 'near' ||
          (trigger.visit && /^\s*$/.test(before)))
      )
        venue = m.entity.id;
      continue;
    }
    if (prep === 'by' && !trigger.noun) by.push(m.entity.id);
    else if (
      direct ||
      prep === 'with' ||
      prep === 'to' ||
      prep === 'between' ||
      prep === 'and' ||
      prep === 'by' ||
      /\band\s*$/.test(before)
    )
      objects.push(m.entity.id);
  }

  // "met Helena Marsh, the European commissioner, in Brussels on March 5": the place may stand a segment or two later
  for (
    let j = k + 1;
    venue === null && !stop && j < segs.length && j <= k + 2 && segs[j]!.end <= clause.end;
    j++
  ) {
    const g = segs[j]!;
    if (!/^[,\s]*$/.test(text.slice(segs[j - 1]!.end, g.start))) break;
    const place = /^(?:in|at)\s/i.test(text.slice(g.body, g.end))
      ? mentions.find((m) => m.start >= g.body && m.end <= g.end && m.entity.type === 'place')
      : undefined;
    if (place && /^(?:in|at)\s+(?:the\s+)?$/i.test(text.slice(g.body, place.start))) venue = place.entity.id;
    if (g.kind !== 'main' && g.kind !== 'lead') break;
  }

  // the agent: the subject before the action word, in its clause
  const head = (g: Segment, limit: number): string[] => {
    const from = mentions.findIndex((m) => m.start >= g.body);
    return from < 0 && !/\b(?:he|she)\b/i.test(text.slice(g.body, limit))
      ? []
      : subjectOf(text, g, mentions, from < 0 ? mentions.length : from, limit, memory, sentence).agents;
  };
  // "X said that ...": the clause after the word of saying has its own subject; X only reported it
  const said = trigger.start > seg.body ? lastCut(text, seg.body, trigger.start) : undefined;
  const reported = said !== undefined;
  const start = said ?? seg.body;
  if (reported || trigger.noun) {
    const g = { ...seg, body: start };
    agents.push(...head(g, trigger.start));
  } else {
    agents.push(...head(seg, trigger.start));
    // no subject in its own segment: the nearest main segment before it ("Trump's envoy, Keith Kellogg, stated")
    for (let j = k - 1; agents.length === 0 && j >= 0 && segs[j]!.start >= clause.start; j--) {
      const g = segs[j]!;
      if (g.kind !== 'main') continue;
      if (/[:“"]/.test(text.slice(g.end, segs[j + 1]!.start))) break;
      const said = lastCut(text, g.body, g.end);
      agents.push(...head({ ...g, body: said ?? g.body }, g.end));
      if (said !== undefined) break;
    }
  }
  if (agents.length === 0 && !trigger.noun) {
    // "since the Coast Guard detained ...": a name right before the verb is its subject, whatever opens the clause
    const last = [...mentions].reverse().find((m) => m.end <= trigger.start && m.start >= start);
    if (
      last &&
      /^\s+(?:\p{L}+ly\s+)?(?:(?:had|has|have|was|were|is|are|would|will)\s+)?(?:\p{L}+ly\s+)?$/u.test(
        text.slice(last.end, trigger.start),
      ) &&
      !/\b(?:of|for|with|to|by|in|on|at|from|about|against|between)\s+(?:the\s+)?$/i.test(
        text.slice(Math.max(0, last.start - 16), last.start),
      ) &&
      !titleOnly(last.entity)
    )
      agents.push(last.entity.id);
  }
  if (trigger.noun) {
    // "Pompeo's visit", "a call between Trump and Lukashenko", "talks with X", "held talks"
    const owner = [...mentions]
      .reverse()
      .find(
        (m) =>
          m.end <= trigger.start &&
          possessive(text, m) &&
          /^['’]s?\s+(?:(?:[\p{Ll}\d-]+|[\p{Lu}][\p{Ll}]+)\s+){0,3}$/u.test(text.slice(m.end, trigger.start)),
      );
    if (owner) agents.splice(0, agents.length, owner.entity.id);
    else if (!SUPPORT_VERB.test(text.slice(start, trigger.start))) agents.length = 0;
    if (
      agents.length === 0 &&
      objects.length > 0 &&
      /^\s*(?:between|by|of)\b/i.test(text.slice(trigger.end, trigger.end + 10))
    )
      agents.push(objects.shift()!);
  }
  // "Protasevich was arrested by the KGB": the subject is acted on, "by" names who acted
  if (!trigger.noun && PASSIVE.test(text.slice(Math.max(seg.body, trigger.start - 40), trigger.start))) {
    objects.unshift(...agents);
    agents.splice(0, agents.length, ...by);
  } else objects.push(...by);
  const agentSet = new Set(agents);
  return {
    agents: [...agentSet],
    objects: [...new Set(objects)].filter((id) => !agentSet.has(id)),
    venue,
    passive:
      agents.length === 0 &&
      objects.length > 0 &&
      !trigger.noun &&
      PASSIVE.test(text.slice(Math.max(seg.body, trigger.start - 40), trigger.start)),
  };
}
