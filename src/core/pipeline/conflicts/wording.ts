/**
 * The words of a conflict: its types and its messages. Apart from the finding of conflicts, so
 * that the editor's diagnostics need none of the language analysis.
 */

export interface ConflictReport {
  readonly document: string;
  readonly start: number;
  readonly end: number;
  /** The date or number as written. */
  readonly text: string;
  /** What it means: an ISO day or `from/to` interval, or the number. */
  readonly value: string;
}

export interface Conflict {
  readonly kind: 'date' | 'quantity';
  readonly event: string;
  readonly message: string;
  readonly reports: readonly ConflictReport[];
  /** `warning` when the rules above all hold; `info` when the disagreement may have an innocent reading. */
  readonly severity: 'warning' | 'info';
  /** The happening in a word ("meeting"). */
  readonly what: string;
  /** Why an `info` conflict is uncertain. */
  readonly note: string | null;
  /** Why the two reports are taken for one happening: the names both give ("Lars Holm, Helena Marsh and Brussels"). */
  readonly shared: string;
  /**
   * When many sources take each side, the two reports stand for all of them: how many sources
   * give each value (the conflict then stands for every pair of them).
   */
  readonly camps?: readonly [number, number];
}

/** The message of a conflict as a whole: what each side says, and why they are taken for one happening. */
export function conflictMessage(
  c: Omit<Conflict, 'message'>,
  sourceOf: (document: string) => string,
): string {
  return `${sentenceCase(describe(c, 0, sourceOf(c.reports[0]!.document)))}; ${describe(c, 1, sourceOf(c.reports[1]!.document))}${c.note ? ` (${c.note})` : ''}${why(c)}${inAll(c)}`;
}

/**
 * What one side of a conflict says, named by its source: "Nordic Ledger dates this meeting
 * March 5", "Nordic Ledger counts 16 Scottish fishermen". For a diagnostic on the other side.
 */
export function describe(
  c: Pick<Conflict, 'kind' | 'what' | 'reports'>,
  side: number,
  source: string,
): string {
  const r = c.reports[side]!;
  if (c.kind === 'quantity') return `${source} counts ${r.text} in this ${c.what}`;
  const explicit =
    /\b(?:January|February|March|April|May|June|July|August|September|October|November|December|\d{4})\b/i.test(
      r.text,
    );
  return `${source} dates this ${c.what} ${r.text}${explicit ? '' : ` (${r.value.replace('/', ' … ')})`}`;
}

/** The message for a diagnostic on `side`: what each other report says. */
export function messageFor(c: Conflict, side: number, sourceOf: (document: string) => string): string {
  const others = c.reports.map((_, i) => i).filter((i) => i !== side);
  return sentenceCase(
    `${others.map((i) => describe(c, i, sourceOf(c.reports[i]!.document))).join('; ')}${c.note ? ` (${c.note})` : ''}${why(c)}`,
  );
}

/** For a conflict between camps: how many sources give each value. */
function inAll(c: Pick<Conflict, 'camps' | 'reports'>): string {
  if (!c.camps) return '';
  const [x, y] = c.reports;
  return `. In all, ${c.camps[0]} sources give ${x!.text} and ${c.camps[1]} give ${y!.text}`;
}

/** Why the reports are taken for one happening, as the end of a message. */
function why(c: Pick<Conflict, 'shared'>): string {
  return c.shared ? `. Both name ${c.shared}` : '';
}

/** How messages name an article: its outlet, else its title in quotes. */
export function sourceName(d: {
  readonly id: string;
  readonly outlet: string | null;
  readonly title: string;
}): string {
  return d.outlet ?? `“${d.title || d.id}”`;
}

function sentenceCase(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
