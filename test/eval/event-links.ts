/**
 * The measure of test/eval/events.ts, shared with test/eval/tune-events.ts: a product index's
 * events mapped onto ECB+ gold event mentions, and cross-article link counts (see events.ts).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface GoldMention {
  readonly id: string;
  readonly document: string;
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly tag: string;
  readonly line: number;
  readonly selected: boolean;
  readonly crossDocCluster: string | null;
  readonly cluster: string;
}
export interface Gold {
  readonly topic: number;
  readonly documents: { readonly file: string }[];
  readonly events: GoldMention[];
}
interface Span {
  readonly start: number;
  readonly end: number;
}
/** A report as read from `index --json`; `predicate` and `kind` are optional, newer fields. */
export interface Report extends Span {
  readonly document: string;
  readonly predicate?: Span & { readonly text?: string };
  readonly kind?: unknown;
}
export interface ProductEvent {
  readonly id: string;
  readonly summary: string;
  readonly action?: unknown;
  readonly reports: Report[];
}
export interface IndexJson {
  readonly documents: { readonly id: string }[];
  readonly events: ProductEvent[];
}

interface Score {
  correct: number;
  predicted: number;
  gold: number;
  precision: number;
  recall: number;
  f1: number;
}
interface Counts {
  correct: number;
  predicted: number;
  gold: number;
}
export interface Figures {
  topics: number;
  articles: number;
  goldMentions: number;
  coveredMentions: number;
  reports: number;
  reportsWithPredicate: number;
  events: number;
  reportsPerArticle: number;
  statementEvents: number;
  statementShare: number;
  reportsCoveringNoGold: number;
  chainsIn2PlusArticles: number;
  chainsLinked: number;
  chainsLinkedShare: number;
  pairwise: Score;
  pairwiseSelected: Score;
  articleChainUnits: Score;
  reportedPairs: Score;
}
/** One topic's raw counts, summed into a half or all. */
export interface TopicCounts {
  topic: number;
  articles: number;
  goldMentions: number;
  coveredMentions: number;
  reports: number;
  reportsWithPredicate: number;
  events: number;
  statementEvents: number;
  reportsCoveringNoGold: number;
  chains2: number;
  chainsLinked: number;
  pairwise: Counts;
  selected: Counts;
  units: Counts;
  reported: Counts;
}
/** A mention as covered: its report's event and where the report sits. */
interface Covered {
  readonly mention: GoldMention;
  readonly event: string;
  readonly report: Report;
}
export interface Example {
  readonly topic: number;
  readonly lines: string[];
}

export const EXAMPLES = 8;
const STATEMENT_SUMMARY = /makes a statement|make statements/i;
/** Kinds of action that are statements ('announce' today; names a later product might use). */
const STATEMENT_KIND = /^(?:announce|announcement|statement|say|said|speech|report(?:ing)?|state)$/i;

function score(c: Counts): Score {
  const precision = c.predicted === 0 ? 0 : c.correct / c.predicted;
  const recall = c.gold === 0 ? 0 : c.correct / c.gold;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { ...c, precision, recall, f1 };
}

/** A kind given as a string, or as an object with a `kind`/`name`; undefined when absent. */
function kindName(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object') {
    const v = value as Record<string, unknown>;
    for (const key of ['kind', 'name', 'verb', 'text'])
      if (typeof v[key] === 'string') return v[key] as string;
  }
  return undefined;
}

/** Whether an event is a bare statement: by its action (or its reports' kind) where given, else by its summary. */
function isStatement(e: ProductEvent): boolean {
  const kinds = [kindName(e.action), ...e.reports.map((r) => kindName(r.kind))].filter(
    (k): k is string => k !== undefined,
  );
  return kinds.length > 0 ? kinds.some((k) => STATEMENT_KIND.test(k)) : STATEMENT_SUMMARY.test(e.summary);
}

/** Maps reports onto gold mentions (see the file's comment): the covered mentions and the reports covering none. */
function cover(index: IndexJson, gold: readonly GoldMention[]): { covered: Covered[]; uncovering: number } {
  const byDoc = new Map<string, GoldMention[]>();
  for (const m of gold) (byDoc.get(m.document) ?? byDoc.set(m.document, []).get(m.document)!).push(m);
  for (const list of byDoc.values()) list.sort((a, b) => a.start - b.start || a.end - b.end);
  const reports = index.events.flatMap((e) => e.reports.map((report) => ({ report, event: e.id })));
  const at = (r: Report): number => r.predicate?.start ?? r.start;
  reports.sort(
    (a, b) =>
      (a.report.document < b.report.document ? -1 : a.report.document > b.report.document ? 1 : 0) ||
      a.report.start - b.report.start ||
      at(a.report) - at(b.report),
  );
  const taken = new Set<string>();
  const covered: Covered[] = [];
  let uncovering = 0;
  for (const { report, event } of reports) {
    const mentions = (byDoc.get(report.document) ?? []).filter((m) => !taken.has(m.id));
    let chosen: GoldMention[];
    const p = report.predicate;
    if (p && typeof p.start === 'number' && typeof p.end === 'number') {
      chosen = mentions.filter((m) => Math.min(m.end, p.end) > Math.max(m.start, p.start));
    } else {
      const inside = mentions.filter((m) => m.start >= report.start && m.end <= report.end);
      const best = inside.find((m) => m.crossDocCluster !== null) ?? inside[0];
      chosen = best ? [best] : [];
    }
    if (chosen.length === 0) uncovering++;
    for (const mention of chosen) {
      taken.add(mention.id);
      covered.push({ mention, event, report });
    }
  }
  return { covered, uncovering };
}

