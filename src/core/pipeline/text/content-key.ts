/**
 * A content key: two independent 53-bit hashes of a text (cyrb53, public domain) plus its length,
 * so an article whose text is unchanged is recognised without comparing texts. Pure JavaScript:
 * the core runs wherever the extension does.
 */
export function contentKey(text: string): string {
  const [a, b] = cyrb53Twice(text, 0x9e3779b9, 0x85ebca6b);
  return `${a.toString(36)}.${b.toString(36)}.${text.length.toString(36)}`;
}

/** cyrb53 of `text` with two seeds, in one pass over the text (reading a large corpus hashes every article). */
function cyrb53Twice(text: string, seedA: number, seedB: number): [number, number] {
  let a1 = 0xdeadbeef ^ seedA;
  let a2 = 0x41c6ce57 ^ seedA;
  let b1 = 0xdeadbeef ^ seedB;
  let b2 = 0x41c6ce57 ^ seedB;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    a1 = Math.imul(a1 ^ ch, 2654435761);
    a2 = Math.imul(a2 ^ ch, 1597334677);
    b1 = Math.imul(b1 ^ ch, 2654435761);
    b2 = Math.imul(b2 ^ ch, 1597334677);
  }
  return [finish(a1, a2), finish(b1, b2)];
}

function finish(h1: number, h2: number): number {
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}
