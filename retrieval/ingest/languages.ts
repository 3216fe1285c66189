/** Language names and ISO 639-2/3 codes → BCP-47 primary tags. */
const BY_NAME: Readonly<Record<string, string>> = {
  english: 'en',
  spanish: 'es',
  castilian: 'es',
  chinese: 'zh',
  mandarin: 'zh',
  cantonese: 'zh',
  portuguese: 'pt',
  vietnamese: 'vi',
  haitian: 'ht',
  'haitian creole': 'ht',
  creole: 'ht',
  french: 'fr',
  russian: 'ru',
  japanese: 'ja',
  korean: 'ko',
  arabic: 'ar',
  italian: 'it',
  german: 'de',
  polish: 'pl',
  tagalog: 'tl',
  filipino: 'tl',
  hindi: 'hi',
  urdu: 'ur',
  bengali: 'bn',
  gujarati: 'gu',
  punjabi: 'pa',
  greek: 'el',
  hebrew: 'he',
  persian: 'fa',
  farsi: 'fa',
  turkish: 'tr',
  ukrainian: 'uk',
  albanian: 'sq',
  armenian: 'hy',
  khmer: 'km',
  cambodian: 'km',
  lao: 'lo',
  somali: 'so',
  swahili: 'sw',
  'cape verdean creole': 'kea',
  'american sign language': 'ase',
};

const BY_ISO639_2: Readonly<Record<string, string>> = {
  eng: 'en',
  spa: 'es',
  zho: 'zh',
  chi: 'zh',
  cmn: 'zh',
  yue: 'zh',
  por: 'pt',
  vie: 'vi',
  hat: 'ht',
  fra: 'fr',
  fre: 'fr',
  rus: 'ru',
  jpn: 'ja',
  kor: 'ko',
  ara: 'ar',
  ita: 'it',
  deu: 'de',
  ger: 'de',
  pol: 'pl',
  tgl: 'tl',
  hin: 'hi',
};

/**
 * The BCP-47 primary language tag (lower case) for a code such as `en-US`, `ZH`, `spa`, or a
 * display name such as `Spanish` or `Haitian Creole`. Null when it cannot be told.
 */
export function normalizeLanguage(value: string | undefined | null): string | null {
  const text = value?.trim().toLowerCase().replaceAll('_', '-');
  if (!text) return null;
  const named = BY_NAME[text] ?? BY_NAME[text.replace(/\s*\(.*\)$/, '')];
  if (named) return named;
  const primary = text.split('-')[0] ?? '';
  if (/^[a-z]{2}$/.test(primary)) return primary;
  if (/^[a-z]{3}$/.test(primary)) return BY_ISO639_2[primary] ?? primary;
  return null;
}
