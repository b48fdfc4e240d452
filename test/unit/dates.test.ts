import * as assert from 'node:assert/strict';
import { createDocument } from '../../src/core/pipeline/text/document';
import { splitSentences } from '../../src/core/pipeline/text/sentences';
import { findDates } from '../../src/core/pipeline/dates/date-expressions';
import { publicationDate } from '../../src/core/pipeline/dates/published';
import { parsePartialDate } from '../../src/core/pipeline/dates/partial-date';

/** [text, publication date, expected "text → from..to" for each expression]. */
const cases: [string, string | undefined, string[]][] = [
  [
    'The summit opened on 23 September 2025 in Warsaw.',
    undefined,
    ['23 September 2025 → 2025-09-23..2025-09-23'],
  ],
  ['Reported on September 11, 2025, by AP.', undefined, ['September 11, 2025 → 2025-09-11..2025-09-11']],
  ['Brendochka\n10/4/25', undefined, ['10/4/25 → 2025-10-04..2025-10-04']],
  ['On September 11th, officials met.', '2025-10-04', ['September 11th → 2025-09-11..2025-09-11']],
  ['On October 28, he spoke.', '2025-11', ['October 28 → 2025-10-28..2025-10-28']],
  ['In mid-August, Trump called.', '2025-10-04', ['mid-August → 2025-08-11..2025-08-20']],
  ['By late January, talks had stalled.', '2025', ['late January → 2025-01-21..2025-01-31']],
  ['In December, he will visit.', '2025-10', ['December → 2025-12-01..2025-12-31']],
  ['In early March, he praised Trump.', '2025-10-04', ['early March → 2025-03-01..2025-03-10']],
  ['By June, prisoners were freed.', '2025-10-04', ['June → 2025-06-01..2025-06-30']],
  ['The system will be deployed in December.', '2025-11-02', ['December → 2025-12-01..2025-12-31']],
  ['Relations froze in 2020–2022.', '2025-10-04', ['2020–2022 → 2020-01-01..2022-12-31']],
  [
    'From September 25 to 29, troops drilled.',
    '2025-10-04',
    ['From September 25 to 29 → 2025-09-25..2025-09-29'],
  ],
  [
    'He met Coale on September 11. Four weeks later, they met again.',
    '2025-10-20',
    ['September 11 → 2025-09-11..2025-09-11', 'Four weeks later → 2025-10-06..2025-10-12'],
  ],
  ['They spoke yesterday.', '2025-10-04', ['yesterday → 2025-10-03..2025-10-03']],
  ['It happened five years ago.', '2025-10-04', ['five years ago → 2020-01-01..2020-12-31']],
  ['The first visit in 26 years.', '2025-10-04', ['26 years → null..null']],
  [
    'Sanctions after the 2006 and 2010 elections.',
    '2025-10-04',
    ['2006 → 2006-01-01..2006-12-31', '2010 → 2010-01-01..2010-12-31'],
  ],
  ['The company reported a third-quarter loss.', '2025-10-04', ['third-quarter → 2025-07-01..2025-09-30']],
  [
    'Profit fell in the 1988 third quarter.',
    '1989-10-26',
    ['the 1988 third quarter → 1988-07-01..1988-09-30'],
  ],
  ['Sales rose in June last year.', '1998-02-19', ['June last year → 1997-06-01..1997-06-30']],
  ['The offering is priced Nov. 20.', '1989-11-02', ['Nov. 20 → 1989-11-20..1989-11-20']],
  ['Police arrived Thursday evening.', '1998-02-12', ['Thursday evening → 1998-02-12..1998-02-12']],
  ['The vote is on Saturday, April 25.', '1998-04-24', ['Saturday, April 25 → 1998-04-25..1998-04-25']],
  ['He has lived there for two years.', '2025-10-04', ['two years → null..null']],
  ['They bought a 30-year bond.', '2025-10-04', ['30-year → null..null']],
  ['About 2000 people marched.', '2025-10-04', []],
  ['You may go.', '2025-10-04', []],
];

suite('dates: expressions and resolution', () => {
  for (const [text, published, expected] of cases) {
    test(`${text.replace(/\n/g, ' ')} (${published ?? 'no date'})`, () => {
      const doc = createDocument('a.txt', text);
      const got = findDates(
        doc,
        splitSentences(text),
        published ? parsePartialDate(published) : undefined,
      ).map((d) => `${d.text} → ${d.from}..${d.to}`);
      assert.deepEqual(got, expected);
    });
  }
});

