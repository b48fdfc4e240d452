/** Name keys: the comparable form of a name (case, diacritics, apostrophes and spacing ignored). */

export function nameKey(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[\u2019\u2018`]/g, "'")
    .replace(/[\u2010-\u2015]/g, '-')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

export function tokens(name: string): string[] {
  return nameKey(name).split(' ').filter((t) => t !== '');
}

export function slug(name: string): string {
  return nameKey(name).replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '') || 'entity';
}

export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A spelling-insensitive skeleton of a given name, so that transliterations of one name meet:
 * Alexander / Aleksandr / Alyaksandr → "lksndr"; Sergei / Siarhei / Syarhei → "srg".
 */
export function givenNameSkeleton(name: string): string {
  return nameKey(name)
    .replace(/x/g, 'ks')
    .replace(/kh/g, 'h')
    .replace(/h/g, 'g')
    .replace(/[aeiouy'-]/g, '')
    .replace(/(.)\1+/g, '$1');
}