/** Pairs of items in different articles: n² minus same-article pairs, halved. */
function crossPairs(perArticle: Iterable<number>): number {
  let sum = 0,
    squares = 0;
  for (const n of perArticle) {
    sum += n;
    squares += n * n;
  }
  return (sum * sum - squares) / 2;
}

/** Counts per chain (crossDocCluster) of gold mentions per article, for mentions passing `keep`. */
function chainsOf(
  gold: readonly GoldMention[],
  keep: (m: GoldMention) => boolean = () => true,
): Map<string, Map<string, number>> {
  const chains = new Map<string, Map<string, number>>();
  for (const m of gold) {
    if (m.crossDocCluster === null || !keep(m)) continue;
    const docs =
      chains.get(m.crossDocCluster) ?? chains.set(m.crossDocCluster, new Map()).get(m.crossDocCluster)!;
    docs.set(m.document, (docs.get(m.document) ?? 0) + 1);
  }
  return chains;
}

export interface TopicResult {
  counts: TopicCounts;
  falseLinks: Example[];
  missedLinks: Example[];
}

export function evaluateTopic(dir: string, gold: Gold, index: IndexJson): TopicResult {
  const topic = gold.topic;
  const texts = new Map<string, string[]>();
  const lineOf = (m: GoldMention): string => {
    if (!texts.has(m.document))
      texts.set(m.document, readFileSync(join(dir, m.document), 'utf8').split('\n'));
    return texts.get(m.document)![m.line]?.trim() ?? '';
  };
  const mentions = gold.events;
  const { covered, uncovering } = cover(index, mentions);
  const coverOf = new Map(covered.map((c) => [c.mention.id, c]));

  // predicted links: covered mentions in one event, different articles
  const byEvent = new Map<string, Covered[]>();
  for (const c of covered) (byEvent.get(c.event) ?? byEvent.set(c.event, []).get(c.event)!).push(c);
  const pairwise: Counts = { correct: 0, predicted: 0, gold: 0 };
  const selected: Counts = { correct: 0, predicted: 0, gold: 0 };
  const unitKey = (m: GoldMention): string => `${m.document}\u0000${m.cluster}`;
  const predictedUnits = new Set<string>();
  const linkedChains = new Set<string>();
  const falseLinks: Example[] = [];
  const show = (m: GoldMention, c: Covered | undefined): string =>
    `${m.document} “${m.text}” (${m.crossDocCluster ?? 'no chain'}${c ? `, event ${c.event}` : ', not covered'}): ${lineOf(m)}`;
  for (const list of byEvent.values()) {
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const a = list[i]!.mention,
          b = list[j]!.mention;
        if (a.document === b.document) continue;
        const right = a.crossDocCluster !== null && a.crossDocCluster === b.crossDocCluster;
        pairwise.predicted++;
        if (right) {
          pairwise.correct++;
          linkedChains.add(a.crossDocCluster!);
        } else falseLinks.push({ topic, lines: [show(a, list[i]), show(b, list[j])] });
        if (a.selected && b.selected) {
          selected.predicted++;
          if (right) selected.correct++;
        }
        const [u, v] = [unitKey(a), unitKey(b)].sort();
        predictedUnits.add(`${u}\u0001${v}`);
      }
    }
  }
  const chains = chainsOf(mentions);
  for (const docs of chains.values()) pairwise.gold += crossPairs(docs.values());
  for (const docs of chainsOf(mentions, (m) => m.selected).values())
    selected.gold += crossPairs(docs.values());
  // the issue's measure: links between reports that overlap gold mentions (pairs among covered mentions)
  const reported: Counts = { correct: pairwise.correct, predicted: pairwise.predicted, gold: 0 };
  for (const docs of chainsOf(mentions, (m) => coverOf.has(m.id)).values())
    reported.gold += crossPairs(docs.values());

  // (article, chain) units: gold pairs of articles sharing a chain; predicted pairs of units linked by some report pair
  const units: Counts = { correct: 0, predicted: predictedUnits.size, gold: 0 };
  for (const docs of chains.values()) units.gold += (docs.size * (docs.size - 1)) / 2;
  const chainOfUnit = (key: string): string => key.slice(key.indexOf('\u0000') + 1);
  for (const pair of predictedUnits) {
    const [u, v] = pair.split('\u0001') as [string, string];
    if (chainOfUnit(u) === chainOfUnit(v) && chains.has(chainOfUnit(u))) units.correct++;
  }

  // missed links: gold pairs not linked, both covered (split over events) first, then one covered, then neither
  const missed: { rank: number; example: Example }[] = [];
  const byChain = new Map<string, GoldMention[]>();
  for (const m of mentions)
    if (m.crossDocCluster !== null)
      (byChain.get(m.crossDocCluster) ?? byChain.set(m.crossDocCluster, []).get(m.crossDocCluster)!).push(m);
  for (const [chain, list] of byChain) {
    if ((chains.get(chain)?.size ?? 0) < 2) continue;
    let best: { rank: number; a: GoldMention; b: GoldMention } | undefined;
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const a = list[i]!,
          b = list[j]!;
        if (a.document === b.document) continue;
        const ca = coverOf.get(a.id),
          cb = coverOf.get(b.id);
        if (ca && cb && ca.event === cb.event) continue;
        const rank = (ca ? 1 : 0) + (cb ? 1 : 0);
        if (!best || rank > best.rank) best = { rank, a, b };
      }
    }
    if (best)
      missed.push({
        rank: best.rank,
        example: {
          topic,
          lines: [show(best.a, coverOf.get(best.a.id)), show(best.b, coverOf.get(best.b.id))],
        },
      });
  }
  missed.sort((x, y) => y.rank - x.rank);

  const chains2 = [...chains.values()].filter((d) => d.size >= 2).length;
  const counts: TopicCounts = {
    topic,
    articles: gold.documents.length,
    goldMentions: mentions.length,
    coveredMentions: covered.length,
    reports: index.events.reduce((n, e) => n + e.reports.length, 0),
    reportsWithPredicate: index.events.reduce((n, e) => n + e.reports.filter((r) => r.predicate).length, 0),
    events: index.events.length,
    statementEvents: index.events.filter(isStatement).length,
    reportsCoveringNoGold: uncovering,
    chains2,
    chainsLinked: linkedChains.size,
    pairwise,
    selected,
    units,
    reported,
  };
  return { counts, falseLinks, missedLinks: missed.map((m) => m.example) };
}

