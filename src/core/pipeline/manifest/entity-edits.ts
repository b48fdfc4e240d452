/**
 * Writing a merge or a split of entities into corpus.yaml: a merge adds the other entity's names
 * to an entry's `aliases:`, a split adds a name to its `never:`. As with decisions.ts, the entry
 * is found with the `yaml` Document API and changed by one small text edit (comments and layout
 * kept), and the result is parsed again and checked before it is offered.
 */
import { isMap, isScalar, isSeq, parseDocument, stringify, type Node, type Pair, type YAMLMap } from 'yaml';
import { manifestRefusal, parseManifest, type EntityType, type ManifestEntity } from './manifest';
import type { DecisionEdit, TextEdit } from './decisions';

/** Which list of an `entities:` entry a change adds to. */
export type EntityList = 'aliases' | 'never';

/** The entity a change is about, as the index shows it. */
export interface EntityRef {
  readonly name: string;
  readonly type: EntityType;
}

/**
 * The edit that adds `names` to the `list` of `entity`'s entry in the corpus.yaml text `text`
 * (making the entry, or the `entities:` section, when there is none). Never throws.
 */
export function recordEntityNames(
  text: string,
  entity: EntityRef,
  list: EntityList,
  names: readonly string[],
): DecisionEdit {
  const refusal = manifestRefusal(text);
  if (refusal) return { ok: false, reason: refusal.message };
  const before = parseManifest(text);
  const key = (s: string): string => s.toLowerCase();
  const existing = before.entities.find((e) => key(e.name) === key(entity.name));
  const wanted = [...new Set(names.filter((n) => key(n) !== key(entity.name)))];
  const missing = wanted.filter((n) => !(existing?.[list] ?? []).some((x) => key(x) === key(n)));
  if (wanted.length === 0) return { ok: false, reason: 'there is no other name to record' };
  if (missing.length === 0) return { ok: true, edit: null, text, already: true };
  if (list === 'aliases') {
    const owner = before.entities.find(
      (e) => e !== existing && [e.name, ...e.aliases].some((f) => missing.some((n) => key(n) === key(f))),
    );
    if (owner)
      return {
        ok: false,
        reason: `corpus.yaml already has an entry for “${owner.name}”; merge the two entries by hand`,
      };
  }
  const doc = parseDocument(text);
  if (doc.errors.length > 0) return { ok: false, reason: 'corpus.yaml has a syntax error; fix it first' };
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lines = (value: unknown, indent: string): string =>
    stringify(value, { lineWidth: 0 })
      .trimEnd()
      .split('\n')
      .map((line) => indent + line)
      .join(eol) + eol;
  const newEntry = (indent: string): string =>
    lines([{ name: entity.name, type: entity.type, [list]: missing }], indent);

  let edit: TextEdit;
  const root = doc.contents;
  if (root === null || (isScalar(root) && root.value === null)) {
    edit = append(text, eol, `entities:${eol}${newEntry('  ')}`);
  } else if (!isMap(root) || root.flow) {
    return { ok: false, reason: 'corpus.yaml is not a block mapping of sections; add the entry by hand' };
  } else {
    const section = root.items.find((p) => isScalar(p.key) && p.key.value === 'entities') as
      Pair<Node, Node | null> | undefined;
    if (!section) {
      edit = append(text, eol, `entities:${eol}${newEntry('  ')}`);
    } else if (section.value === null || (isScalar(section.value) && section.value.value === null)) {
      const keyStart = (section.key as Node).range![0];
      const lineEnd = lineEndAfter(text, keyStart);
      edit = {
        start: lineEnd,
        end: lineEnd,
        insert: atEnd(text, lineEnd, eol) + newEntry(' '.repeat(column(text, keyStart) + 2)),
      };
    } else if (!isSeq(section.value) || section.value.flow) {
      return { ok: false, reason: '`entities:` in corpus.yaml is not a block list; add the entry by hand' };
    } else {
      const items = section.value.items as Node[];
      const entryNode = existing && items.find((n) => isMap(n) && sameSpan(n, existing));
      if (!entryNode) {
        if (items.length === 0)
          return { ok: false, reason: '`entities:` is empty in an unusual way; add the entry by hand' };
        const dash = text.lastIndexOf('-', items[0]!.range![0]);
        const lineEnd = endOfNode(text, items.at(-1)!);
        edit = {
          start: lineEnd,
          end: lineEnd,
          insert: atEnd(text, lineEnd, eol) + newEntry(' '.repeat(column(text, dash))),
        };
      } else {
        const map = entryNode as YAMLMap<Node, Node | null>;
        if (map.flow)
          return {
            ok: false,
            reason: `the entry of “${entity.name}” is a flow mapping; add the names by hand`,
          };
        const pair = map.items.find((p) => isScalar(p.key) && p.key.value === list);
        const value = pair?.value ?? null;
        if (!pair || value === null || (isScalar(value) && value.value === null)) {
          if (pair) {
            // `never:` with nothing after it: replace the empty value by a flow list
            const keyEnd = (pair.key as Node).range![1];
            const lineEnd = lineEndAfter(text, keyEnd);
            const nl =
              text[lineEnd - 2] === '\r' ? lineEnd - 2 : text[lineEnd - 1] === '\n' ? lineEnd - 1 : lineEnd;
            edit = { start: keyEnd, end: nl, insert: `: ${flow(missing)}` };
          } else {
            const first = map.items[0]!.key as Node;
            const lineEnd = endOfNode(text, map);
            edit = {
              start: lineEnd,
              end: lineEnd,
              insert:
                atEnd(text, lineEnd, eol) +
                lines({ [list]: missing }, ' '.repeat(column(text, first.range![0]))),
            };
          }
        } else if (isSeq(value) && value.flow) {
          const [start, end] = value.range!;
          edit = { start, end, insert: flow([...(value.toJSON() as unknown[]).map(String), ...missing]) };
        } else if (isSeq(value) && value.items.length > 0) {
          const seqItems = value.items as Node[];
          const dash = text.lastIndexOf('-', seqItems[0]!.range![0]);
          const lineEnd = endOfNode(text, seqItems.at(-1)!);
          edit = {
            start: lineEnd,
            end: lineEnd,
            insert: atEnd(text, lineEnd, eol) + lines(missing, ' '.repeat(column(text, dash))),
          };
        } else {
          return { ok: false, reason: `\`${list}:\` of “${entity.name}” is not a list; fix it first` };
        }
      }
    }
  }
  const result = text.slice(0, edit.start) + edit.insert + text.slice(edit.end);
  // The splice must add exactly these names to this entry and change nothing else the manifest says.
  const after = parseManifest(result);
  const target = after.entities.find((e) => key(e.name) === key(entity.name));
  const others = (m: typeof before): unknown => ({
    documents: m.documents.map(({ fileSpan: _, ...d }) => d),
    entities: m.entities.filter((e) => key(e.name) !== key(entity.name)).map(({ span: _, ...e }) => e),
    distinct: m.distinct.map((d) => d.reports),
    dismissed: m.dismissed.map((d) => d.reports),
  });
  const expected = [...(existing?.[list] ?? []), ...missing];
  const ok =
    target !== undefined &&
    JSON.stringify(target[list]) === JSON.stringify(expected) &&
    JSON.stringify(strip(target, list)) ===
      JSON.stringify(existing ? strip(existing, list) : strip(target, list)) &&
    JSON.stringify(others(before)) === JSON.stringify(others(after)) &&
    after.findings.length <= before.findings.length;
  if (!ok)
    return {
      ok: false,
      reason: 'the names could not be added to corpus.yaml without changing its meaning; add them by hand',
    };
  return { ok: true, edit, text: result };
}

