/** Name keys: comparable forms of names, from exact (case and diacritics aside) to spelling-insensitive. */

export function nameKey(name: string): string {
  return memo(nameKeys, name, computeNameKey);
}

function computeNameKey(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[\u2019\u2018`]/g, "'")
    .replace(/[\u2010-\u2015]/g, '-')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

// Keys are asked for the same few thousand names again and again across a corpus: remembered,
// up to a bound (the memory of a long session stays flat).
const MEMO_LIMIT = 200_000;
const nameKeys = new Map<string, string>();
const personKeys = new Map<string, string>();
const slugs = new Map<string, string>();

function memo(table: Map<string, string>, name: string, compute: (name: string) => string): string {
  let key = table.get(name);
  if (key === undefined) {
    if (table.size >= MEMO_LIMIT) table.clear();
    key = compute(name);
    table.set(name, key);
  }
  return key;
}

export function slug(name: string): string {
  return memo(
    slugs,
    name,
    (n) =>
      nameKey(n)
        .replace(/[^\p{L}\p{N}]+/gu, '-')
        .replace(/^-|-$/g, '') || 'entity',
  );
}

// Russian, Belarusian and Ukrainian letters in a plain Latin spelling (what English news uses).
const CYRILLIC: Record<string, string> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  ґ: 'g',
  д: 'd',
  е: 'e',
  ё: 'yo',
  є: 'ye',
  ж: 'zh',
  з: 'z',
  и: 'i',
  і: 'i',
  ї: 'yi',
  й: 'y',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ў: 'u',
  ф: 'f',
  х: 'kh',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'shch',
  ъ: '',
  ы: 'y',
  ь: '',
  э: 'e',
  ю: 'yu',
  я: 'ya',
};

export function transliterate(name: string): string {
  return [...name]
    .map((ch) => {
      const lower = ch.toLowerCase();
      const latin = CYRILLIC[lower];
      if (latin === undefined) return ch;
      return ch !== lower && latin ? latin[0]!.toUpperCase() + latin.slice(1) : latin;
    })
    .join('');
}

export function hasCyrillic(text: string): boolean {
  // a long text is scanned by the pattern, which the engine compiles; a loop is slower there
  if (text.length > 64) return CYRILLIC_SCRIPT.test(text);
  // every Cyrillic character is at U+0400 or above: most names are settled without calling the pattern
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) >= 0x400) return CYRILLIC_SCRIPT.test(text);
  return false;
}

const CYRILLIC_SCRIPT = /\p{Script=Cyrillic}/u;

/**
 * A spelling-insensitive skeleton of one name word, so transliterations of one name meet:
 * Alexander / Aleksandr / Alyaksandr / Александр → "alksndr"; Sergei / Siarhei / Syarhei → "srg";
 * Tsikhanouski / Tikhanovsky / Ціханоўскі → "thnvsk". Consonants carry the identity; vowels
 * (which transliterations disagree on) are dropped after the first letter.
 */
export function skeleton(word: string): string {
  const w = nameKey(transliterate(word))
    .replace(/[^a-z]/g, '')
    .replace(/x/g, 'ks')
    .replace(/ck/g, 'k')
    .replace(/ph/g, 'f')
    .replace(/w/g, 'v')
    .replace(/ts|tz|cz/g, 't')
    .replace(/kh|gh|h/g, 'g')
    .replace(/ou(?=[^aeiouy]|$)/g, 'ov')
    .replace(/(?:ii|iy|yi|ij|y)$/g, 'i')
    .replace(/(.)\1+/g, '$1');
  return w.slice(0, 1) + w.slice(1).replace(/[aeiouyj]/g, '');
}

/** Slavic surnames mark gender in their ending: Tsikhanouskaya is not Tsikhanouski. */
export function surnameGender(word: string): 'f' | 'm' {
  return /(?:aya|aja|ая|ова|ева|ина|ская|skaja|ova|eva|ina|yna)$/iu.test(transliterate(word)) ||
    /ая$|ова$|ева$|ина$/u.test(word)
    ? 'f'
    : 'm';
}

/** The stem of a surname without its gendered ending. */
function surnameStem(word: string): string {
  return transliterate(word).replace(/(?:aya|aja|a)$/i, '');
}

/**
 * The key under which spellings of one person's name meet: given-name skeleton, surname
 * skeleton and the surname's gender. Single words key as surnames.
 */
export function personKey(name: string): string {
  return memo(personKeys, name, computePersonKey);
}

function computePersonKey(name: string): string {
  const parts = name.split(/\s+/).filter((p) => /\p{L}/u.test(p));
  if (parts.length === 0) return '';
  const surname = parts[parts.length - 1]!;
  const last = `${skeleton(surnameStem(surname))}/${surnameGender(surname)}`;
  return parts.length === 1 ? last : `${skeleton(parts[0]!)} ${last}`;
}
