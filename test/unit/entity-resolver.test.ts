/**
 * EntityResolver: resolving again after changes gives exactly what a fresh resolution gives, and
 * each path by which a change reaches unchanged articles is taken. Mentions are given by hand
 * (not found by the tagger), so each case controls what the tagger "found" in every article.
 */
import * as assert from 'node:assert/strict';
import { createDocument } from '../../src/core/pipeline/text/document';
import { resolveEntities, type EntityInput } from '../../src/core/pipeline/entities/entities';
import { EntityResolver } from '../../src/core/incremental/entity-resolver';
import type { Mention } from '../../src/core/pipeline/entities/mentions';
import type { EntityType, ManifestEntity } from '../../src/core/pipeline/manifest/manifest';

type Article = [id: string, text: string, tagged: [name: string, type: EntityType][]];

/** An article whose tagger found `tagged` (every occurrence of each name). */
function input([id, text, tagged]: Article): EntityInput {
  const mentions: Mention[] = [];
  for (const [name, type] of tagged) {
    for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + name.length)) {
      mentions.push({ start: at, end: at + name.length, text: name, type, via: 'tagger' });
    }
  }
  return { doc: createDocument(id, text), mentions: mentions.sort((a, b) => a.start - b.start) };
}

const NO_MANIFEST: ManifestEntity[] = [];

/** The entity (name and type) of the first occurrence of `name` in `doc` that is a mention, else undefined. */
function entityAt(resolver: EntityResolver, doc: string, text: string, name: string): string | undefined {
  const mentions = resolver.mentionsOf(doc);
  for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1)) {
    const hit = mentions.find((m) => m.start === at && m.end === at + name.length);
    if (hit) return `${hit.entity.name} (${hit.entity.type})`;
  }
  return undefined;
}