/** TimeML's kinds of expression and span edges, as TimeBank marks them in news ([text, publication date, expected]). */
const timeml: [string, string, string[]][] = [
  // TIME: parts of days and clock times, placed on their day
  ['The attack began Tuesday night.', '1998-02-12', ['Tuesday night → 1998-02-10..1998-02-10']],
  [
    'CBS News first reported last night that the tomb was empty.',
    '1998-01-20',
    ['last night → 1998-01-19..1998-01-19'],
  ],
  ['The results will be disclosed this morning.', '1989-10-26', ['this morning → 1989-10-26..1989-10-26']],
  [
    'The offer was extended until 5 p.m. EST, Nov. 6.',
    '1989-10-30',
    ['5 p.m. EST, Nov. 6 → 1989-11-06..1989-11-06'],
  ],
  ['Negotiations broke off at noon Thursday.', '1998-02-13', ['noon Thursday → 1998-02-12..1998-02-12']],
  ['Two men entered the store around 7:15 p.m.', '1998-02-12', ['around 7:15 p.m. → 1998-02-12..1998-02-12']],
  [
    'Rally officials were not available late yesterday.',
    '1989-10-27',
    ['late yesterday → 1989-10-26..1989-10-26'],
  ],
  // SET: recurring times are found, never placed
  ['Orangemen march each July from their church.', '1998-03-22', ['each July → null..null']],
  [
    'The fund had net sales every month for three years.',
    '1989-10-27',
    ['every month → null..null', 'three years → null..null'],
  ],
  ['The agency publishes the tally weekly.', '1998-03-06', ['weekly → null..null']],
  ['The Daily Telegraph reported the sale.', '2005-03-15', []],
  // quarters and the reporting period of an earnings report
  [
    'Net income rose 5% in the latest quarter.',
    '1989-10-26',
    ['the latest quarter → 1989-07-01..1989-09-30'],
  ],
  [
    'Profit fell in the third quarter. Net was $5 million a year earlier.',
    '1989-11-02',
    ['the third quarter → 1989-07-01..1989-09-30', 'a year earlier → 1988-07-01..1988-09-30'],
  ],
  ['The company expects a fourth-quarter charge.', '1989-10-26', ['fourth-quarter → 1989-10-01..1989-12-31']],
  [
    'Sales in the year-ago quarter were $3 million.',
    '1989-10-26',
    ['the year-ago quarter → 1988-07-01..1988-09-30'],
  ],
  ['Sales for the full year rose 13%.', '1989-10-26', ['the full year → 1989-01-01..1989-12-31']],
  ['In fiscal 1989, Elco earned $7.8 million.', '1989-11-02', ['fiscal 1989 → 1989-01-01..1989-12-31']],
  // relative to publication
  ['Hate groups grew over the past year.', '1998-03-03', ['the past year → 1997-01-01..1997-12-31']],
  ['Two helicopters crashed last February.', '1998-03-01', ['last February → 1997-02-01..1997-02-28']],
  ['Trade fell sharply last August.', '1991-02-25', ['last August → 1990-08-01..1990-08-31']],
  ['The talks will resume Monday in Belfast.', '1998-03-22', ['Monday → 1998-03-23..1998-03-23']],
  ['The minister said Friday that talks would go on.', '1998-02-13', ['Friday → 1998-02-13..1998-02-13']],
  ['Sony will take ownership later this month.', '1989-10-30', ['later this month → 1989-10-01..1989-10-31']],
  ['The offer was extended to Nov. 20.', '1989-11-02', ['Nov. 20 → 1989-11-20..1989-11-20']],
  ['In January, the company brought in a new chief.', '1989-10-27', ['January → 1989-01-01..1989-01-31']],
  ['The job figures for January extended a surge.', '1998-02-06', ['January → 1998-01-01..1998-01-31']],
  // span edges: determiners and modifiers kept, prepositions and focus words left out
  ['The stock peaked in the early 1980s.', '1989-10-26', ['the early 1980s → 1980-01-01..1989-12-31']],
  ['The group began to fall apart in mid-1996.', '1998-02-19', ['mid-1996 → 1996-01-01..1996-12-31']],
  ['Costs will be halved by the end of 1990.', '1989-10-26', ['the end of 1990 → 1990-01-01..1990-12-31']],
  ['Annan wrapped up a two-hour meeting.', '1998-02-22', ['two-hour → null..null']],
  ['Stocks have fallen 20% in the past three months.', '1998-01-08', ['the past three months → null..null']],
  ['The banks must wait at least 30 days.', '1989-10-27', ['at least 30 days → null..null']],
  ['He was general manager for only six months.', '1989-11-02', ['six months → null..null']],
  [
    'He sold his shares between 1985 and 1987.',
    '1989-10-27',
    ['1985 → 1985-01-01..1985-12-31', '1987 → 1987-01-01..1987-12-31'],
  ],
  [
    'In nineteen ninety-six the convictions were thrown out.',
    '1998-01-15',
    ['nineteen ninety-six → 1996-01-01..1996-12-31'],
  ],
  [
    "Women's Day is this coming Sunday, March eighth.",
    '1998-03-05',
    ['this coming Sunday, March eighth → 1998-03-08..1998-03-08'],
  ],
  // rates, ages and clock times are no dates
  ['It would save $500 million a year.', '1989-10-30', []],
  ['Mr. Reupke, 52 years old, resigned.', '1989-11-02', []],
  ['The ceremony is broadcast at 2010 GMT.', '2005-03-15', []],
  ['He left as soon as the talks ended.', '1998-02-13', []],
];