export function figuresOf(list: readonly TopicCounts[]): Figures {
  const sum = (f: (t: TopicCounts) => number): number => list.reduce((n, t) => n + f(t), 0);
  const sumCounts = (f: (t: TopicCounts) => Counts): Counts => ({
    correct: sum((t) => f(t).correct),
    predicted: sum((t) => f(t).predicted),
    gold: sum((t) => f(t).gold),
  });
  const articles = sum((t) => t.articles),
    events = sum((t) => t.events),
    chains = sum((t) => t.chains2),
    linked = sum((t) => t.chainsLinked);
  const reports = sum((t) => t.reports),
    statements = sum((t) => t.statementEvents);
  return {
    topics: list.length,
    articles,
    goldMentions: sum((t) => t.goldMentions),
    coveredMentions: sum((t) => t.coveredMentions),
    reports,
    reportsWithPredicate: sum((t) => t.reportsWithPredicate),
    events,
    reportsPerArticle: articles === 0 ? 0 : reports / articles,
    statementEvents: statements,
    statementShare: events === 0 ? 0 : statements / events,
    reportsCoveringNoGold: sum((t) => t.reportsCoveringNoGold),
    chainsIn2PlusArticles: chains,
    chainsLinked: linked,
    chainsLinkedShare: chains === 0 ? 0 : linked / chains,
    pairwise: score(sumCounts((t) => t.pairwise)),
    pairwiseSelected: score(sumCounts((t) => t.selected)),
    articleChainUnits: score(sumCounts((t) => t.units)),
    reportedPairs: score(sumCounts((t) => t.reported)),
  };
}

const pct = (x: number): string => `${(100 * x).toFixed(1)} %`;
const showScore = (name: string, s: Score): string =>
  `  ${name.padEnd(34)} P ${pct(s.precision).padStart(7)}  R ${pct(s.recall).padStart(7)}  F1 ${pct(s.f1).padStart(7)}   (${s.correct} right of ${s.predicted} predicted, ${s.gold} gold)`;

export function print(name: string, f: Figures): void {
  console.log(`${name}: ${f.topics} topics, ${f.articles} articles, ${f.goldMentions} gold mentions`);
  console.log(showScore('links between reported mentions', f.reportedPairs));
  console.log(showScore('cross-article mention pairs (all gold)', f.pairwise));
  console.log(showScore('  same, selected sentences only', f.pairwiseSelected));
  console.log(showScore('(article, chain) unit pairs', f.articleChainUnits));
  console.log(
    `  chains reaching 2+ articles: ${f.chainsIn2PlusArticles}, linked ${f.chainsLinked} (${pct(f.chainsLinkedShare)})`,
  );
  console.log(
    `  ${f.reports} reports (${f.reportsWithPredicate} with a predicate) in ${f.events} events, ${f.reportsPerArticle.toFixed(2)} reports per article; ` +
      `bare statements ${f.statementEvents} of ${f.events} events (${pct(f.statementShare)}); ${f.reportsCoveringNoGold} reports cover no gold mention; ${f.coveredMentions} gold mentions covered`,
  );
}
