/**
 * findKnownNames looks names up only at words that can start one (capitalised words, digits and
 * the few lower-case first words of the tables). It must find exactly what looking up at every
 * word finds: checked against that plain reading on a table of cases and on seeded random texts.
 */
import * as assert from 'node:assert/strict';
import { findKnownNames, NameTable } from '../../src/core/pipeline/entities/known-names';

/** The plain reading: every word of the text looked up, leftmost-longest, no overlaps. */
function everyWord(
  text: string,
  tables: readonly NameTable[],
): { start: number; end: number; text: string }[] {
  const out: { start: number; end: number; text: string }[] = [];
  const odd = tables.filter((t) => t.hasOdd);
  let taken = 0;
  const re = /[\p{L}\p{N}]+/gu;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const at = m.index;
    if (at < taken) continue;
    let best: string | undefined;
    let bestAt = at;
    for (const t of odd) {
      for (let p = Math.max(taken, at - 3); p < at; p++) {
        const name = t.oddAt(text, p);
        if (name && (!best || p < bestAt || (p === bestAt && name.length > best.length))) {
          best = name;
          bestAt = p;
        }
      }
    }
    if (!best)
      for (const t of tables) {
        const name = t.longestAt(text, at, m[0]);
        if (name && (!best || name.length > best.length)) best = name;
      }
    if (!best) continue;
    out.push({ start: bestAt, end: bestAt + best.length, text: best });
    taken = bestAt + best.length;
    re.lastIndex = taken;
  }
  return out;
}

const NAMES = [
  'New York',
  'New York Times',
  'York',
  'van der Westhuyzen',
  'van',
  'and Million Dollar Baby',
  'al-Qaeda',
  '2005 Budget',
  'Élysée Palace',
  'Jet-Air',
  'Jet Air',
  'band',
  'Andrew',
];
const ODD = ["'t Hooft"];

suite('known names: looking up only where a name can start finds what looking up everywhere finds', () => {
  const cases: [string, string[]][] = [
    ['The New York Times said van der Westhuyzen and Million Dollar Baby won.', NAMES],
    ['A band, Andrew and the van met al-Qaeda in New York; York too.', NAMES],
    ['vanguard and bandstand: no whole word of a name here, andrew neither.', NAMES],
    ["Gerard 't Hooft met Élysée Palace staff in 2005 Budget talks.", [...NAMES, ...ODD]],
    ['', NAMES],
  ];
  for (const [text, names] of cases) {
    test(JSON.stringify(text).slice(0, 60), () => {
      const tables = [new NameTable(names.slice(0, 6)), new NameTable(names.slice(6))];
      assert.deepEqual(findKnownNames(text, tables), everyWord(text, tables));
    });
  }

  test('seeded random texts of names, their parts and other words', () => {
    let a = 11; // mulberry32
    const rand = (n: number): number => {
      a = (a + 0x6d2b79f5) | 0;
      let t = Math.imul(a ^ (a >>> 15), 1 | a);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ (t + Math.imul(t ^ (t >>> 14), 71 | t));
      return ((t ^ (t >>> 14)) >>> 0) % n;
    };
    const words = [
      ...NAMES,
      ...ODD,
      ...NAMES.flatMap((n) => n.split(' ')),
      'the',
      'said',
      'and',
      'van',
      'Van',
      'York-based',
      'new',
      'a',
      '5',
      '—',
      ',',
      '.',
    ];
    let found = 0;
    for (let i = 0; i < 300; i++) {
      const text = Array.from({ length: 5 + rand(25) }, () => words[rand(words.length)]).join(
        rand(4) === 0 ? '' : ' ',
      );
      const names = NAMES.filter(() => rand(3) > 0);
      const tables = [new NameTable(names), new NameTable(rand(2) ? ODD : [])];
      const got = findKnownNames(text, tables);
      assert.deepEqual(got, everyWord(text, tables), text);
      found += got.length;
    }
    assert.ok(found > 300, `the texts hold names (${found} found)`);
  });
});

