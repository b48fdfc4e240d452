/** A first corpus.yaml for a folder of articles: one `documents:` entry per article, titled by its first line. */

/** An article to list: its path relative to the corpus folder and its decoded text. */
export interface ScaffoldArticle {
  readonly file: string;
  readonly text: string;
}

const MAX_TITLE = 200;

/** The title an article announces: its first non-empty line, without Markdown heading marks. */
export function titleOf(text: string): string | undefined {
  for (const raw of text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n|\u2028|\u2029/)) {
    const line = raw
      .replace(/^\s{0,3}#{1,6}\s+/, '')
      .replace(/\s+#+\s*$/, '')
      .replace(/\s+/g, ' ')
      .trim();
    if (line === '' || /^(?:-{3,}|={3,}|\*{3,})$/.test(line)) continue;
    return line.length > MAX_TITLE ? `${line.slice(0, MAX_TITLE - 1).trimEnd()}…` : line;
  }
  return undefined;
}

/** The text of a new corpus.yaml listing the articles in path order. */
export function scaffoldManifest(articles: readonly ScaffoldArticle[]): string {
  const lines = [
    '# Corpus manifest (read by Corpus Navigator; every key is optional).',
    '# One entry per article: title, published (YYYY-MM-DD, YYYY-MM or YYYY), outlet, author, url.',
    '# Add `entities:` entries (name, type, aliases, description, never) for names you want to fix by hand.',
    '',
    articles.length > 0 ? 'documents:' : 'documents: []',
  ];
  for (const { file, text } of [...articles].sort((a, b) => compare(a.file, b.file))) {
    lines.push(`  - file: ${yamlString(file)}`);
    const title = titleOf(text);
    if (title !== undefined) lines.push(`    title: ${yamlString(title)}`);
  }
  return lines.join('\n') + '\n';
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * A YAML scalar for any text: plain when nothing in it can be read as YAML syntax, else
 * double-quoted with JSON escapes (a JSON string is a valid YAML double-quoted scalar).
 */
export function yamlString(text: string): string {
  const plain =
    /^[\p{L}\p{N}(][^:#"'\\\p{C}]*$/u.test(text) &&
    !/\s$/.test(text) &&
    !/^(?:true|false|yes|no|on|off|y|n|null)$/i.test(text) &&
    // numbers of YAML 1.1 and 1.2 (hex, octal, binary, underscores, exponents) and dates
    !/^(?:0x[\da-f_]+|0o?[0-7_]+|0b[01_]+|(?:[\d_]*\.?[\d_]+|[\d_]+\.)(?:e[-+]?\d+)?|\d{4}-\d\d?-\d\d?\b.*)$/i.test(
      text,
    );
  if (plain) return text;
  // JSON leaves these unescaped; YAML counts them as line breaks or non-printable.
  return JSON.stringify(text).replace(
    /[\u007f-\u009f\u2028\u2029\ufffe\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
