/**
 * corpus.yaml: the hand-kept manifest of a corpus. Parsed with `yaml` so every problem keeps its
 * position; a broken part is reported and skipped, the rest still applies.
 */
import { isMap, isScalar, isSeq, parseDocument, type Node, type Pair, type YAMLMap } from 'yaml';
import type { Finding, FindingCode, Severity } from '../findings';
import { LineIndex, type Span } from '../text/document';
import { parsePartialDate } from '../dates/partial-date';

import { MANIFEST_FILE } from '../text/article-files';

export { MANIFEST_FILE };

export type EntityType = 'person' | 'place' | 'organization' | 'other';
export const ENTITY_TYPES: readonly EntityType[] = ['person', 'place', 'organization', 'other'];

/** One `documents:` entry. */
export interface ManifestDocument {
  readonly file: string;
  readonly title?: string;
  /** YYYY, YYYY-MM or YYYY-MM-DD, already checked against the calendar. */
  readonly published?: string;
  readonly outlet?: string;
  readonly author?: string;
  readonly url?: string;
  /** Where the `file:` value stands in corpus.yaml. */
  readonly fileSpan: Span;
}

/** One `entities:` entry: hand-kept knowledge merged with what the texts yield. */
export interface ManifestEntity {
  readonly name: string;
  readonly type?: EntityType;
  readonly aliases: readonly string[];
  readonly description?: string;
  /** Names that must never be merged with this entity. */
  readonly never: readonly string[];
  readonly span: Span;
}

/**
 * A person's decision on two (or more) reports, from `distinct:` (not the same event) or
 * `dismissed:` (a conflict checked and set aside). Each report is named by its article and the
 * date or number as written there, which survives edits elsewhere in the article:
 *
 *     distinct:
 *       - harbour-herald.txt: March 3
 *         nordic-ledger.txt: March 5
 */
export interface ManifestDecision {
  readonly reports: readonly { readonly file: string; readonly text: string }[];
  /** Where the entry stands in corpus.yaml. */
  readonly span: Span;
}

export interface Manifest {
  readonly documents: readonly ManifestDocument[];
  readonly entities: readonly ManifestEntity[];
  /** Pairs of reports that are different events. */
  readonly distinct: readonly ManifestDecision[];
  /** Conflicts a person has set aside. */
  readonly dismissed: readonly ManifestDecision[];
  /** Problems found in corpus.yaml, each with its position. */
  readonly findings: readonly Finding[];
}

export const EMPTY_MANIFEST: Manifest = {
  documents: [],
  entities: [],
  distinct: [],
  dismissed: [],
  findings: [],
};

/** The sections that hold decisions on conflicts. */
export type DecisionSection = 'distinct' | 'dismissed';

const DOCUMENT_KEYS = ['file', 'title', 'published', 'outlet', 'author', 'url'] as const;
const ENTITY_KEYS = ['name', 'type', 'aliases', 'description', 'never'] as const;
const DECISION_SECTIONS: readonly DecisionSection[] = ['distinct', 'dismissed'];
const TOP_KEYS = ['documents', 'entities', ...DECISION_SECTIONS];

/**
 * corpus.yaml longer than this (in UTF-16 units, about as many bytes) is not parsed: 8 MB holds
 * entries for some 40,000 articles, and far larger input made the parser take gigabytes.
 */
export const MAX_MANIFEST_LENGTH = 8 * 1024 * 1024;

/** Nesting deeper than this is no manifest; the parser's recursion on it runs out of stack or memory. */
export const MAX_MANIFEST_NESTING = 64;

/**
 * Why corpus.yaml text is not parsed at all (too long, or nested too deep), as a finding at the
 * place it goes wrong; null when it may be parsed. A linear scan, so that hostile text costs
 * no more than reading it.
 */
export function manifestRefusal(text: string, file = MANIFEST_FILE): Finding | null {
  const refuse = (message: string, at: number): Finding => ({
    code: 'yaml-syntax',
    severity: 'error',
    message: `${message}; ${file} is ignored`,
    file,
    span: { start: at, end: Math.min(at + 1, text.length) },
  });
  if (text.length > MAX_MANIFEST_LENGTH)
    return refuse(
      `${(text.length / 1048576).toFixed(1)} MB is over the ${MAX_MANIFEST_LENGTH / 1048576} MB limit for ${file}`,
      0,
    );
  const deep = tooDeepAt(text);
  return deep < 0 ? null : refuse(`nested more than ${MAX_MANIFEST_NESTING} levels deep`, deep);
}

/**
 * Where flow collections (`[`, `{`), indented block levels or compact block entries (`- - -`)
 * first nest deeper than MAX_MANIFEST_NESTING, or -1. Quoted scalars and comments are skipped; a bracket inside a plain
 * scalar of block context ("title: Report [draft") opens nothing.
 */