suite("known names: a table's longest name at a word is the longest of all its names that fits there", () => {
  // names of one first word that go on differently (a space, a hyphen, a full stop, a letter of
  // one, a second word of one letter), names of that word alone, and of two characters or one more
  const pool = [
    'Jo',
    'Jo X',
    'Jo Xi',
    'Jo.',
    'Jo-Ann',
    'Jo Ann',
    'Jo Anne',
    'Jo Ann Smith',
    'Jo Bo',
    'Jo B',
    'Jo Ann-Marie',
    'Jo Anna',
    'Jo Xu',
    'Jo Xi Li',
    'Jo-Jo',
    'Jo.Jo',
    'Jon',
    'New',
    'New York',
    'New York Times',
    'New Yorker',
    'New-York',
    'NY',
    'N',
    'van der Berg',
    'van',
    '2005',
    '2005 Budget',
  ];
  const plainLongest = (
    names: readonly string[],
    text: string,
    at: number,
    word: string,
  ): string | undefined => {
    const boundary = (i: number): boolean => i < 0 || i >= text.length || !/[\p{L}\p{N}]/u.test(text[i]!);
    const fit = names.filter(
      (n) =>
        n.length >= 2 &&
        /^[\p{L}\p{N}]+/u.exec(n)?.[0] === word &&
        text.startsWith(n, at) &&
        boundary(at - 1) &&
        boundary(at + n.length),
    );
    return fit.sort((a, b) => b.length - a.length)[0];
  };
  test('seeded random texts and tables, also changed name by name', () => {
    let a = 5;
    const rand = (n: number): number => {
      a = (Math.imul(a, 1103515245) + 12345) & 0x7fffffff;
      return (a >>> 8) % n; // the high bits (the low bit of this generator alternates)
    };
    const words = [...pool, ...pool.flatMap((n) => n.split(/[ -]/)), 'the', 'Ann', 'X', 'Xi', '.', ',', '-'];
    let found = 0;
    for (let run = 0; run < 40; run++) {
      const names = new Set(pool.filter(() => rand(3) > 0));
      const table = new NameTable(names);
      for (let step = 0; step < 10; step++) {
        const name = pool[rand(pool.length)]!;
        if (names.delete(name)) table.delete(name);
        else {
          names.add(name);
          table.add(name);
        }
        const text = Array.from({ length: 4 + rand(12) }, () => words[rand(words.length)]).join(
          rand(3) === 0 ? '' : ' ',
        );
        for (const m of text.matchAll(/[\p{L}\p{N}]+/gu)) {
          const expected = plainLongest([...names], text, m.index, m[0]);
          assert.equal(
            table.longestAt(text, m.index, m[0]),
            expected,
            `${JSON.stringify(text)} at ${m.index} with ${[...names].join(' | ')}`,
          );
          if (expected) found++;
        }
      }
    }
    assert.ok(found > 200, `names were found (${found})`);
  });
});

suite('known names: a table changed name by name finds what a table made anew finds', () => {
  test('seeded runs of names added and removed (lower-case first words, a name of punctuation first, one word a prefix of another)', () => {
    let a = 23;
    const rand = (n: number): number => {
      a = (Math.imul(a, 1103515245) + 12345) & 0x7fffffff;
      return a % n;
    };
    const pool = [
      ...NAMES,
      ...ODD,
      'New',
      'York Times',
      'van der Berg',
      'de Gaulle',
      'de',
      'Élysée',
      'Jet Air Cargo',
      'x',
    ];
    const words = [...pool, ...pool.flatMap((n) => n.split(' ')), 'the', 'said', 'Gerard', ',', '.'];
    const texts = Array.from({ length: 20 }, () =>
      Array.from({ length: 8 + rand(20) }, () => words[rand(words.length)]).join(' '),
    );
    let found = 0;
    for (let run = 0; run < 20; run++) {
      const current = new Set(pool.filter(() => rand(2) === 0));
      const table = new NameTable(current);
      for (let step = 0; step < 30; step++) {
        const name = pool[rand(pool.length)]!;
        if (current.has(name)) {
          current.delete(name);
          table.delete(name);
        } else {
          current.add(name);
          table.add(name);
        }
        const fresh = new NameTable(current);
        assert.deepEqual(
          [...table.lowerFirstWords].sort(),
          [...fresh.lowerFirstWords].sort(),
          `run ${run}, step ${step}: lower-case first words`,
        );
        for (const text of texts) {
          const got = findKnownNames(text, [table]);
          assert.deepEqual(got, findKnownNames(text, [fresh]), `run ${run}, step ${step}: ${text}`);
          found += got.length;
        }
      }
    }
    assert.ok(found > 1000, `the texts hold names (${found} found)`);
  });
});
