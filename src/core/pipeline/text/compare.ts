/** Text order that is the same on every machine. */

const english = new Intl.Collator('en');

/**
 * English collation whatever the machine's locale (which put "aa" after "z" in Danish, and so
 * changed event ids and canonical names), then code points to settle what it calls equal (NFC
 * and NFD spellings).
 */
export function compareText(a: string, b: string): number {
  return english.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}
