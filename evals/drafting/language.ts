/** How a reader names each language the cases use: the English name and the endonym. */
export const LANGUAGE_NAMES: Readonly<Record<string, readonly string[]>> = {
  en: ['English'],
  es: ['Spanish', 'español'],
  pt: ['Portuguese', 'português'],
  fr: ['French', 'français'],
  zh: ['Chinese', 'Mandarin', 'Cantonese', '中文'],
  vi: ['Vietnamese', 'tiếng Việt'],
  ru: ['Russian', 'русский'],
  ar: ['Arabic', 'العربية'],
  ko: ['Korean', '한국어'],
};

/** Languages told apart by their script (the share of letters written in it). */
const SCRIPTS: ReadonlyArray<[string, RegExp]> = [
  ['ja', /[\p{Script=Hiragana}\p{Script=Katakana}]/gu],
  ['zh', /\p{Script=Han}/gu],
  ['ru', /\p{Script=Cyrillic}/gu],
  ['ar', /\p{Script=Arabic}/gu],
  ['ko', /\p{Script=Hangul}/gu],
];

/** Frequent short words of the Latin-script languages (lowercase, accents kept). */
const FUNCTION_WORDS: ReadonlyArray<[string, ReadonlySet<string>]> = [
  [
    'en',
    new Set(
      'the and you your to of is are will have has please with for this that if not from they their we us at be in on'.split(
        ' ',
      ),
    ),
  ],
  [
    'es',
    new Set(
      'el la los las de que y su usted le con por para en se es una un si no nos del al sus tiene cita llámenos'.split(
        ' ',
      ),
    ),
  ],
  [
    'pt',
    new Set(
      'o os as de que e do da em um uma para com não se sua seu você ao dos das consulta nos ligue'.split(
        ' ',
      ),
    ),
  ],
  [
    'fr',
    new Set(
      'le la les de des et vous votre un une pour avec dans est que qui ne pas sur au aux nous'.split(
        ' ',
      ),
    ),
  ],
  [
    'vi',
    new Set(
      'của bạn và các được không với chúng tôi này đã sẽ để có cho tại một những nếu sau ngày gọi'.split(
        ' ',
      ),
    ),
  ],
];

const count = (text: string, pattern: RegExp) => text.match(pattern)?.length ?? 0;

/**
 * The language a short message is written in, or null when it cannot tell. Scripts decide first
 * (Han, Cyrillic, Arabic, Hangul, kana); Latin-script text by its most frequent function words.
 */
export function detectLanguage(text: string): string | null {
  const letters = count(text, /\p{L}/gu);
  if (letters === 0) return null;
  for (const [language, pattern] of SCRIPTS) {
    if (count(text, pattern) / letters >= 0.3) return language;
  }
  const words = text.toLowerCase().match(/\p{L}+/gu) ?? [];
  const scores = FUNCTION_WORDS.map(([language, set]) => ({
    language,
    hits: words.filter((w) => set.has(w)).length,
  })).sort((a, b) => b.hits - a.hits);
  const [best, second] = scores;
  if (!best || best.hits < 2 || (second && second.hits === best.hits)) return null;
  return best.language;
}
