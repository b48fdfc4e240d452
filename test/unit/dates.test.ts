import * as assert from 'node:assert/strict';
import { createDocument } from '../../src/core/text/document';
import { splitSentences } from '../../src/core/text/sentences';
import { findDates } from '../../src/core/dates/date-expressions';
import { publicationDate } from '../../src/core/dates/published';
import { parsePartialDate } from '../../src/core/dates/partial-date';

/** [text, publication date, expected "text → from..to" for each expression]. */
const cases: [string, string | undefined, string[]][] = [
  ['The summit opened on 23 September 2025 in Warsaw.', undefined, ['23 September 2025 → 2025-09-23..2025-09-23']],
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
  ['From September 25 to 29, troops drilled.', '2025-10-04', ['From September 25 to 29 → 2025-09-25..2025-09-29']],
  ['He met Coale on September 11. Four weeks later, they met again.', '2025-10-20', ['September 11 → 2025-09-11..2025-09-11', 'Four weeks later → 2025-10-06..2025-10-12']],
  ['They spoke yesterday.', '2025-10-04', ['yesterday → 2025-10-03..2025-10-03']],
  ['It happened five years ago.', '2025-10-04', ['five years ago → 2020-01-01..2020-12-31']],
  ['The first visit in 26 years.', '2025-10-04', ['26 years → null..null']],
  ['Sanctions after the 2006 and 2010 elections.', '2025-10-04', ['2006 → 2006-01-01..2006-12-31', '2010 → 2010-01-01..2010-12-31']],
  ['The company reported a third-quarter loss.', '2025-10-04', ['third-quarter → 2025-07-01..2025-09-30']],
  ['Profit fell in the 1988 third quarter.', '1989-10-26', ['the 1988 third quarter → 1988-07-01..1988-09-30']],
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
      const got = findDates(doc, splitSentences(text), published ? parsePartialDate(published) : undefined)
        .map((d) => `${d.text} → ${d.from}..${d.to}`);
      assert.deepEqual(got, expected);
    });
  }
});

suite('dates: publication date', () => {
  const cases: [string, string, string | undefined, string | null][] = [
    ['manifest wins', 'Title\nOn June 3, 2024 it rained.', '2025-10', '2025-10 manifest'],
    ['a date under the signature', 'Title\nBody text on September 25, 2025.\nBrendochka\n10/4/25', undefined, '2025-10-04 text'],
    ['a byline', 'Title\nPublished: 3 March 2024\nBody.', undefined, '2024-03-03 text'],
    ['inferred from the latest past date', 'Title\nOn August 21, 2025 he spoke. In June 2024 nothing happened.', undefined, '2025-08-21 inferred'],
    ['future dates do not count', 'Title\nOn August 21, 2025 he spoke. It will be deployed in December 2025.', undefined, '2025-08-21 inferred'],
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