function strip(e: ManifestEntity, list: EntityList): unknown {
  return { ...e, span: null, [list]: [] };
}

function flow(values: readonly string[]): string {
  return stringify(values, { collectionStyle: 'flow', lineWidth: 0 }).trimEnd();
}

function sameSpan(node: Node, entry: ManifestEntity): boolean {
  return node.range![0] === entry.span.start;
}

function append(text: string, eol: string, block: string): TextEdit {
  const sep = text.length === 0 ? '' : text.endsWith('\n') ? eol : eol + eol;
  return { start: text.length, end: text.length, insert: sep + block };
}

/** A line break first when the edit lands at the end of a text without one. */
function atEnd(text: string, at: number, eol: string): string {
  return at === text.length && !text.endsWith('\n') ? eol : '';
}

/** The offset just after the line holding a node's last character. */
function endOfNode(text: string, node: Node): number {
  const [start, valueEnd] = node.range!;
  // a node's range can run over the trailing line break and blank lines: step back over them
  let end = valueEnd;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  return lineEndAfter(text, Math.max(end - 1, start));
}

function lineEndAfter(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  return nl < 0 ? text.length : nl + 1;
}

function column(text: string, offset: number): number {
  return offset - (text.lastIndexOf('\n', offset - 1) + 1);
}