suite('EntityResolver: incremental resolution equals a fresh one', () => {
  const quiet: Article = [
    'x.txt',
    'Later Jonas Valaitis arrived in Vilnius, where Jordan waited.',
    [
      ['Vilnius', 'place'],
      ['Jordan', 'place'],
    ],
  ];
  const namer: Article = [
    'y.txt',
    'Jonas Valaitis met Gitanas Nauseda.',
    [
      ['Jonas Valaitis', 'person'],
      ['Gitanas Nauseda', 'person'],
    ],
  ];
  const jordanPlace: Article = [
    'x.txt',
    'Alexander Lukashenko spoke in Jordan.',
    [
      ['Alexander Lukashenko', 'person'],
      ['Jordan', 'place'],
    ],
  ];
  const lukashenko: Article = ['y.txt', 'Aleksandr Lukashenko agreed.', [['Aleksandr Lukashenko', 'person']]];
  const jones: Article = [
    'j.txt',
    'Tom Jones sang. Jones smiled.',
    [
      ['Tom Jones', 'person'],
      ['Jones', 'person'],
    ],
  ];
  const loneJones: Article = ['j.txt', 'Jones smiled.', [['Jones', 'person']]];
  const valaitis: Article = ['k.txt', 'Jonas Valaitis arrived.', [['Jonas Valaitis', 'person']]];
  const jetAir: Article = [
    'x.txt',
    'Jet Air sued Jet-Air.',
    [
      ['Jet-Air', 'organization'],
      ['Jet Air', 'organization'],
    ],
  ];
  const votes = (n: number): Article[] =>
    Array.from({ length: n }, (_, i): Article => [
      `w${i}.txt`,
      `Jordan said on day ${i} that he would stay.`,
      [['Jordan', 'person']],
    ]);

  // [what happens, articles after it, manifest, [document, name, the entity expected there (undefined: no mention)]]
  const steps: [string, Article[], ManifestEntity[], [string, string, string | undefined]][] = [
    [
      'to start, x.txt alone: the untagged name is no mention',
      [quiet],
      NO_MANIFEST,
      ['x.txt', 'Jonas Valaitis', undefined],
    ],
    [
      'y.txt tags the name: x.txt, unchanged, is read again and finds it',
      [quiet, namer],
      NO_MANIFEST,
      ['x.txt', 'Jonas Valaitis', 'Jonas Valaitis (person)'],
    ],
    [
      'y.txt goes: the name goes from x.txt too',
      [quiet],
      NO_MANIFEST,
      ['x.txt', 'Jonas Valaitis', undefined],
    ],
    [
      "three articles tag Jordan a person: x.txt's Jordan follows the corpus",
      [quiet, ...votes(3)],
      [],
      ['x.txt', 'Jordan', 'Jordan (person)'],
    ],
    [
      "two of them go: x.txt's own vote wins again",
      [quiet, ...votes(1)],
      NO_MANIFEST,
      ['x.txt', 'Jordan', 'Jordan (place)'],
    ],
    [
      'y.txt back, x.txt edited',
      [['x.txt', 'Jonas Valaitis arrived in Vilnius.', [['Vilnius', 'place']]], namer, ...votes(1)],
      NO_MANIFEST,
      ['x.txt', 'Jonas Valaitis', 'Jonas Valaitis (person)'],
    ],
    [
      'x.txt typed into: offsets move, the names stay',
      [['x.txt', 'Today Jonas Valaitis arrived in Vilnius.', [['Vilnius', 'place']]], namer, ...votes(1)],
      NO_MANIFEST,
      ['x.txt', 'Vilnius', 'Vilnius (place)'],
    ],
    [
      'x.txt names the same places in another order',
      [['x.txt', 'In Vilnius, Jonas Valaitis arrived.', [['Vilnius', 'place']]], namer, ...votes(1)],
      NO_MANIFEST,
      ['x.txt', 'Jonas Valaitis', 'Jonas Valaitis (person)'],
    ],
    [
      'two names with one slug (ids jet-air and jet-air-2 by first mention)',
      [
        [
          'x.txt',
          'Jet-Air sued Jet Air.',
          [
            ['Jet-Air', 'organization'],
            ['Jet Air', 'organization'],
          ],
        ],
        namer,
      ],
      NO_MANIFEST,
      ['x.txt', 'Jet Air', 'Jet Air (organization)'],
    ],
    [
      'the two swapped: the ids swap too',
      [
        [
          'x.txt',
          'Jet Air sued Jet-Air.',
          [
            ['Jet-Air', 'organization'],
            ['Jet Air', 'organization'],
          ],
        ],
        namer,
      ],
      NO_MANIFEST,
      ['x.txt', 'Jet-Air', 'Jet-Air (organization)'],
    ],
    [
      'a surname alone comes in a new article: it joins the full name named elsewhere',
      [jetAir, namer, ['s.txt', 'Later Valaitis left.', [['Valaitis', 'person']]]],
      NO_MANIFEST,
      ['s.txt', 'Valaitis', 'Jonas Valaitis (person)'],
    ],
    [
      'the surname named again in another article stays with its one full name (the clusters stay; named more often by the surname, the entity is named so)',
      [
        jetAir,
        namer,
        ['s.txt', 'Later Valaitis left.', [['Valaitis', 'person']]],
        ['t.txt', 'Valaitis came back.', [['Valaitis', 'person']]],
      ],
      NO_MANIFEST,
      ['y.txt', 'Jonas Valaitis', 'Valaitis (person)'],
    ],
    [
      'a second full name with that surname comes where the surname is named',
      [
        jetAir,
        namer,
        ['s.txt', 'Later Valaitis left.', [['Valaitis', 'person']]],
        [
          't.txt',
          'Valaitis came back with Petras Valaitis.',
          [
            ['Valaitis', 'person'],
            ['Petras Valaitis', 'person'],
          ],
        ],
      ],
      NO_MANIFEST,
      ['t.txt', 'Valaitis', 'Valaitis (person)'],
    ],
    [
      'the surname named in one more article (two full names to choose from: the clusters are worked out again)',
      [
        jetAir,
        namer,
        ['s.txt', 'Later Valaitis left.', [['Valaitis', 'person']]],
        [
          't.txt',
          'Valaitis came back with Petras Valaitis.',
          [
            ['Valaitis', 'person'],
            ['Petras Valaitis', 'person'],
          ],
        ],
        [
          'u.txt',
          'Valaitis met Gitanas Nauseda.',
          [
            ['Valaitis', 'person'],
            ['Gitanas Nauseda', 'person'],
          ],
        ],
      ],
      NO_MANIFEST,
      ['u.txt', 'Valaitis', 'Valaitis (person)'],
    ],
    [
      'the full name named in one more article (its surname shared: clustered again), and the other gone',
      [
        jetAir,
        ['s.txt', 'Later Valaitis left.', [['Valaitis', 'person']]],
        [
          'u.txt',
          'Jonas Valaitis met Gitanas Nauseda.',
          [
            ['Jonas Valaitis', 'person'],
            ['Gitanas Nauseda', 'person'],
          ],
        ],
      ],
      NO_MANIFEST,
      ['s.txt', 'Valaitis', 'Jonas Valaitis (person)'],
    ],
    [
      "a given name alone, with two full names of that given name to choose from, named in neither's article: it stands alone",
      [
        ['a.txt', 'Jonas Valaitis spoke.', [['Jonas Valaitis', 'person']]],
        ['b.txt', 'Jonas Smith spoke.', [['Jonas Smith', 'person']]],
        ['c.txt', 'Valaitis left.', [['Valaitis', 'person']]],
        ['d.txt', 'Jonas arrived.', [['Jonas', 'person']]],
      ],
      NO_MANIFEST,
      ['d.txt', 'Jonas', 'Jonas (person)'],
    ],
    [
      'the surname of one of them named beside it: the surname joins its one full name, which is now named there, so the given name joins it too (the clusters are worked out again; named most often by the surname now, the entity is named so)',
      [
        ['a.txt', 'Jonas Valaitis spoke.', [['Jonas Valaitis', 'person']]],
        ['b.txt', 'Jonas Smith spoke.', [['Jonas Smith', 'person']]],
        ['c.txt', 'Valaitis left.', [['Valaitis', 'person']]],
        [
          'd.txt',
          'Jonas arrived. Valaitis smiled.',
          [
            ['Jonas', 'person'],
            ['Valaitis', 'person'],
          ],
        ],
      ],
      NO_MANIFEST,
      ['d.txt', 'Jonas', 'Valaitis (person)'],
    ],
    [
      'in its place a surname no full name has: it stands alone',
      [jetAir, namer, ['s.txt', 'Later Zukauskas left.', [['Zukauskas', 'person']]]],
      NO_MANIFEST,
      ['s.txt', 'Zukauskas', 'Zukauskas (person)'],
    ],
    [
      'a given name alone comes in a new article: it joins the one full name with that given name',
      [
        jetAir,
        namer,
        ['s.txt', 'Later Zukauskas left.', [['Zukauskas', 'person']]],
        ['u.txt', 'Then Gitanas spoke.', [['Gitanas', 'person']]],
      ],
      NO_MANIFEST,
      ['u.txt', 'Gitanas', 'Gitanas Nauseda (person)'],
    ],
    [
      'a full name of the lone surname comes: the surname joins it',
      [
        jetAir,
        namer,
        ['s.txt', 'Later Zukauskas left.', [['Zukauskas', 'person']]],
        ['t.txt', 'Petras Zukauskas spoke.', [['Petras Zukauskas', 'person']]],
      ],
      NO_MANIFEST,
      ['s.txt', 'Zukauskas', 'Petras Zukauskas (person)'],
    ],
    [
      'the full name goes: the surname stands alone again',
      [jetAir, namer, ['s.txt', 'Later Zukauskas left.', [['Zukauskas', 'person']]]],
      NO_MANIFEST,
      ['s.txt', 'Zukauskas', 'Zukauskas (person)'],
    ],
    ['the lone surname goes', [jetAir, namer], NO_MANIFEST, ['s.txt', 'Zukauskas', undefined]],
    [
      'a one-word name alone again',
      [jetAir, namer, ['s.txt', 'Later Smithaya left.', [['Smithaya', 'person']]]],
      NO_MANIFEST,
      ['s.txt', 'Smithaya', 'Smithaya (person)'],
    ],
    [
      'a name of one word and a number comes ("Smith 3": its key is one word, its form two): the clustering takes it for a full name, which the one-word name joins',
      [
        jetAir,
        namer,
        ['s.txt', 'Later Smithaya left.', [['Smithaya', 'person']]],
        ['t.txt', 'Then Smith 3 spoke.', [['Smith 3', 'person']]],
      ],
      NO_MANIFEST,
      ['s.txt', 'Smithaya', 'Smith 3 (person)'],
    ],
    [
      'it goes again',
      [jetAir, namer, ['s.txt', 'Later Smithaya left.', [['Smithaya', 'person']]]],
      NO_MANIFEST,
      ['s.txt', 'Smithaya', 'Smithaya (person)'],
    ],
    [
      'it comes back, and the word alone in another article (one key, a form of one word and one of two)',
      [
        jetAir,
        namer,
        ['s.txt', 'Later Smithaya left.', [['Smithaya', 'person']]],
        ['t.txt', 'Then Smith 3 spoke.', [['Smith 3', 'person']]],
        ['u.txt', 'Smith agreed.', [['Smith', 'person']]],
      ],
      NO_MANIFEST,
      ['s.txt', 'Smithaya', 'Smith 3 (person)'],
    ],
    [
      'the form of two words goes: the key is one word again, and no full name is left for the one-word name to join (the clusters are worked out again)',
      [
        jetAir,
        namer,
        ['s.txt', 'Later Smithaya left.', [['Smithaya', 'person']]],
        ['u.txt', 'Smith agreed.', [['Smith', 'person']]],
      ],
      NO_MANIFEST,
      ['s.txt', 'Smithaya', 'Smithaya (person)'],
    ],
    [
      'a surname alone joins the full name',
      [
        [
          'x.txt',
          'Valaitis arrived in Vilnius.',
          [
            ['Vilnius', 'place'],
            ['Valaitis', 'person'],
          ],
        ],
        namer,
      ],
      NO_MANIFEST,
      ['x.txt', 'Valaitis', 'Jonas Valaitis (person)'],
    ],
    [
      'a lone surname in a.txt joins the full name there',
      [
        [
          'a.txt',
          'Jonas Valaitis spoke. Valaitis left.',
          [
            ['Jonas Valaitis', 'person'],
            ['Valaitis', 'person'],
          ],
        ],
        ['b.txt', 'Petras Valaitis spoke.', [['Petras Valaitis', 'person']]],
      ],
      NO_MANIFEST,
      ['a.txt', 'Valaitis', 'Jonas Valaitis (person)'],
    ],
    [
      'the lone surname moves to b.txt (same count, other article): it joins the full name there',
      [
        ['a.txt', 'Jonas Valaitis spoke.', [['Jonas Valaitis', 'person']]],
        [
          'b.txt',
          'Valaitis left before Petras Valaitis spoke.',
          [
            ['Petras Valaitis', 'person'],
            ['Valaitis', 'person'],
          ],
        ],
      ],
      NO_MANIFEST,
      ['b.txt', 'Valaitis', 'Petras Valaitis (person)'],
    ],
    [
      'two spellings of one person, one of them twice: it names the entity',
      [
        [
          'x.txt',
          'Alexander Lukashenko spoke. Alexander Lukashenko left.',
          [['Alexander Lukashenko', 'person']],
        ],
        ['y.txt', 'Aleksandr Lukashenko agreed.', [['Aleksandr Lukashenko', 'person']]],
      ],
      NO_MANIFEST,
      ['y.txt', 'Aleksandr Lukashenko', 'Alexander Lukashenko (person)'],
    ],
    [
      'one of the two goes (no article or form comes or goes): the name, and so the id, changes',
      [
        ['x.txt', 'Alexander Lukashenko spoke.', [['Alexander Lukashenko', 'person']]],
        ['y.txt', 'Aleksandr Lukashenko agreed.', [['Aleksandr Lukashenko', 'person']]],
      ],
      NO_MANIFEST,
      ['x.txt', 'Alexander Lukashenko', 'Aleksandr Lukashenko (person)'],
    ],
    ['a place named in x.txt', [jordanPlace, lukashenko], NO_MANIFEST, ['x.txt', 'Jordan', 'Jordan (place)']],
    [
      'an organisation of that name in a new first article: ids go by first mention, so it takes the plain one',
      [['a.txt', 'Jordan signed a deal.', [['Jordan', 'organization']]], jordanPlace, lukashenko],
      NO_MANIFEST,
      ['a.txt', 'Jordan', 'Jordan (organization)'],
    ],
    [
      'the organisation goes again: the place takes the plain id back',
      [jordanPlace, lukashenko],
      NO_MANIFEST,
      ['x.txt', 'Jordan', 'Jordan (place)'],
    ],
    [
      'a place no other name shares a slug with comes alone (without a new listing of every id)',
      [jordanPlace, lukashenko, ['v.txt', 'Talks moved to Kaunas.', [['Kaunas', 'place']]]],
      NO_MANIFEST,
      ['v.txt', 'Kaunas', 'Kaunas (place)'],
    ],
    [
      'the place named in a new first article: its first mention moves up the order (nothing joins a place: it goes and comes back at its new place, keeping its id)',
      [
        ['a.txt', 'Kaunas waited.', [['Kaunas', 'place']]],
        jordanPlace,
        lukashenko,
        ['v.txt', 'Talks moved to Kaunas.', [['Kaunas', 'place']]],
      ],
      NO_MANIFEST,
      ['a.txt', 'Kaunas', 'Kaunas (place)'],
    ],
    [
      'and named before the person there: it moves up within the article',
      [
        ['a.txt', 'Kaunas waited.', [['Kaunas', 'place']]],
        [
          'x.txt',
          'In Jordan, Alexander Lukashenko spoke.',
          [
            ['Alexander Lukashenko', 'person'],
            ['Jordan', 'place'],
          ],
        ],
        lukashenko,
        ['v.txt', 'Talks moved to Kaunas.', [['Kaunas', 'place']]],
      ],
      NO_MANIFEST,
      ['x.txt', 'Jordan', 'Jordan (place)'],
    ],
    [
      'the new first article goes: the place moves back down',
      [jordanPlace, lukashenko, ['v.txt', 'Talks moved to Kaunas.', [['Kaunas', 'place']]]],
      NO_MANIFEST,
      ['v.txt', 'Kaunas', 'Kaunas (place)'],
    ],
    [
      "a name ending in a number comes beside it (left to a new listing: a numbered slug may be another's)",
      [
        jordanPlace,
        lukashenko,
        [
          'v.txt',
          'Talks moved to Kaunas. Airbus 380 flew.',
          [
            ['Kaunas', 'place'],
            ['Airbus 380', 'organization'],
          ],
        ],
      ],
      NO_MANIFEST,
      ['v.txt', 'Airbus 380', 'Airbus 380 (organization)'],
    ],
    [
      "the place goes, and an organisation of the place's name comes first: it takes the plain id, the place the numbered one",
      [
        ['a.txt', 'Jordan signed a deal.', [['Jordan', 'organization']]],
        jordanPlace,
        lukashenko,
        ['v.txt', 'Airbus 380 flew.', [['Airbus 380', 'organization']]],
      ],
      NO_MANIFEST,
      ['a.txt', 'Jordan', 'Jordan (organization)'],
    ],
    ['both go', [jordanPlace, lukashenko], NO_MANIFEST, ['v.txt', 'Kaunas', undefined]],
    [
      'Tom Jones and a lone Jones in a new article',
      [jones, jordanPlace, lukashenko],
      NO_MANIFEST,
      ['j.txt', 'Jones', 'Tom Jones (person)'],
    ],
    [
      'a full name whose given name sounds like Jones comes: Jones has a surname to go by, so nothing else moves',
      [jones, valaitis, jordanPlace, lukashenko],
      NO_MANIFEST,
      ['k.txt', 'Jonas Valaitis', 'Jonas Valaitis (person)'],
    ],
    [
      'Tom Jones goes: the lone Jones has only that given name to join',
      [loneJones, valaitis, jordanPlace, lukashenko],
      NO_MANIFEST,
      ['j.txt', 'Jones', 'Jonas Valaitis (person)'],
    ],
    [
      'the full name goes: Jones is alone again',
      [loneJones, jordanPlace, lukashenko],
      NO_MANIFEST,
      ['j.txt', 'Jones', 'Jones (person)'],
    ],
    [
      'the full name comes back: Jones joins it again',
      [loneJones, valaitis, jordanPlace, lukashenko],
      NO_MANIFEST,
      ['j.txt', 'Jones', 'Jonas Valaitis (person)'],
    ],
    [
      'a one-word Cyrillic gloss alone',
      [['g.txt', 'The leader (Лукашенко) spoke.', [['Лукашенко', 'person']]], jordanPlace, lukashenko],
      NO_MANIFEST,
      ['g.txt', 'Лукашенко', 'Aleksandr Lukashenko (person)'],
    ],
    [
      'another full name of that surname comes in another article: the gloss cannot tell which, and stands alone',
      [
        ['g.txt', 'The leader (Лукашенко) spoke.', [['Лукашенко', 'person']]],
        ['h.txt', 'Viktor Lukashenko agreed.', [['Viktor Lukashenko', 'person']]],
        lukashenko,
      ],
      NO_MANIFEST,
      ['g.txt', 'Лукашенко', 'Лукашенко (other)'],
    ],
    [
      'it goes again: the gloss joins the one full name left',
      [['g.txt', 'The leader (Лукашенко) spoke.', [['Лукашенко', 'person']]], lukashenko],
      NO_MANIFEST,
      ['g.txt', 'Лукашенко', 'Aleksandr Lukashenko (person)'],
    ],
    [
      'corpus.yaml renames the entity',
      [
        [
          'x.txt',
          'Valaitis arrived in Vilnius.',
          [
            ['Vilnius', 'place'],
            ['Valaitis', 'person'],
          ],
        ],
        namer,
      ],
      [
        {
          name: 'J. Valaitis',
          aliases: ['Jonas Valaitis'],
          type: 'person',
          description: 'a diplomat',
          never: [],
          span: { start: 0, end: 0 },
        },
      ],
      ['y.txt', 'Jonas Valaitis', 'J. Valaitis (person)'],
    ],
    ['every article gone', [], NO_MANIFEST, ['x.txt', 'Valaitis', undefined]],
  ];

  test(steps.map(([what]) => what).join('; '), () => {
    const resolver = new EntityResolver();
    // an article left as it was keeps its input object, as the corpus does: only changes are noticed
    const kept = new Map<string, EntityInput>();
    const inputOf = (a: Article): EntityInput => {
      const before = kept.get(JSON.stringify(a));
      if (before) return before;
      const made = input(a);
      kept.set(JSON.stringify(a), made);
      return made;
    };
    for (const [what, articles, manifest, [doc, name, expected]] of steps) {
      const inputs = articles.map(inputOf);
      const incremental = resolver.resolve(inputs, manifest);
      assert.deepEqual(incremental, resolveEntities(inputs, manifest), what);
      const text = articles.find(([id]) => id === doc)?.[1] ?? '';
      assert.equal(entityAt(resolver, doc, text, name), expected, `${what}: ${name} in ${doc}`);
      for (const { doc: d } of inputs) {
        const fromEntities = incremental.flatMap((e) =>
          e.mentions.filter((m) => m.document === d.id).map((m) => `${m.start}-${m.end} ${e.id}`),
        );
        assert.deepEqual(
          resolver.mentionsOf(d.id).map((m) => `${m.start}-${m.end} ${m.entity.id}`),
          fromEntities.sort((p, q) => parseInt(p) - parseInt(q)),
          `${what}: mentionsOf ${d.id}`,
        );
      }
    }
  });

  test("a name whose first mention moves up the order: a place's is moved alone, a person's clusters every name again", () => {
    const articles = (first: Article): Article[] => [
      first,
      jordanPlace,
      lukashenko,
      [
        'v.txt',
        'Talks moved to Kaunas. Later Lukashenko left.',
        [
          ['Kaunas', 'place'],
          ['Lukashenko', 'person'],
        ],
      ],
    ];
    // [what, the new first article, whether every name is clustered again]
    const steps: [string, Article, boolean][] = [
      ['to start', ['a.txt', 'Nothing named.', []], true],
      [
        'the first article names the place first named in v.txt',
        ['a.txt', 'Kaunas waited.', [['Kaunas', 'place']]],
        false,
      ],
      [
        'and an organisation that shares the slug of the place in x.txt (the ids are listed anew, the clusters kept)',
        [
          'a.txt',
          'Kaunas waited. Jordan signed.',
          [
            ['Kaunas', 'place'],
            ['Jordan', 'organization'],
          ],
        ],
        false,
      ],
      [
        'the organisation goes, the place stays where it moved',
        ['a.txt', 'Kaunas waited.', [['Kaunas', 'place']]],
        false,
      ],
      [
        'typed into before the place: its offset moves, its place in the order does not',
        ['a.txt', 'Today Kaunas waited.', [['Kaunas', 'place']]],
        false,
      ],
      [
        'the surname alone, first named in v.txt (one-word names choose by the order)',
        [
          'a.txt',
          'Today Kaunas waited. Lukashenko spoke.',
          [
            ['Kaunas', 'place'],
            ['Lukashenko', 'person'],
          ],
        ],
        true,
      ],
    ];
    const resolver = new EntityResolver();
    for (const [what, first, anew] of steps) {
      const inputs = articles(first).map(input);
      const before = resolver.clusterings;
      assert.deepEqual(resolver.resolve(inputs, NO_MANIFEST), resolveEntities(inputs, NO_MANIFEST), what);
      assert.equal(resolver.clusterings - before, anew ? 1 : 0, `${what}: clustered anew`);
    }
  });

  test('a Cyrillic gloss among the one-word names that choose between full names (the resolver works the clusters out again)', () => {
    const gloss: [string, EntityType] = ['Валайтис', 'person'];
    const sequences: [string, Article[][]][] = [
      [
        "a full name of its surname moves into the gloss's article: the gloss chooses it",
        [
          [
            ['a00.txt', 'Anna Smith spoke. (Валайтис) spoke.', [['Anna Smith', 'person'], gloss]],
            ['a01.txt', 'Petras Valaitis spoke.', [['Petras Valaitis', 'person']]],
            [
              'a07.txt',
              'Anna Valaitis spoke. Smith spoke.',
              [
                ['Anna Valaitis', 'person'],
                ['Smith', 'person'],
              ],
            ],
          ],
          [
            [
              'a00.txt',
              'Anna Smith spoke. (Валайтис) spoke. Petras Valaitis spoke.',
              [['Anna Smith', 'person'], gloss, ['Petras Valaitis', 'person']],
            ],
            ['a01.txt', '', []],
            [
              'a07.txt',
              'Anna Valaitis spoke. Smith spoke.',
              [
                ['Anna Valaitis', 'person'],
                ['Smith', 'person'],
              ],
            ],
          ],
        ],
      ],
      [
        'a gloss that joined a full name names it for the surname chosen after it',
        [
          [
            ['a00.txt', '(Валайтис) spoke. Petras Valaitis spoke.', [gloss, ['Petras Valaitis', 'person']]],
            ['a01.txt', '(Валайтис) spoke. Valaitis spoke.', [gloss, ['Valaitis', 'person']]],
            [
              'a02.txt',
              'Valaitis spoke. Anna Valaitis spoke.',
              [
                ['Valaitis', 'person'],
                ['Anna Valaitis', 'person'],
              ],
            ],
            ['a03.txt', 'Kaunas spoke.', [['Kaunas', 'place']]],
          ],
          [
            ['a00.txt', '(Валайтис) spoke. Petras Valaitis spoke.', [gloss, ['Petras Valaitis', 'person']]],
            ['a01.txt', '(Валайтис) spoke. Valaitis spoke.', [gloss, ['Valaitis', 'person']]],
            ['a02.txt', 'Valaitis spoke.', [['Valaitis', 'person']]],
            [
              'a03.txt',
              'Anna Valaitis spoke. Kaunas spoke.',
              [
                ['Anna Valaitis', 'person'],
                ['Kaunas', 'place'],
              ],
            ],
          ],
        ],
      ],
    ];
    for (const [what, states] of sequences) {
      const resolver = new EntityResolver();
      states.forEach((articles, i) => {
        const inputs = articles.map(input);
        assert.deepEqual(
          resolver.resolve(inputs, NO_MANIFEST),
          resolveEntities(inputs, NO_MANIFEST),
          `${what}: state ${i}`,
        );
      });
    }
  });

  test('an unchanged entity is the same object after an unrelated edit; a changed one is new', () => {
    const resolver = new EntityResolver();
    const calm: Article = ['z.txt', 'Minsk was calm.', [['Minsk', 'place']]];
    const [x, z] = [input(quiet), input(calm)];
    const first = resolver.resolve([x, input(namer), z], NO_MANIFEST);
    const second = resolver.resolve(
      [x, input(['y.txt', 'Jonas Valaitis met Gitanas Nauseda. Nauseda left.', namer[2]]), z],
      [],
    );
    const byName = (list: typeof first, name: string) => list.find((e) => e.name === name)!;
    assert.equal(byName(second, 'Vilnius'), byName(first, 'Vilnius'));
    assert.notEqual(byName(second, 'Gitanas Nauseda'), byName(first, 'Gitanas Nauseda'));
    assert.equal(byName(second, 'Minsk'), byName(first, 'Minsk'));
    assert.ok(
      resolver.touched?.has('y.txt') && !resolver.touched.has('z.txt'),
      `touched: ${[...(resolver.touched ?? [])]}`,
    );
  });
});

