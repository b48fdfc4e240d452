/** A decoded article: its text and the line index that maps offsets to line/column and back. */

/** A zero-based line and UTF-16 column, as editors count them. */
export interface Position {
  readonly line: number;
  readonly character: number;
}

/** A half-open span `[start, end)` of UTF-16 code units in a document's text. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/**
 * Maps offsets to positions and back for one text; `\r\n`, `\r` and `\n` all end a line. The
 * line starts are found on the first question (most documents of a large corpus are never asked:
 * making them all at once cost a scan of every text when an index was made).
 */
export class LineIndex {
  readonly #text: string;
  #lineStarts: number[] | undefined;

  constructor(text: string) {
    this.#text = text;
  }

  get #starts(): number[] {
    return (this.#lineStarts ??= lineStarts(this.#text));
  }

  get #length(): number {
    return this.#text.length;
  }

  get lineCount(): number {
    return this.#starts.length;
  }

  /** The position of an offset (clamped into the text). */
  positionAt(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.#length));
    const starts = this.#starts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: o - starts[lo]! };
  }

  /** The offset of a position (clamped into the line and the text). */
  offsetAt(position: Position): number {
    const starts = this.#starts;
    if (position.line < 0) return 0;
    if (position.line >= starts.length) return this.#length;
    const start = starts[position.line]!;
    const next = position.line + 1 < starts.length ? starts[position.line + 1]! : this.#length;
    return Math.max(start, Math.min(start + position.character, next));
  }
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13 /* \r */) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    } else if (c === 10 /* \n */) {
      starts.push(i + 1);
    }
  }
  return starts;
}

/** One article of the corpus, as the core sees it. */
export interface CorpusDocument {
  /** Path relative to the corpus folder, `/`-separated; the document's id in the JSON contract. */
  readonly id: string;
  /** The decoded text (a leading BOM removed). */
  readonly text: string;
  readonly lines: LineIndex;
}

export function createDocument(id: string, text: string): CorpusDocument {
  return { id, text, lines: new LineIndex(text) };
}