function tooDeepAt(text: string): number {
  let flow = 0;
  let quote = '';
  let previous = '\n'; // the last character that is not a space or tab
  let lineStart = true;
  let compact = 0;
  // the indentation of each open block level, and where the current line begins
  const indents: number[] = [];
  let lineBegin = 0;
  let measured = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote !== '') {
      if (quote === '"' && c === '\\') i++;
      else if (c === quote) {
        if (quote === "'" && text[i + 1] === "'") i++;
        else quote = '';
      }
      previous = c;
      continue;
    }
    if (c === '\n' || c === '\r') {
      lineStart = true;
      compact = 0;
      previous = '\n';
      lineBegin = i + 1;
      measured = false;
      continue;
    }
    if (c === ' ' || c === '\t') continue;
    if (!measured && flow === 0 && c !== '#') {
      measured = true;
      const column = i - lineBegin;
      while (indents.length > 0 && indents.at(-1)! > column) indents.pop();
      if (indents.length === 0 || indents.at(-1)! < column) indents.push(column);
      if (indents.length > MAX_MANIFEST_NESTING) return i;
    }
    const tokenStart = flow > 0 || '\n:-?'.includes(previous);
    if (c === '#' && (lineStart || text[i - 1] === ' ' || text[i - 1] === '\t')) {
      while (i + 1 < text.length && text[i + 1] !== '\n' && text[i + 1] !== '\r') i++;
      continue;
    }
    if ((c === '"' || c === "'") && (tokenStart || '[{,'.includes(previous))) quote = c;
    else if ((c === '[' || c === '{') && (tokenStart || '[{,'.includes(previous))) {
      if (++flow > MAX_MANIFEST_NESTING) return i;
    } else if ((c === ']' || c === '}') && flow > 0) flow--;
    else if (lineStart && (c === '-' || c === '?') && /[ \t]/.test(text[i + 1] ?? '')) {
      if (++compact + indents.length > MAX_MANIFEST_NESTING) return i;
      previous = c;
      continue;
    }
    lineStart = false;
    previous = c;
  }
  return -1;
}