suite('dates: TimeML expressions', () => {
  for (const [text, published, expected] of timeml) {
    test(`${text} (${published})`, () => {
      const got = findDates(
        createDocument('a.txt', text),
        splitSentences(text),
        parsePartialDate(published),
      ).map((d) => `${d.text} → ${d.from}..${d.to}`);
      assert.deepEqual(got, expected);
    });
  }

  test('recurring times and references are marked as such', () => {
    const text = 'Orangemen march each July. Nestle is now in the candybar business.';
    const got = findDates(
      createDocument('a.txt', text),
      splitSentences(text),
      parsePartialDate('1998-03-22'),
    ).map((d) => `${d.text}: ${d.recurring ? 'recurring' : ''}${d.reference ?? ''}`);
    assert.deepEqual(got, ['each July: recurring', 'now: present']);
  });

  test('one article read with two publication dates resolves against each (matches are kept, resolutions are not)', () => {
    const text = 'The talks resumed on March 3. Four weeks later, they signed.';
    const doc = createDocument('a.txt', text);
    const sentences = splitSentences(text);
    const first = findDates(doc, sentences, parsePartialDate('2025-04-10')).map((d) => d.from);
    const second = findDates(doc, sentences, parsePartialDate('2024-04-10')).map((d) => d.from);
    assert.deepEqual(first, ['2025-03-03', '2025-03-28']);
    assert.deepEqual(second, ['2024-03-03', '2024-03-28']);
  });

  test('publicationDate before findDates changes nothing findDates returns', () => {
    const text =
      'Title\nOn August 21, 2025 he spoke. A week later, he left. It will be deployed in December.';
    const alone = findDates(
      createDocument('a.txt', text),
      splitSentences(text),
      parsePartialDate('2025-10-04'),
    );
    const doc = createDocument('b.txt', text);
    const sentences = splitSentences(text);
    assert.equal(publicationDate(doc, sentences, undefined)?.date, '2025-08-21');
    assert.deepEqual(findDates(doc, sentences, parsePartialDate('2025-10-04')), alone);
  });
});

suite('dates: publication date', () => {
  const cases: [string, string, string | undefined, string | null][] = [
    ['manifest wins', 'Title\nOn June 3, 2024 it rained.', '2025-10', '2025-10 manifest'],
    [
      'a date under the signature',
      'Title\nBody text on September 25, 2025.\nBrendochka\n10/4/25',
      undefined,
      '2025-10-04 text',
    ],
    ['a byline', 'Title\nPublished: 3 March 2024\nBody.', undefined, '2024-03-03 text'],
    [
      'inferred from the latest past date',
      'Title\nOn August 21, 2025 he spoke. In June 2024 nothing happened.',
      undefined,
      '2025-08-21 inferred',
    ],
    [
      'future dates do not count',
      'Title\nOn August 21, 2025 he spoke. It will be deployed in December 2025.',
      undefined,
      '2025-08-21 inferred',
    ],
    ['no evidence', 'Title\nNothing dated here.', undefined, null],
  ];
  for (const [name, text, manifest, expected] of cases) {
    test(name, () => {
      const doc = createDocument('a.txt', text);
      const p = publicationDate(doc, splitSentences(text), manifest);
      assert.equal(p ? `${p.date} ${p.from}` : null, expected);
    });
  }
});
