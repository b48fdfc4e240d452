/**
 * Event coreference that follows a changing corpus. It keeps the blocks, the features of each
 * report and the pairs that linked; an update scores only the pairs of the articles whose
 * reports changed (and the pairs a large block's new order brings in or out), and merges again
 * only the connected parts of the links that changed. The result is `groupReports`'s on the
 * same reports (pipeline/events/coreference.ts); the tests hold it to that.
 */
import {
  articleProfiles,
  BLOCK_FULL,
  blockKeys,
  blockOrder,
  byScore,
  linkScore,
  mergeBestFirst,
  NEIGHBOURS,
  reportFeatures,
  type BlockKey,
  type GroupingContext,
  type GroupingParams,
  type ReportFeatures,
  type ReportGroup,
  type ScoredPair,
} from '../pipeline/events/coreference';
import type { EventReport } from '../pipeline/events/reports';
import { pushTo } from './lists';

/** A connected part of the linked pairs, and the groups merging it gave. */
interface Part {
  readonly members: readonly EventReport[];
  readonly groups: readonly ReportGroup[];
}

export class ReportGrouper {
  readonly #params: GroupingParams;
  readonly #features = new Map<EventReport, ReportFeatures>();
  /**
   * Each blocking key's reports (in no order), by the key's class and value, so that no key
   * string is kept per report; most keys have one report, kept without a list.
   */
  readonly #blocks = new Map<string, Map<string | number, EventReport | EventReport[]>>();
  /** Large blocks in their time order, with each report's rank, made when first needed. */
  readonly #orders = new Map<string, BlockOrder>();
  /** The linked pairs: each report's partners with the pair's score. */
  readonly #links = new Map<EventReport, Map<EventReport, number>>();
  readonly #partOf = new Map<EventReport, Part>();
  #position = new Map<EventReport, number>();
  #context: GroupingContext | undefined;

  constructor(params: GroupingParams) {
    this.#params = params;
  }

  /** Forgets everything (the next call groups from scratch). */
  reset(): void {
    this.#position = new Map();
    this.#features.clear();
    this.#blocks.clear();
    this.#orders.clear();
    this.#links.clear();
    this.#partOf.clear();
  }

