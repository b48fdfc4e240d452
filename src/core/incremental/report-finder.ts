/** Finding event reports again as a corpus changes, redoing only the documents that changed. */
import type { EventInput, EventReport } from '../pipeline/events/events';
import { reportsOf } from '../pipeline/events/reports';
import type { PlacedMention } from '../pipeline/events/roles';
import { contentKey } from '../pipeline/text/content-key';
import { changedPositions, sameItems } from './lists';

interface MemoEntry {
  readonly input: EventInput;
  /** The `contentKey` of its placed mentions (kept as a key: the list itself is as long as the article's mentions). */
  readonly signature: string;
  reports: readonly EventReport[];
  pass: number;
}

/** What a pass was given and gave, and where each article was. */
interface LastPass {
  readonly inputs: readonly EventInput[];
  readonly out: EventReport[];
  readonly at: ReadonlyMap<string, number>;
}

/** More articles to look at than this: a whole pass. */
const QUICK_MAX = 64;

/**
 * Finds reports again and again as a corpus changes: a document's reports are redone only when
 * its text, sentences or dates changed, or the entities of its mentions did (their ids, types or
 * names, which is all the reading of roles looks at).
 */
export class ReportFinder {
  readonly #memo = new Map<string, MemoEntry>();
  #last: LastPass | undefined;
  /** Counts the passes; each memo entry notes the last that saw its document. */
  #pass = 0;

  /**
   * `mentionsOf` gives a document's mentions in order; `touched` the documents whose mentions may
   * have changed since the last call (undefined: any may have). Inputs are taken as immutable, as
   * the resolver takes them.
   */
  find(
    inputs: readonly EventInput[],
    mentionsOf: (document: string) => readonly PlacedMention[],
    touched: ReadonlySet<string> | undefined,
  ): EventReport[] {
    try {
      return this.#find(inputs, mentionsOf, touched);
    } catch (error) {
      this.#memo.clear(); // a half-done pass is not built on
      this.#last = undefined;
      throw error;
    }
  }

  /** Takes equal reports of another analysis in place of those found (`swap`: found → its stand-in), so later passes hand on those. */
  adopt(swap: ReadonlyMap<EventReport, EventReport>): void {
    if (swap.size === 0) return;
    this.#last = undefined; // its reports are the ones replaced
    for (const m of this.#memo.values())
      if (m.reports.some((r) => swap.has(r))) m.reports = m.reports.map((r) => swap.get(r) ?? r);
  }

  #find(
    inputs: readonly EventInput[],
    mentionsOf: (document: string) => readonly PlacedMention[],
    touched: ReadonlySet<string> | undefined,
  ): EventReport[] {
    const last = this.#last;
    this.#last = undefined; // until this pass completes
    const quick = last && touched && this.#quick(last, inputs, mentionsOf, touched);
    if (quick) {
      this.#last = { ...last, inputs: inputs.slice() };
      return quick.slice(); // the caller's to keep or change; the pass keeps its own
    }
    const out: EventReport[] = [];
    const pass = ++this.#pass;
    for (const input of inputs) {
      const id = input.doc.id;
      const before = this.#memo.get(id);
      const same = sameInput(before, input);
      if (same && touched !== undefined && !touched.has(id)) {
        before.pass = pass;
        for (const r of before.reports) out.push(r);
        continue;
      }
      this.#visit(input, before, same, mentionsOf, pass);
      for (const r of this.#memo.get(id)!.reports) out.push(r);
    }
    // documents gone since the last pass
    if (this.#memo.size > inputs.length)
      for (const [id, m] of this.#memo) if (m.pass !== pass) this.#memo.delete(id);
    this.#last = {
      inputs: inputs.slice(),
      out: out.slice(),
      at: new Map(inputs.map((x, i) => [x.doc.id, i])),
    };
    return out;
  }

  /** Finds the reports of one document again, or keeps them when its text, analysis and placed mentions are as before. */
  #visit(
    input: EventInput,
    before: MemoEntry | undefined,
    same: boolean,
    mentionsOf: (document: string) => readonly PlacedMention[],
    pass: number,
  ): void {
    const mentions = mentionsOf(input.doc.id);
    const signature = contentKey(
      mentions.map((m) => `${m.start},${m.end},${m.entity.type},${m.entity.id},${m.entity.name}`).join('\n'),
    );
    const reports = same && before!.signature === signature ? before!.reports : reportsOf(input, mentions);
    this.#memo.set(input.doc.id, { input, signature, reports, pass });
  }

  /**
   * When the articles are those of the last pass, in order, and only a few of them changed or
   * were touched: those are looked at alone, and the last pass's reports are handed on when theirs
   * stay the same objects (the common edit: an article without dated reports). Undefined when
   * this does not apply or their reports changed (then a whole pass is made).
   */
  #quick(
    last: LastPass,
    inputs: readonly EventInput[],
    mentionsOf: (document: string) => readonly PlacedMention[],
    touched: ReadonlySet<string>,
  ): EventReport[] | undefined {
    if (last.inputs.length !== inputs.length) return undefined;
    const positions = new Set(changedPositions(last.inputs, inputs));
    for (const id of touched) {
      const i = last.at.get(id);
      if (i === undefined) return undefined;
      positions.add(i);
    }
    if (positions.size > QUICK_MAX) return undefined;
    for (const i of positions) if (inputs[i]!.doc.id !== last.inputs[i]!.doc.id) return undefined;
    const pass = this.#pass;
    let same = true;
    for (const i of positions) {
      const input = inputs[i]!;
      const before = this.#memo.get(input.doc.id);
      this.#visit(input, before, sameInput(before, input), mentionsOf, before?.pass ?? pass);
      if (!before || !sameItems(this.#memo.get(input.doc.id)!.reports, before.reports)) same = false;
    }
    return same ? last.out : undefined;
  }
}

/** Whether a memo entry was made from the same text and analysis as `input`. */
function sameInput(before: MemoEntry | undefined, input: EventInput): before is MemoEntry {
  return (
    before !== undefined &&
    before.input.doc.text === input.doc.text &&
    before.input.sentences === input.sentences &&
    before.input.dates === input.dates &&
    before.input.predicates === input.predicates &&
    before.input.published === input.published
  );
}
