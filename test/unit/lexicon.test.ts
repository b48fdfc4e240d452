import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import {
  eventNoun,
  isReporting,
  nounLemma,
  nounOfVerb,
  relatedness,
  synsetKeys,
  verbClass,
  verbLemma,
  verbLemmas,
} from '../../src/core/pipeline/words/lexicon';

const ROOT = join(__dirname, '..', '..', '..');

suite('lexicon: WordNet event predicates', function () {
  this.timeout(60_000);

  test('loads once, small and fast (CPU time and heap of the first look-ups, printed)', () => {
    const cpu = (): number => {
      const u = process.cpuUsage();
      return (u.user + u.system) / 1000;
    };
    const heap = process.memoryUsage().heapUsed;
    const start = cpu();
    verbLemma('died');
    eventNoun('deaths');
    verbClass('die');
    relatedness('sack', 'fire');
    nounLemma('people');
    const ms = cpu() - start;
    const mb = (process.memoryUsage().heapUsed - heap) / 1e6;
    console.log(`      lexicon: first look-ups ${ms.toFixed(1)} ms of CPU, heap +${mb.toFixed(1)} MB`);
    assert.ok(ms < 500, `${ms} ms`); // generous: the target is < 100 ms, shared test machines are slower
    const again = cpu();
    for (let i = 0; i < 1000; i++) verbLemma('dismissed');
    assert.ok(cpu() - again < 200);
  });

  // [kind of news, form, verb lemma]
  const verbs: [string, string, string | undefined][] = [
    ['deaths', 'died', 'die'],
    ['deaths', 'dies', 'die'],
    ['deaths', 'dying', 'die'],
    ['deaths', 'killed', 'kill'],
    ['fires', 'broke out', 'break out'],
    ['fires', 'burning', 'burn'],
    ['fires', 'fled', 'flee'],
    ['strikes', 'struck', 'strike'],
    ['strikes', 'walked off', 'walk off'],
    ['strikes', 'stopped', 'stop'],
    ['dismissals', 'sacked', 'sack'],
    ['dismissals', 'fired', 'fire'],
    ['dismissals', 'dismissed', 'dismiss'],
    ['earthquakes', 'shook', 'shake'],
    ['earthquakes', 'quaked', 'quake'],
    ['launches', 'launched', 'launch'],
    ['launches', 'went', 'go'],
    ['resignations', 'resigned', 'resign'],
    ['resignations', 'quit', 'quit'],
    ['resignations', 'left', 'leave'],
    ['verdicts', 'convicted', 'convict'],
    ['verdicts', 'acquitted', 'acquit'],
    ['verdicts', 'sentenced', 'sentence'],
    ['verdicts', 'found', 'find'],
    ['mergers', 'merged', 'merge'],
    ['mergers', 'acquired', 'acquire'],
    ['shootings', 'shot', 'shoot'],
    ['shootings', 'shooting', 'shoot'],
    ['arrests', 'arrested', 'arrest'],
    ['arrests', 'detained', 'detain'],
    ['arrests', 'held', 'hold'],
    ['elections', 'elected', 'elect'],
    ['elections', 'won', 'win'],
    ['elections', 'voted', 'vote'],
    ['sports', 'beat', 'beat'],
    ['sports', 'broke', 'break'],
    ['markets', 'fell', 'fall'],
    ['a doubled consonant beyond the exception list', 'vetted', 'vet'],
    ['not a verb', 'thursday', undefined],
    ['not a verb', 'the', undefined],
    ['not a verb', 'president', undefined],
    ['not a verb', 'earthquake', undefined],
  ];
  for (const [kind, form, lemma] of verbs) {
    test(`verb (${kind}): "${form}" → ${lemma ?? 'none'}`, () => assert.equal(verbLemma(form), lemma));
  }
  test('a form that can be two verbs gives both, the commoner in news first', () => {
    assert.deepEqual(verbLemmas('found'), ['find', 'found']);
    assert.deepEqual(verbLemmas('dying'), ['die', 'dye']);
    assert.deepEqual(verbLemmas('saw'), ['see', 'saw']);
  });

  const nouns: [string, string | undefined][] = [
    ['deaths', 'death'],
    ['dismissals', 'dismissal'],
    ['people', 'people'],
    ['men', 'men'],
    ['women', 'woman'],
    ['mice', 'mouse'],
    ['children', 'child'],
    ['crises', 'crisis'],
    ['fires', 'fire'],
    ['strikes', 'strike'],
    ['earthquakes', 'earthquake'],
    ['the', undefined],
  ];
  for (const [form, lemma] of nouns)
    test(`noun: "${form}" → ${lemma ?? 'none'}`, () => assert.equal(nounLemma(form), lemma));

  // [kind of news, noun, its lemma and verb ('-': an event noun without a verb), or undefined: not an event noun]
  const events: [string, string, [string, string | undefined] | undefined][] = [
    ['deaths', 'death', ['death', 'die']],
    ['deaths', 'deaths', ['death', 'die']],
    ['deaths', 'killings', ['killing', 'kill']],
    ['deaths', 'murder', ['murder', 'murder']],
    ['fires', 'fire', ['fire', 'fire']],
    ['fires', 'wildfire', ['wildfire', undefined]],
    ['fires', 'explosion', ['explosion', 'explode']],
    ['fires', 'evacuation', ['evacuation', 'evacuate']],
    ['strikes', 'strike', ['strike', 'strike']],
    ['strikes', 'walkout', ['walkout', 'walk out']],
    ['strikes', 'protest', ['protest', 'protest']],
    ['dismissals', 'dismissal', ['dismissal', 'dismiss']],
    ['dismissals', 'dismissals', ['dismissal', 'dismiss']],
    ['dismissals', 'layoffs', ['layoff', 'lay off']],
    ['dismissals', 'sacking', ['sacking', 'sack']],
    ['dismissals', 'firing', ['firing', 'fire']],
    ['earthquakes', 'earthquake', ['earthquake', undefined]],
    ['earthquakes', 'quake', ['quake', 'quake']],
    ['earthquakes', 'tsunami', ['tsunami', undefined]],
    ['disasters', 'flood', ['flood', 'flood']],
    ['disasters', 'hurricane', ['hurricane', undefined]],
    ['disasters', 'eruption', ['eruption', 'erupt']],
    ['launches', 'launch', ['launch', 'launch']],
    ['launches', 'inauguration', ['inauguration', 'inaugurate']],
    ['resignations', 'resignation', ['resignation', 'resign']],
    ['resignations', 'resignations', ['resignation', 'resign']],
    ['verdicts', 'verdict', ['verdict', undefined]],
    ['verdicts', 'trial', ['trial', 'try']],
    ['mergers', 'merger', ['merger', 'merge']],
    ['mergers', 'acquisition', ['acquisition', 'acquire']],
    ['shootings', 'shooting', ['shooting', 'shoot']],
    ['shootings', 'bombing', ['bombing', 'bomb']],
    ['shootings', 'kidnapping', ['kidnapping', 'kidnap']],
    ['arrests', 'arrest', ['arrest', 'arrest']],
    ['arrests', 'arrests', ['arrest', 'arrest']],
    ['elections', 'election', ['election', 'elect']],
    ['elections', 'vote', ['vote', 'vote']],
    ['elections', 'invasion', ['invasion', 'invade']],
    ['sports', 'victory', ['victory', undefined]],
    ['sports', 'defeat', ['defeat', 'defeat']],
    ['sports', 'win', ['win', 'win']],
    ['accidents', 'crash', ['crash', 'crash']],
    ['accidents', 'collision', ['collision', 'collide']],
    ['a day', 'thursday', undefined],
    ['a person', 'president', undefined],
    ['a group', 'police', undefined],
    ['a word', 'the', undefined],
    ['a group', 'people', undefined],
    ['a group', 'company', undefined],
    ['a person', 'minister', undefined],
    ['a substance', 'water', undefined],
    ['a time', 'year', undefined],
    ['a time', 'day', undefined],
    ['a time', 'week', undefined],
    ['a place', 'city', undefined],
  ];
  for (const [kind, noun, expected] of events) {
    test(`event noun (${kind}): "${noun}" → ${expected ? `${expected[0]}, verb ${expected[1] ?? 'none'}` : 'not an event'}`, () => {
      const e = eventNoun(noun);
      assert.deepEqual(e && [e.lemma, e.verb], expected);
    });
  }
  test('an event noun says which sense is the event and of what kind', () => {
    assert.deepEqual(eventNoun('death'), { lemma: 'death', verb: 'die', sense: 0, kind: 'event' });
    assert.deepEqual(eventNoun('earthquake'), {
      lemma: 'earthquake',
      verb: undefined,
      sense: 0,
      kind: 'event',
    });
    assert.equal(eventNoun('dismissal')?.kind, 'act');
    assert.equal(eventNoun('flood')?.kind, 'phenomenon');
    assert.equal(eventNoun('launch')?.sense, 1); // sense 0 is a boat
    assert.equal(eventNoun('resignation')?.sense, 1); // sense 0 is a feeling
  });

  const classes: [string, string | undefined][] = [
    ['say', 'communication'],
    ['go', 'motion'],
    ['flee', 'motion'],
    ['kill', 'contact'],
    ['die', 'change'],
    ['resign', 'social'],
    ['elect', 'social'],
    ['hold', 'stative'],
    ['acquire', 'possession'],
    ['win', 'competition'],
    ['shoot', 'competition'],
    ['eat', 'consumption'],
    ['build', 'creation'],
    ['breathe', 'body'],
    ['fear', 'emotion'],
    ['know', 'cognition'],
    ['see', 'perception'],
    ['rain', 'weather'],
    ['thursday', undefined],
  ];
  for (const [lemma, cls] of classes)
    test(`verb class: ${lemma} → ${cls ?? 'none'}`, () => assert.equal(verbClass(lemma), cls));

  const reporting: [string, boolean][] = [
    ['say', true],
    ['tell', true],
    ['announce', true],
    ['report', true],
    ['state', true],
    ['add', true],
    ['confirm', true],
    ['claim', true],
    ['deny', true],
    ['warn', true],
    ['admit', true],
    ['allege', true],
    ['explain', true],
    ['die', false],
    ['kill', false],
    ['fire', false],
    ['sack', false],
    ['resign', false],
    ['arrest', false],
    ['elect', false],
    ['win', false],
    ['shoot', false],
    ['merge', false],
    ['launch', false],
    ['strike', false],
    ['meet', false],
    ['convict', false],
    // misses of the derivation, pinned so a change shows: insist and accuse take no "that" clause in WordNet
    ['insist', false],
    ['accuse', false],
  ];
  for (const [lemma, yes] of reporting)
    test(`reporting: ${lemma} ${yes ? 'is' : 'is not'}`, () => assert.equal(isReporting(lemma), yes));
  test('"said" is reporting, "died" is not (through verbLemma)', () => {
    assert.equal(isReporting(verbLemma('said')!), true);
    assert.equal(isReporting(verbLemma('died')!), false);
  });

  // [a, b, relatedness]
  /** [verb, the event noun a message names it by]: the commonest in news of the nouns derived from it. */
  const nounsOfVerbs: [string, string | undefined][] = [
    ['meet', 'meeting'],
    ['die', 'death'],
    ['detain', 'detention'],
    ['deploy', 'deployment'],
    ['open', 'opening'],
    ['shoot', 'shooting'],
    ['arrest', 'arrest'],
    ['sign', undefined],
  ];
  for (const [verb, noun] of nounsOfVerbs)
    test(`noun of a verb: ${verb} → ${noun ?? 'none'}`, () => assert.equal(nounOfVerb(verb), noun));
  const pairs: [string, string, number][] = [
    ['fire', 'fire', 1],
    ['fired', 'fire', 1],
    ['deaths', 'death', 1],
    ['sack', 'fire', 0.9],
    ['fire', 'dismiss', 0.9],
    ['sacked', 'dismissed', 0.9],
    ['quake', 'earthquake', 0.9],
    ['resign', 'quit', 0.9],
    ['die', 'death', 0.8],
    ['dismissal', 'dismiss', 0.8],
    ['resignation', 'resign', 0.8],
    ['election', 'elect', 0.8],
    ['merger', 'merge', 0.8],
    ['murder', 'kill', 0.6],
    ['kill', 'slay', 0.6],
    ['strike', 'attack', 0.6],
    ['elect', 'vote', 0.4],
    ['die', 'resign', 0],
    ['arrest', 'elect', 0],
    ['earthquake', 'merger', 0],
    ['thursday', 'die', 0],
    ['the', 'the', 1],
  ];
  for (const [a, b, r] of pairs) {
    test(`relatedness: ${a} ~ ${b} = ${r}`, () => {
      assert.equal(relatedness(a, b), r);
      assert.equal(relatedness(b, a), r);
    });
  }
  test('synset keys: synonyms and derivations share one, unrelated predicates none', () => {
    const shares = (a: string, b: string): boolean => synsetKeys(a).some((k) => synsetKeys(b).includes(k));
    assert.ok(
      shares('sack', 'dismiss') &&
        shares('death', 'die') &&
        shares('quake', 'earthquake') &&
        shares('dismissal', 'fire'),
    );
    assert.ok(!shares('die', 'merge') && !shares('earthquake', 'election'));
    assert.deepEqual(synsetKeys('thursday'), []);
    assert.ok(synsetKeys('fire').length >= 4);
  });

  test('the committed lexicon-data.json is what scripts/build-lexicon.mjs builds from the installed WordNet', () => {
    const r = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build-lexicon.mjs'), '--check'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    assert.equal(r.status, 0, r.stderr || r.stdout);
  });
});