suite('EntityResolver: seeded random runs of edits equal fresh resolutions', () => {
  // names that meet in every way the resolver joins or keeps apart: spellings of one person, a
  // surname and a given name alone, one slug for two names, NFC and NFD forms of one name, one
  // name of several types, a Cyrillic gloss
  const NAMES: [string, EntityType][] = [
    ['Alexander Lukashenko', 'person'],
    ['Aleksandr Lukashenko', 'person'],
    ['Lukashenko', 'person'],
    ['Alexander', 'person'],
    ['Jonas Valaitis', 'person'],
    ['Petras Valaitis', 'person'],
    ['Valaitis', 'person'],
    ['Jet-Air', 'organization'],
    ['Jet Air', 'organization'],
    ['Jos\u00e9 \u00c1lvarez', 'person'],
    ['Jose\u0301 A\u0301lvarez', 'person'],
    ['Jordan', 'place'],
    ['Jordan', 'person'],
    ['Minsk', 'place'],
    ['Vilnius', 'place'],
    ['Александр Лукашенко', 'person'],
    ['Лукашенко', 'person'],
    ['Александр', 'person'],
    ['Coale Capital', 'organization'],
  ];
  const FILLER = ['met', 'said', 'in', 'and', 'the', 'talks', 'on', 'Monday', 'visited', 'with'];
  const MANIFESTS: ManifestEntity[][] = [
    [],
    [{ name: 'Jet Air', aliases: ['Jet-Air'], type: 'organization', never: [], span: { start: 0, end: 0 } }],
    [{ name: 'Jordan', aliases: [], never: ['Jordan Smith'], span: { start: 5, end: 11 } }],
  ];

  /** A deterministic generator (mulberry32). */
  const random = (seed: number): ((n: number) => number) => {
    let a = seed;
    return (n) => {
      a = (a + 0x6d2b79f5) | 0;
      let t = Math.imul(a ^ (a >>> 15), 1 | a);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ (t + Math.imul(t ^ (t >>> 14), 71 | t));
      return ((t ^ (t >>> 14)) >>> 0) % n;
    };
  };
  /** An article of a few sentences of names and filler words, with its mentions. */
  const article = (id: string, rand: (n: number) => number): EntityInput => {
    let text = '';
    const mentions: Mention[] = [];
    for (let s = rand(4); s >= 0; s--) {
      for (let w = 2 + rand(6); w > 0; w--) {
        if (text !== '' && !text.endsWith(' ')) text += ' ';
        if (rand(3) === 0) {
          const [name, type] = NAMES[rand(NAMES.length)]!;
          if (rand(4) > 0)
            mentions.push({
              start: text.length,
              end: text.length + name.length,
              text: name,
              type,
              via: 'tagger',
            });
          text += name;
        } else {
          text += FILLER[rand(FILLER.length)];
        }
      }
      text += '. ';
    }
    return { doc: createDocument(id, text), mentions };
  };

  for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
    test(`seed ${seed}: 25 steps of edits, new and deleted articles, corpus.yaml changes`, () => {
      const rand = random(seed);
      const resolver = new EntityResolver();
      let inputs = ['a.txt', 'b.txt', 'c.txt', 'd.txt'].map((id) => article(id, rand));
      let manifest = MANIFESTS[0]!;
      let before = new Map<string, string>();
      for (let step = 0; step < 25; step++) {
        const what = rand(10);
        if (what < 6 && inputs.length > 0) {
          const i = rand(inputs.length);
          inputs = inputs.map((x, j) => (j === i ? article(x.doc.id, rand) : x));
        } else if (what < 7 && inputs.length > 1) {
          inputs = inputs.filter((_, j) => j !== rand(inputs.length));
        } else if (what < 8) {
          inputs = [...inputs, article(`n${step}.txt`, rand)].sort((x, y) => (x.doc.id < y.doc.id ? -1 : 1));
        } else if (what < 9) {
          manifest = MANIFESTS[rand(MANIFESTS.length)]!;
        } else {
          const i = rand(inputs.length);
          inputs = inputs.map((x, j) =>
            j === i
              ? {
                  doc: createDocument(x.doc.id, x.doc.text),
                  mentions: x.mentions.slice(0, rand(x.mentions.length + 1)),
                }
              : x,
          );
        }
        const got = resolver.resolve(inputs, manifest);
        assert.deepStrictEqual(got, resolveEntities(inputs, manifest), `seed ${seed}, step ${step}`);
        const now = new Map(
          inputs.map((x) => [
            x.doc.id,
            resolver
              .mentionsOf(x.doc.id)
              .map((m) => `${m.start}-${m.end} ${m.entity.id} ${m.entity.type} ${m.entity.name}`)
              .join('|'),
          ]),
        );
        const fromEntities = new Map(
          inputs.map((x) => [
            x.doc.id,
            got
              .flatMap((e) => e.mentions.filter((m) => m.document === x.doc.id).map((m) => ({ m, e })))
              .sort((p, q) => p.m.start - q.m.start)
              .map(({ m, e }) => `${m.start}-${m.end} ${e.id} ${e.type} ${e.name}`)
              .join('|'),
          ]),
        );
        assert.deepStrictEqual(now, fromEntities, `seed ${seed}, step ${step}: mentionsOf`);
        const touched = resolver.touched;
        if (touched)
          for (const [id, line] of now)
            if (before.get(id) !== line)
              assert.ok(touched.has(id), `seed ${seed}, step ${step}: ${id} changed but is not touched`);
        before = now;
      }
    });
  }
});

