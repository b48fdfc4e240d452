/**
 * EntityResolver: resolving again after changes gives exactly what a fresh resolution gives, and
 * each path by which a change reaches unchanged articles is taken. Mentions are given by hand
 * (not found by the tagger), so each case controls what the tagger "found" in every article.
 */
import * as assert from 'node:assert/strict';
import { createDocument } from '../../src/core/text/document';
import { EntityResolver, resolveEntities, type EntityInput } from '../../src/core/entities/entities';
import type { Mention } from '../../src/core/entities/mentions';
import type { EntityType, ManifestEntity } from '../../src/core/manifest/manifest';

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
  const quiet: Article = ['x.txt', 'Later Jonas Valaitis arrived in Vilnius, where Jordan waited.', [['Vilnius', 'place'], ['Jordan', 'place']]];
  const namer: Article = ['y.txt', 'Jonas Valaitis met Gitanas Nauseda.', [['Jonas Valaitis', 'person'], ['Gitanas Nauseda', 'person']]];
  const votes = (n: number): Article[] => Array.from({ length: n }, (_, i): Article => [`w${i}.txt`, `Jordan said on day ${i} that he would stay.`, [['Jordan', 'person']]]);

  // [what happens, articles after it, manifest, [document, name, the entity expected there (undefined: no mention)]]
  const steps: [string, Article[], ManifestEntity[], [string, string, string | undefined]][] = [
    ['to start, x.txt alone: the untagged name is no mention', [quiet], NO_MANIFEST, ['x.txt', 'Jonas Valaitis', undefined]],
    ['y.txt tags the name: x.txt, unchanged, is read again and finds it', [quiet, namer], NO_MANIFEST, ['x.txt', 'Jonas Valaitis', 'Jonas Valaitis (person)']],
    ['y.txt goes: the name goes from x.txt too', [quiet], NO_MANIFEST, ['x.txt', 'Jonas Valaitis', undefined]],
    ['three articles tag Jordan a person: x.txt\'s Jordan follows the corpus', [quiet, ...votes(3)], [], ['x.txt', 'Jordan', 'Jordan (person)']],
    ['two of them go: x.txt\'s own vote wins again', [quiet, ...votes(1)], NO_MANIFEST, ['x.txt', 'Jordan', 'Jordan (place)']],
    ['y.txt back, x.txt edited', [['x.txt', 'Jonas Valaitis arrived in Vilnius.', [['Vilnius', 'place']]], namer, ...votes(1)], NO_MANIFEST, ['x.txt', 'Jonas Valaitis', 'Jonas Valaitis (person)']],
    ['x.txt typed into: offsets move, the names stay', [['x.txt', 'Today Jonas Valaitis arrived in Vilnius.', [['Vilnius', 'place']]], namer, ...votes(1)], NO_MANIFEST, ['x.txt', 'Vilnius', 'Vilnius (place)']],
    ['x.txt names the same places in another order', [['x.txt', 'In Vilnius, Jonas Valaitis arrived.', [['Vilnius', 'place']]], namer, ...votes(1)], NO_MANIFEST, ['x.txt', 'Jonas Valaitis', 'Jonas Valaitis (person)']],
    ['two names with one slug (ids jet-air and jet-air-2 by first mention)', [['x.txt', 'Jet-Air sued Jet Air.', [['Jet-Air', 'organization'], ['Jet Air', 'organization']]], namer], NO_MANIFEST, ['x.txt', 'Jet Air', 'Jet Air (organization)']],
    ['the two swapped: the ids swap too', [['x.txt', 'Jet Air sued Jet-Air.', [['Jet-Air', 'organization'], ['Jet Air', 'organization']]], namer], NO_MANIFEST, ['x.txt', 'Jet-Air', 'Jet-Air (organization)']],
    ['a surname alone joins the full name', [['x.txt', 'Valaitis arrived in Vilnius.', [['Vilnius', 'place'], ['Valaitis', 'person']]], namer], NO_MANIFEST, ['x.txt', 'Valaitis', 'Jonas Valaitis (person)']],
    ['a lone surname in a.txt joins the full name there', [['a.txt', 'Jonas Valaitis spoke. Valaitis left.', [['Jonas Valaitis', 'person'], ['Valaitis', 'person']]], ['b.txt', 'Petras Valaitis spoke.', [['Petras Valaitis', 'person']]]], NO_MANIFEST, ['a.txt', 'Valaitis', 'Jonas Valaitis (person)']],
    ['the lone surname moves to b.txt (same count, other article): it joins the full name there', [['a.txt', 'Jonas Valaitis spoke.', [['Jonas Valaitis', 'person']]], ['b.txt', 'Valaitis left before Petras Valaitis spoke.', [['Petras Valaitis', 'person'], ['Valaitis', 'person']]]], NO_MANIFEST, ['b.txt', 'Valaitis', 'Petras Valaitis (person)']],
    ['two spellings of one person, one of them twice: it names the entity', [['x.txt', 'Alexander Lukashenko spoke. Alexander Lukashenko left.', [['Alexander Lukashenko', 'person']]], ['y.txt', 'Aleksandr Lukashenko agreed.', [['Aleksandr Lukashenko', 'person']]]], NO_MANIFEST, ['y.txt', 'Aleksandr Lukashenko', 'Alexander Lukashenko (person)']],
    ['one of the two goes (no article or form comes or goes): the name, and so the id, changes', [['x.txt', 'Alexander Lukashenko spoke.', [['Alexander Lukashenko', 'person']]], ['y.txt', 'Aleksandr Lukashenko agreed.', [['Aleksandr Lukashenko', 'person']]]], NO_MANIFEST, ['x.txt', 'Alexander Lukashenko', 'Aleksandr Lukashenko (person)']],
    ['corpus.yaml renames the entity', [['x.txt', 'Valaitis arrived in Vilnius.', [['Vilnius', 'place'], ['Valaitis', 'person']]], namer],
      [{ name: 'J. Valaitis', aliases: ['Jonas Valaitis'], type: 'person', description: 'a diplomat', never: [], span: { start: 0, end: 0 } }], ['y.txt', 'Jonas Valaitis', 'J. Valaitis (person)']],
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
        const fromEntities = incremental.flatMap((e) => e.mentions.filter((m) => m.document === d.id).map((m) => `${m.start}-${m.end} ${e.id}`));
        assert.deepEqual(resolver.mentionsOf(d.id).map((m) => `${m.start}-${m.end} ${m.entity.id}`), fromEntities.sort((p, q) => parseInt(p) - parseInt(q)), `${what}: mentionsOf ${d.id}`);
      }
    }
  });

  test('an unchanged entity is the same object after an unrelated edit; a changed one is new', () => {
    const resolver = new EntityResolver();
    const calm: Article = ['z.txt', 'Minsk was calm.', [['Minsk', 'place']]];
    const [x, z] = [input(quiet), input(calm)];
    const first = resolver.resolve([x, input(namer), z], NO_MANIFEST);
    const second = resolver.resolve([x, input(['y.txt', 'Jonas Valaitis met Gitanas Nauseda. Nauseda left.', namer[2]]), z], []);
    const byName = (list: typeof first, name: string) => list.find((e) => e.name === name)!;
    assert.equal(byName(second, 'Vilnius'), byName(first, 'Vilnius'));
    assert.notEqual(byName(second, 'Gitanas Nauseda'), byName(first, 'Gitanas Nauseda'));
    assert.equal(byName(second, 'Minsk'), byName(first, 'Minsk'));
    assert.ok(resolver.touched?.has('y.txt') && !resolver.touched.has('z.txt'), `touched: ${[...resolver.touched ?? []]}`);
  });
});
