import * as assert from 'node:assert/strict';
import { formatDate, formatDateWithIso, isoRange, type DateToFormat } from '../../src/core/index/date-format';

suite('date format', () => {
  // [from, to, granularity, locale, expected]
  const rows: [string | null, string | null, DateToFormat['granularity'], string, string][] = [
    ['2025-06-21', '2025-06-21', 'day', 'en-GB', '21 June 2025'],
    ['2025-06-21', '2025-06-21', 'day', 'en', 'June 21, 2025'],
    ['2025-06-21', '2025-06-21', 'day', 'de', '21. Juni 2025'],
    ['2025-06-21', '2025-06-21', 'day', 'fr', '21 juin 2025'],
    ['2025-06-01', '2025-06-30', 'month', 'en-GB', 'June 2025'],
    ['2025-06-01', '2025-06-30', 'month', 'de', 'Juni 2025'],
    ['2025-02-01', '2025-02-28', 'month', 'en', 'February 2025'],
    ['2024-02-01', '2024-02-29', null, 'en', 'February 2024'],
    ['2025-08-11', '2025-08-20', 'month', 'en-GB', 'mid-August 2025'],
    ['2025-03-01', '2025-03-10', 'month', 'en-GB', 'early March 2025'],
    ['2025-01-21', '2025-01-31', 'month', 'en-GB', 'late January 2025'],
    ['2025-01-01', '2025-12-31', 'year', 'en', '2025'],
    ['2020-01-01', '2022-12-31', 'year', 'en', '2020–2022'],
    ['2020-01-01', '2022-12-31', null, 'en', '2020–2022'],
    ['2024-06-01', '2024-08-31', 'season', 'en', 'summer 2024'],
    ['2024-12-01', '2025-02-28', 'season', 'en', 'winter 2024–25'],
    ['2025-07-01', '2025-09-30', 'quarter', 'en', 'Q3 2025'],
    ['2010-01-01', '2019-12-31', 'decade', 'en', 'the 2010s'],
    ['1901-01-01', '2000-12-31', 'century', 'en', 'the 20th century'],
    ['2001-01-01', '2100-12-31', 'century', 'en', 'the 21st century'],
    ['2025-06-15', '2025-06-21', 'week', 'en-GB', 'the week of 15 June 2025'],
    ['2025-06-21', '2025-06-23', 'day', 'en-GB', '21 – 23 June 2025'],
    ['2025-06-21', '2025-08-31', null, 'en-GB', '21 June – 31 August 2025'],
    ['2025-06-01', '2025-08-31', 'month', 'en-GB', 'June – August 2025'],
    ['2024-12-30', '2025-01-02', null, 'en-GB', '30 December 2024 – 2 January 2025'],
    ['0099-03-04', '0099-03-04', 'day', 'en-GB', '4 March 99'],
    ['-000044-03-15', '-000044-03-15', 'day', 'en', '-000044-03-15'],
    ['2025-06-21', null, 'day', 'en-GB', '21 June 2025'],
    [null, null, null, 'en', ''],
    ['2025-06-21', '2025-06-21', 'day', 'not a locale!', 'June 21, 2025'],
  ];
  for (const [from, to, granularity, locale, expected] of rows) {
    test(`${from} … ${to} (${granularity ?? 'inferred'}, ${locale}) → ${expected}`, () => {
      // Intl puts narrow no-break and thin spaces around range dashes in some versions
      assert.equal(formatDate({ from, to, granularity }, locale).replace(/[\u2009\u202f]/g, ' '), expected);
    });
  }

  test('never the first day of an interval for a month', () => {
    assert.doesNotMatch(formatDate({ from: '2025-06-01', to: '2025-06-30', granularity: 'month' }), /\b1\b/);
  });

  test('the ISO form for tooltips', () => {
    assert.equal(isoRange({ from: '2025-06-21', to: '2025-06-21' }), '2025-06-21');
    assert.equal(isoRange({ from: '2025-06-01', to: '2025-06-30' }), '2025-06-01 … 2025-06-30');
    assert.equal(
      formatDateWithIso({ from: '2025-06-01', to: '2025-06-30', granularity: 'month' }, 'en'),
      'June 2025 (2025-06-01 … 2025-06-30)',
    );
    assert.equal(formatDateWithIso({ from: '-000044-03-15', to: '-000044-03-15' }), '-000044-03-15');
  });
});