  /** The groups of `reports`; `context` must answer for the articles as they are now. */
  group(reports: readonly EventReport[], context: GroupingContext): ReportGroup[] {
    this.#context = context;
    const previous = this.#position;
    this.#position = new Map(reports.map((r, i) => [r, i]));
    // the articles with a report that came or went: all their reports are taken out and put back
    const dirty = new Set<string>();
    for (const r of this.#features.keys()) if (!this.#position.has(r)) dirty.add(r.document);
    for (const r of reports) if (!this.#features.has(r)) dirty.add(r.document);
    try {
      if (dirty.size > 0) this.#update(reports, dirty, previous);
    } catch (error) {
      this.reset(); // a half-done update is not built on
      throw error;
    }
    const parts = new Set(this.#partOf.values());
    const groups = [...parts].flatMap((p) => p.groups);
    const first = (g: ReportGroup): number => this.#position.get(g[0]!)!;
    return groups.sort((x, y) => first(x) - first(y));
  }

  #update(
    reports: readonly EventReport[],
    dirty: ReadonlySet<string>,
    previous: ReadonlyMap<EventReport, number>,
  ): void {
    const gone = [...this.#features.keys()].filter((r) => dirty.has(r.document));
    const added = reports.filter((r) => dirty.has(r.document));
    const changed = new Set<EventReport>([...gone, ...added]);
    /** Reports whose part must be merged again. */
    const seeds = new Set<EventReport>(added);
    /** Each block touched, as it was: its order when it was large, else its size. */
    const before = new Map<string, { readonly key: BlockKey; readonly old: BlockOrder | number }>();
    // grouping from scratch, no block has unchanged reports whose pairing could move
    const fresh = this.#features.size === 0;
    const touch = (key: BlockKey, block: readonly EventReport[]): void => {
      if (fresh || before.has(key.key)) return;
      // a large block's order as it was: kept from before, or made with the positions of then
      const kept = this.#orders.get(key.key);
      before.set(key.key, {
        key,
        old: block.length > BLOCK_FULL ? (kept ?? this.#sorted(block, previous)) : block.length,
      });
      this.#orders.delete(key.key);
    };

    // out: the reports of the dirty articles, their links and their place in the blocks
    for (const r of gone) {
      for (const key of blockKeys(this.#features.get(r)!)) {
        touch(key, this.#membersOf(key));
        this.#takeOut(key, r);
      }
      for (const other of this.#links.get(r)?.keys() ?? []) {
        this.#links.get(other)?.delete(r);
        seeds.add(other);
      }
      this.#links.delete(r);
      const part = this.#partOf.get(r);
      if (part) for (const m of part.members) seeds.add(m);
      this.#partOf.delete(r);
      this.#features.delete(r);
    }

    // in: their reports as they are now, with their articles' profiles
    const byDocument = new Map<string, EventReport[]>();
    for (const r of added) pushTo(byDocument, r.document, r);
    for (const list of byDocument.values()) {
      const profile = articleProfiles(list).get(list[0]!.document)!;
      for (const r of list) {
        const f = reportFeatures(r, this.#context!, profile);
        this.#features.set(r, f);
        for (const key of blockKeys(f)) {
          touch(key, this.#membersOf(key));
          this.#putIn(key, r);
        }
      }
    }

    // the pairs of each report put in: every other report of a small block, the neighbours in a large one
    const scored = new Map<EventReport, Set<EventReport>>();
    const consider = (a: EventReport, b: EventReport): void => {
      if (a === b || scored.get(a)?.has(b) || scored.get(b)?.has(a)) return;
      (scored.get(a) ?? scored.set(a, new Set()).get(a)!).add(b);
      this.#consider(a, b, seeds);
    };
    for (const r of added) {
      for (const key of blockKeys(this.#features.get(r)!)) {
        const block = this.#membersOf(key);
        if (block.length <= BLOCK_FULL) {
          for (const other of block) consider(r, other);
          continue;
        }
        const order = this.#orderOf(key.key, block);
        const at = order.rank.get(r)!;
        const from = Math.max(0, at - NEIGHBOURS);
        const to = Math.min(order.list.length - 1, at + NEIGHBOURS);
        for (let i = from; i <= to; i++) consider(r, order.list[i]!);
      }
    }

    // pairs of unchanged reports that a large block's new order brings in or takes out
    for (const { key, old } of before.values()) {
      const block = this.#membersOf(key);
      const wasLarge = typeof old !== 'number';
      const isLarge = block.length > BLOCK_FULL;
      if (!wasLarge && !isLarge) continue;
      for (const [a, b, was, is] of this.#movedPairs(key.key, old, block, changed)) {
        if (is && !was) consider(a, b);
        else if (was && !is && this.#links.get(a)?.has(b) && !this.#candidates(a, b)) {
          this.#links.get(a)!.delete(b);
          this.#links.get(b)!.delete(a);
          seeds.add(a).add(b);
        }
      }
    }

    this.#regroup(seeds);
  }

  #membersOf(key: BlockKey): readonly EventReport[] {
    const held = this.#blocks.get(key.of)?.get(key.value);
    return held === undefined ? [] : Array.isArray(held) ? held : [held];
  }

  #putIn(key: BlockKey, r: EventReport): void {
    const blocks = this.#blocks.get(key.of) ?? this.#blocks.set(key.of, new Map()).get(key.of)!;
    const held = blocks.get(key.value);
    if (held === undefined) blocks.set(key.value, r);
    else if (Array.isArray(held)) held.push(r);
    else blocks.set(key.value, [held, r]);
  }

  #takeOut(key: BlockKey, r: EventReport): void {
    const blocks = this.#blocks.get(key.of)!;
    const held = blocks.get(key.value);
    if (Array.isArray(held)) {
      held.splice(held.indexOf(r), 1);
      if (held.length === 1) blocks.set(key.value, held[0]!);
      return;
    }
    blocks.delete(key.value);
    if (blocks.size === 0) this.#blocks.delete(key.of);
  }

  /** Scores a candidate pair and links it when it reaches the threshold. */
  #consider(a: EventReport, b: EventReport, seeds: Set<EventReport>): void {
    const score = linkScore(this.#features.get(a)!, this.#features.get(b)!, this.#params);
    if (score === null) return;
    (this.#links.get(a) ?? this.#links.set(a, new Map()).get(a)!).set(b, score);
    (this.#links.get(b) ?? this.#links.set(b, new Map()).get(b)!).set(a, score);
    seeds.add(a).add(b);
  }

  /** Whether some blocking key of both still pairs them. */
  #candidates(a: EventReport, b: EventReport): boolean {
    const keysOfB = new Set(blockKeys(this.#features.get(b)!).map((k) => k.key));
    for (const key of blockKeys(this.#features.get(a)!)) {
      if (!keysOfB.has(key.key)) continue;
      const block = this.#membersOf(key);
      if (block.length <= BLOCK_FULL) return true;
      const { rank } = this.#orderOf(key.key, block);
      if (Math.abs(rank.get(a)! - rank.get(b)!) <= NEIGHBOURS) return true;
    }
    return false;
  }

  /**
   * The pairs of unchanged reports of a block whose pairing may differ between its old state
   * (`old`: its order when it was large, else its size) and now: with whether it paired them
   * then and now. Only pairs with a change between them can differ, unless the block crossed the
   * size at which it stops pairing everyone, when every pair of its unchanged reports may.
   */
  #movedPairs(
    key: string,
    old: BlockOrder | number,
    block: readonly EventReport[],
    changed: ReadonlySet<EventReport>,
  ): [EventReport, EventReport, boolean, boolean][] {
    const now = block.length > BLOCK_FULL ? this.#orderOf(key, block) : block.length;
    const rankThen = typeof old === 'number' ? undefined : old.rank;
    const rankNow = typeof now === 'number' ? undefined : now.rank;
    const paired = (
      rank: ReadonlyMap<EventReport, number> | undefined,
      a: EventReport,
      b: EventReport,
    ): boolean => rank === undefined || Math.abs(rank.get(a)! - rank.get(b)!) <= NEIGHBOURS;
    // the unchanged reports in block order (the same order then and now), and where changes sit among them
    const list = typeof now === 'number' ? (typeof old === 'number' ? [] : old.list) : now.list;
    const kept = list.filter((r) => !changed.has(r));
    const slots: number[] = [];
    const slotsOf = (order: readonly EventReport[]): void => {
      let seen = 0;
      for (const r of order) {
        if (changed.has(r)) slots.push(seen);
        else seen++;
      }
    };
    if (typeof old !== 'number') slotsOf(old.list);
    if (typeof now !== 'number') slotsOf(now.list);
    const out: [EventReport, EventReport, boolean, boolean][] = [];
    const pairOf = (i: number, j: number): void => {
      const a = kept[i]!;
      const b = kept[j]!;
      const was = paired(rankThen, a, b);
      const is = paired(rankNow, a, b);
      if (was !== is) out.push([a, b, was, is]);
    };
    if (typeof old === 'number' || typeof now === 'number') {
      // crossed the size: every pair of unchanged reports (at most BLOCK_FULL of them on the small side)
      for (let i = 0; i < kept.length; i++) for (let j = i + 1; j < kept.length; j++) pairOf(i, j);
      return out;
    }
    const done = new Set<number>();
    for (const s of slots) {
      for (let i = Math.max(0, s - NEIGHBOURS); i < s; i++) {
        for (let j = s; j < kept.length && j <= i + NEIGHBOURS; j++) {
          const id = i * kept.length + j;
          if (done.has(id)) continue;
          done.add(id);
          pairOf(i, j);
        }
      }
    }
    return out;
  }

  /** A large block's time order, made when first asked for after it changed. */
  #orderOf(key: string, block: readonly EventReport[]): BlockOrder {
    let order = this.#orders.get(key);
    if (!order) {
      order = this.#sorted(block, this.#position);
      this.#orders.set(key, order);
    }
    return order;
  }

  #sorted(block: readonly EventReport[], position: ReadonlyMap<EventReport, number>): BlockOrder {
    const features = this.#features;
    const list = [...block].sort((x, y) =>
      blockOrder(features.get(x)!, position.get(x)!, features.get(y)!, position.get(y)!),
    );
    return { list, rank: new Map(list.map((r, i) => [r, i])) };
  }

  /** Merges again each connected part of the links that holds a seed. */
  #regroup(seeds: ReadonlySet<EventReport>): void {
    const visited = new Set<EventReport>();
    for (const seed of seeds) {
      if (visited.has(seed) || !this.#features.has(seed)) continue;
      const members: EventReport[] = [];
      const queue = [seed];
      visited.add(seed);
      while (queue.length > 0) {
        const r = queue.pop()!;
        members.push(r);
        for (const other of this.#links.get(r)?.keys() ?? []) {
          if (visited.has(other)) continue;
          visited.add(other);
          queue.push(other);
        }
      }
      const position = this.#position;
      members.sort((x, y) => position.get(x)! - position.get(y)!);
      const local = new Map(members.map((r, i) => [r, i]));
      const pairs: ScoredPair[] = [];
      for (const r of members) {
        for (const [other, score] of this.#links.get(r) ?? []) {
          if (local.get(other)! > local.get(r)!)
            pairs.push({ a: local.get(r)!, b: local.get(other)!, score });
        }
      }
      // local positions keep the corpus order, so ties break as they would over the whole corpus
      pairs.sort(byScore);
      const features = members.map((r) => this.#features.get(r)!);
      const part: Part = { members, groups: mergeBestFirst(features, pairs, this.#context!, this.#params) };
      for (const r of members) this.#partOf.set(r, part);
    }
  }
}

interface BlockOrder {
  readonly list: readonly EventReport[];
  readonly rank: ReadonlyMap<EventReport, number>;
}