suite(
  'EntityResolver: seeded edits to names that choose among several full names equal fresh resolutions',
  () => {
    // surnames and given names shared by several full names, named alone in the same and other
    // articles: most edits leave the clusters as they were, and the resolver checks the choices
    // one-word names make (which of several full names is named in their articles, counting the
    // one-word names that joined it before them) instead of clustering every name again
    const NAMES: [string, EntityType][] = [
      ['Tom Jones', 'person'],
      ['Anna Jones', 'person'],
      ['Jones', 'person'],
      ['Tom', 'person'],
      ['Anna', 'person'],
      ['Jonas Valaitis', 'person'],
      ['Petras Valaitis', 'person'],
      ['Valaitis', 'person'],
      ['Jonas', 'person'],
      ['Petras', 'person'],
      ['Vilnius', 'place'],
      ['Anna Smith', 'person'],
      ['Smith', 'person'],
      ['Tom Smith', 'person'],
    ];
    const article = (id: string, names: readonly [string, EntityType][]): EntityInput => {
      let text = '';
      const mentions: Mention[] = [];
      for (const [name, type] of names) {
        text += 'Then ';
        mentions.push({
          start: text.length,
          end: text.length + name.length,
          text: name,
          type,
          via: 'tagger',
        });
        text += `${name} spoke. `;
      }
      return { doc: createDocument(id, text), mentions };
    };
    for (const seed of [1, 2, 3, 4]) {
      test(`seed ${seed}: 6 runs of 40 edits to eight articles`, () => {
        let a = seed;
        const rand = (n: number): number => {
          a = (Math.imul(a, 1103515245) + 12345) & 0x7fffffff;
          return a % n;
        };
        for (let run = 0; run < 6; run++) {
          const resolver = new EntityResolver();
          const names = Array.from({ length: 8 }, () =>
            Array.from({ length: 1 + rand(4) }, () => NAMES[rand(NAMES.length)]!),
          );
          const inputs = names.map((list, i) => article(`a${i}.txt`, list));
          let before = new Map<string, string>();
          for (let step = 0; step < 40; step++) {
            const i = rand(8);
            const list = [...names[i]!];
            const what = rand(10);
            if (what < 4 || list.length === 0) list.push(NAMES[rand(NAMES.length)]!);
            else if (what < 7) list.splice(rand(list.length), 1);
            else list[rand(list.length)] = NAMES[rand(NAMES.length)]!;
            names[i] = list;
            inputs[i] = article(`a${i}.txt`, list);
            const got = resolver.resolve(inputs, []);
            assert.deepStrictEqual(
              got,
              resolveEntities(inputs, []),
              `seed ${seed}, run ${run}, step ${step}`,
            );
            // what each article's mentions point at now, and the articles the resolver says it touched
            const now = new Map(
              inputs.map((x) => [
                x.doc.id,
                resolver
                  .mentionsOf(x.doc.id)
                  .map((m) => `${m.start} ${m.entity.id} ${m.entity.name}`)
                  .join('|'),
              ]),
            );
            const touched = resolver.touched;
            if (touched)
              for (const [id, line] of now)
                if (before.get(id) !== line)
                  assert.ok(
                    touched.has(id),
                    `seed ${seed}, run ${run}, step ${step}: ${id} changed but is not touched`,
                  );
            before = now;
          }
        }
      });
    }
  },
);