/** Parses corpus.yaml text. Never throws. */
export function parseManifest(text: string, file = MANIFEST_FILE): Manifest {
  const refusal = manifestRefusal(text, file);
  if (refusal) return { ...EMPTY_MANIFEST, findings: [refusal] };
  const findings: Finding[] = [];
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  // After a syntax error the parser's recovery yields odd nodes: report the error, not its echoes.
  const broken = doc.errors.map((e) => e.pos);
  // a second YAML document (after `---`) is reported but leaves the first one intact
  const garbled = doc.errors
    .filter((e) => e.code !== 'DUPLICATE_KEY' && e.code !== 'MULTIPLE_DOCS')
    .map((e) => e.pos);
  // An error at the end of the file (an unclosed quote) belongs to the entry that runs to the end;
  // any other touches an entry only when it starts inside it (a tab on the next line does not).
  const runsInto = (entry: Span, [a, b]: readonly [number, number]): boolean =>
    a >= text.length ? entry.end >= text.length : entry.start < Math.max(a + 1, b) && a < entry.end;
  const report = (code: FindingCode, message: string, span: Span, severity: Severity = 'warning'): void => {
    if (code !== 'yaml-syntax' && broken.some(([a, b]) => span.start <= b && a <= span.end)) return;
    findings.push({ code, severity, message, file, span });
  };
  // The parser's recovery adds more errors on the line of the first (a tab as indentation gives
  // four): that first one is the cause, the others would only repeat it.
  const lines = new LineIndex(text);
  const errorLines = new Set<number>();
  for (const e of doc.errors) {
    const span = clampSpan(e.pos, text);
    const line = lines.positionAt(span.start).line;
    if (errorLines.has(line)) continue;
    errorLines.add(line);
    report('yaml-syntax', e.message.split('\n')[0]!, span, 'error');
  }
  for (const w of doc.warnings) report('yaml-syntax', w.message.split('\n')[0]!, clampSpan(w.pos, text));

  const documents: ManifestDocument[] = [];
  const entities: ManifestEntity[] = [];
  const decisions: Record<DecisionSection, ManifestDecision[]> = { distinct: [], dismissed: [] };
  const result = (): Manifest => ({
    documents,
    entities,
    distinct: decisions.distinct,
    dismissed: decisions.dismissed,
    findings,
  });
  const root = doc.contents;
  if (root === null || (isScalar(root) && (root.value === null || root.value === ''))) return result();
  if (!isMap(root)) {
    report(
      'wrong-type',
      'corpus.yaml should be a mapping with sections such as `documents:` and `entities:`',
      spanOf(root, text),
    );
    return result();
  }

  const scalarString = (node: unknown, key: string): string | undefined => {
    if (isScalar(node) && (typeof node.value === 'string' || typeof node.value === 'number')) {
      const s = String(node.value).trim();
      return s === '' ? undefined : s;
    }
    if (isScalar(node) && node.value === null) return undefined;
    report('wrong-type', `\`${key}\` should be text`, spanOf(node, text));
    return undefined;
  };
  const stringList = (node: unknown, key: string): string[] => {
    if (node === undefined || node === null || (isScalar(node) && node.value === null)) return [];
    if (isScalar(node)) {
      const s = scalarString(node, key);
      return s === undefined ? [] : [s];
    }
    if (!isSeq(node)) {
      report('wrong-type', `\`${key}\` should be a list of names`, spanOf(node, text));
      return [];
    }
    return node.items.map((item) => scalarString(item, key)).filter((s): s is string => s !== undefined);
  };
  const entries = (pair: Pair, section: string): YAMLMap[] => {
    const value = pair.value;
    if (value === null || (isScalar(value) && value.value === null)) return [];
    if (!isSeq(value)) {
      report(
        'wrong-type',
        `\`${section}:\` should be a list (each entry starting with \`- \`)`,
        spanOf(value ?? pair.key, text),
      );
      return [];
    }
    const maps: YAMLMap[] = [];
    for (const item of value.items) {
      // an entry that a syntax error runs through is not applied: its values are the parser's guesses
      if (isMap(item) && garbled.some((pos) => runsInto(spanOf(item, text), pos))) continue;
      if (isMap(item)) maps.push(item);
      else report('wrong-type', `each entry of \`${section}:\` should be a mapping`, spanOf(item, text));
    }
    return maps;
  };
  const fields = <K extends string>(map: YAMLMap, allowed: readonly K[], section: string): Map<K, Pair> => {
    const out = new Map<K, Pair>();
    for (const pair of map.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
      if (key !== undefined && (allowed as readonly string[]).includes(key)) {
        if (!out.has(key as K)) out.set(key as K, pair); // a repeated key is a syntax error; the first one applies
      } else
        report(
          'unknown-key',
          `unknown key \`${key ?? '?'}\` in a \`${section}\` entry (expected one of: ${allowed.join(', ')})`,
          spanOf(pair.key, text),
        );
    }
    return out;
  };

  const seenFiles = new Set<string>();
  for (const pair of root.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
    if (key === 'documents') {
      for (const map of entries(pair, 'documents')) {
        const f = fields(map, DOCUMENT_KEYS, 'documents');
        const fileNode = f.get('file')?.value;
        const fileName = isBlank(fileNode) ? undefined : scalarString(fileNode, 'file');
        if (fileName === undefined) {
          if (isBlank(fileNode))
            report(
              'missing-field',
              "a `documents` entry needs `file:` (the article's path relative to this folder)",
              spanOf(f.get('file')?.key ?? map, text),
            );
          continue;
        }
        const normalized = fileName.replace(/\\/g, '/').replace(/^\.\//, '');
        if (seenFiles.has(normalized)) {
          report(
            'duplicate-entry',
            `\`${normalized}\` is listed twice; the first entry applies`,
            spanOf(fileNode, text),
          );
          continue;
        }
        seenFiles.add(normalized);
        let published: string | undefined;
        const pubNode = f.get('published')?.value;
        if (pubNode !== undefined) {
          const raw = scalarString(pubNode, 'published');
          if (raw !== undefined) {
            if (parsePartialDate(raw)) published = raw;
            else
              report(
                'invalid-date',
                `\`published: ${raw}\` is not a real date; write YYYY-MM-DD, YYYY-MM or YYYY`,
                spanOf(pubNode, text),
              );
          }
        }
        const text_ = (k: 'title' | 'outlet' | 'author' | 'url'): string | undefined => {
          const n = f.get(k)?.value;
          return n === undefined ? undefined : scalarString(n, k);
        };
        documents.push(
          stripUndefined({
            file: normalized,
            title: text_('title'),
            published,
            outlet: text_('outlet'),
            author: text_('author'),
            url: text_('url'),
            fileSpan: spanOf(fileNode, text),
          }),
        );
      }
    } else if (key === 'entities') {
      const aliasOwner = new Map<string, string>();
      for (const map of entries(pair, 'entities')) {
        const f = fields(map, ENTITY_KEYS, 'entities');
        const nameNode = f.get('name')?.value;
        const name = isBlank(nameNode) ? undefined : scalarString(nameNode, 'name');
        if (name === undefined) {
          if (isBlank(nameNode))
            report(
              'missing-field',
              'an `entities` entry needs `name:`',
              spanOf(f.get('name')?.key ?? map, text),
            );
          continue;
        }
        let type: EntityType | undefined;
        const typeNode = f.get('type')?.value;
        if (typeNode !== undefined) {
          const raw = scalarString(typeNode, 'type');
          if (raw !== undefined && (ENTITY_TYPES as readonly string[]).includes(raw))
            type = raw as EntityType;
          else if (raw !== undefined)
            report(
              'wrong-type',
              `\`type: ${raw}\` is not one of ${ENTITY_TYPES.join(', ')}`,
              spanOf(typeNode, text),
            );
        }
        const aliasesNode = f.get('aliases')?.value;
        const aliases: string[] = [];
        for (const alias of stringList(aliasesNode, 'aliases')) {
          const k = alias.toLowerCase();
          const owner = aliasOwner.get(k);
          if (owner !== undefined && owner !== name) {
            report(
              'duplicate-alias',
              `alias \`${alias}\` is already claimed by \`${owner}\`; it stays with \`${owner}\``,
              aliasSpan(aliasesNode, alias, text),
            );
            continue;
          }
          aliasOwner.set(k, name);
          aliases.push(alias);
        }
        const owner = aliasOwner.get(name.toLowerCase());
        if (owner !== undefined && owner !== name)
          report('duplicate-alias', `\`${name}\` is also an alias of \`${owner}\``, spanOf(nameNode, text));
        aliasOwner.set(name.toLowerCase(), name);
        const descNode = f.get('description')?.value;
        entities.push(
          stripUndefined({
            name,
            type,
            aliases,
            description: descNode === undefined ? undefined : scalarString(descNode, 'description'),
            never: stringList(f.get('never')?.value, 'never'),
            span: spanOf(map, text),
          }),
        );
      }
    } else if (key === 'distinct' || key === 'dismissed') {
      const seen = new Set<string>();
      for (const map of entries(pair, key)) {
        const reports: { file: string; text: string }[] = [];
        for (const item of map.items) {
          const file = scalarString(item.key, 'file');
          const said = item.value === null ? undefined : scalarString(item.value, 'the date or number');
          if (file === undefined) continue;
          if (said === undefined) {
            report(
              'missing-field',
              `give the date or number as \`${file}\` writes it (\`${file}: March 5\`)`,
              spanOf(item.key, text),
            );
            continue;
          }
          reports.push({ file: file.replace(/\\/g, '/').replace(/^\.\//, ''), text: said });
        }
        if (reports.length < 2) {
          if (reports.length === map.items.length)
            report(
              'missing-field',
              `a \`${key}\` entry names two reports, each as \`file: date or number as written\``,
              spanOf(map, text),
            );
          continue;
        }
        const id = reports
          .map((r) => `${r.file}\u0000${r.text}`)
          .sort()
          .join('\u0001');
        if (seen.has(id)) {
          report('duplicate-entry', `this \`${key}\` entry is listed twice`, spanOf(map, text));
          continue;
        }
        seen.add(id);
        decisions[key].push({ reports, span: spanOf(map, text) });
      }
    } else if (key === undefined || !TOP_KEYS.includes(key)) {
      report(
        'unknown-key',
        `unknown section \`${key ?? '?'}\` (expected one of: ${TOP_KEYS.join(', ')})`,
        spanOf(pair.key, text),
      );
    }
  }
  return result();
}

/** A parser position as a span inside the text (an error at the end of the file points one past it). */
function clampSpan([a, b]: readonly [number, number], text: string): Span {
  const start = Math.max(0, Math.min(a, text.length));
  return { start, end: Math.max(start, Math.min(b, text.length)) };
}

/** No value at all, or an empty one (`file:` with nothing after it). */
function isBlank(node: unknown): boolean {
  return (
    node === undefined ||
    node === null ||
    (isScalar(node) && (node.value === null || String(node.value).trim() === ''))
  );
}

function spanOf(node: unknown, text: string): Span {
  const range = (node as Node | null | undefined)?.range;
  if (range) return { start: range[0], end: Math.max(range[0], range[1]) };
  return { start: 0, end: Math.min(text.length, 1) };
}

function aliasSpan(list: unknown, alias: string, text: string): Span {
  if (isSeq(list)) {
    for (const item of list.items)
      if (isScalar(item) && String(item.value).trim() === alias) return spanOf(item, text);
  }
  return spanOf(list, text);
}

function stripUndefined<T extends object>(o: T): T {
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] === undefined) delete o[k];
  return o;
}
