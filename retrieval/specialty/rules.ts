import type { SpecialtyInference, SpecialtyMatch } from '../../src/domain/index.js';
import {
  isSpecialtyKey,
  type SpecialtyKey,
  specialtyMatch,
  specialtyOfTaxonomy,
} from './catalog.js';

type Chain = readonly SpecialtyKey[];

const RETINA: Chain = ['retina', 'ophthalmology'];
const GLAUCOMA: Chain = ['glaucoma', 'ophthalmology'];
const CORNEA: Chain = ['cornea', 'ophthalmology'];
const UVEITIS: Chain = ['uveitis', 'ophthalmology'];
const PLASTICS: Chain = ['oculoplastics', 'ophthalmology'];
const NEURO_EYE: Chain = ['neuro-ophthalmology', 'ophthalmology', 'neurology'];
const PEDIATRIC: Chain = ['pediatric-ophthalmology', 'ophthalmology'];

/**
 * ICD-10-CM category (or subcategory) prefix → acceptable specialties, most specific first.
 * The longest matching prefix wins, so `E11.3` (diabetic eye disease) beats `E11` (diabetes).
 */
const CODE_RULES: ReadonlyArray<readonly [prefix: string, chain: Chain]> = [
  ...['E08.3', 'E09.3', 'E10.3', 'E11.3', 'E13.3'].map((p) => [p, RETINA] as const),
  ...['H31', 'H32', 'H33', 'H34', 'H35', 'H36', 'H43', 'H44', 'Q14', 'D31.3', 'C69.3'].map(
    (p) => [p, RETINA] as const,
  ),
  ['H30', ['uveitis', 'retina', 'ophthalmology']],
  ...['H15', 'H20', 'H22'].map((p) => [p, UVEITIS] as const),
  ...['H40', 'H42', 'Q15.0'].map((p) => [p, GLAUCOMA] as const),
  ...['H10', 'H11', 'H16', 'H17', 'H18', 'T15', 'B02.3'].map((p) => [p, CORNEA] as const),
  ...['H21', 'H25', 'H26', 'H27', 'H28', 'H57', 'H59', 'S05'].map(
    (p) => [p, ['ophthalmology']] as const,
  ),
  ['H52', CORNEA],
  ['H53', NEURO_EYE],
  ['H55', ['pediatric-ophthalmology', 'neuro-ophthalmology']],
  ...['H00', 'H01', 'H02', 'H04', 'H05'].map((p) => [p, PLASTICS] as const),
  ...['H46', 'H47', 'H49', 'H51', 'H53.4', 'H57.0'].map((p) => [p, NEURO_EYE] as const),
  ['H51.1', ['vision-therapy', 'pediatric-ophthalmology']],
  ...['H50', 'Q12', 'Q13'].map((p) => [p, PEDIATRIC] as const),
  ['H53.0', ['pediatric-ophthalmology', 'vision-therapy']],
  ['H54', ['low-vision']],
  ...['E10', 'E11', 'E13', 'R73'].map((p) => [p, ['endocrinology', 'primary-care']] as const),
  ...['E05', 'E06', 'E07'].map((p) => [p, ['endocrinology']] as const),
  ['E78', ['primary-care']],
  ...['I10', 'I11', 'I12', 'I13', 'I15', 'I16'].map(
    (p) => [p, ['primary-care', 'cardiology']] as const,
  ),
  ...['I20', 'I21', 'I25', 'I48', 'I50', 'I65'].map((p) => [p, ['cardiology']] as const),
  ...['G45', 'I63', 'I67'].map((p) => [p, ['neurology', 'cardiology']] as const),
  ...['G35', 'G36', 'G37', 'G43', 'G44', 'G70', 'R51'].map((p) => [p, ['neurology']] as const),
  ['G93.2', ['neuro-ophthalmology', 'neurology']],
  ['G47', ['sleep-medicine']],
  ...['M05', 'M06', 'M08', 'M32', 'M35.0', 'M45'].map((p) => [p, ['rheumatology']] as const),
  ...['M31.5', 'M31.6'].map((p) => [p, ['rheumatology', 'neuro-ophthalmology']] as const),
  ...['N04', 'N18'].map((p) => [p, ['nephrology']] as const),
  ...['L20', 'L30', 'L57', 'L71', 'C43', 'C44'].map((p) => [p, ['dermatology']] as const),
  ...['J30', 'J32', 'J34', 'H60', 'H65', 'H66', 'H81', 'H90', 'H91'].map(
    (p) => [p, ['ent']] as const,
  ),
];

/** Words a provider writes in the reason or the requested-specialty field. First match wins. */
const TEXT_RULES: ReadonlyArray<readonly [pattern: RegExp, chain: Chain]> = [
  [
    /\b(convergence insufficiency|vision therapy|binocular vision)\b/i,
    ['vision-therapy', 'pediatric-ophthalmology'],
  ],
  [/\blow vision\b/i, ['low-vision']],
  [
    /\b(optic neuritis|papill?edema|visual field (defect|loss)|nerve palsy|anisocoria|neuro-?ophthalmolog\w*)\b/i,
    NEURO_EYE,
  ],
  [/\b(uveitis|iritis|scleritis)\b/i, UVEITIS],
  [
    /\b(retina\w*|macula\w*|amd|drusen|vitreous|npdr|pdr|diabetic retinopathy|retinal detachment)\b/i,
    RETINA,
  ],
  [/\b(glaucoma\w*|iop|intraocular pressure|cup-to-disc)\b/i, GLAUCOMA],
  [/\b(cornea\w*|keratoconus|keratitis|pterygium|dry eye)\b/i, CORNEA],
  [
    /\b(ptosis|eyelid|chalazion|orbit\w*|lacrimal|epiphora|dermatochalasis|oculoplastic\w*)\b/i,
    PLASTICS,
  ],
  [/\b(strabismus|amblyopia|esotropia|exotropia|pediatric ophthalmolog\w*)\b/i, PEDIATRIC],
  [/\bcataracts?\b/i, ['ophthalmology']],
  [/\b(sleep apnea|osa|sleep medicine)\b/i, ['sleep-medicine']],
  [/\b(thyroid|endocrin\w*|diabetes management)\b/i, ['endocrinology', 'primary-care']],
  [/\b(migraine|headaches?|multiple sclerosis|stroke|tia|neurolog\w*)\b/i, ['neurology']],
  [
    /\b(rheumat\w*|lupus|sj[oö]gren\w*|giant cell arteritis|temporal arteritis)\b/i,
    ['rheumatology'],
  ],
  [/\b(kidney|renal|nephrolog\w*)\b/i, ['nephrology']],
  [/\b(rosacea|dermat\w*|melanoma|skin lesion)\b/i, ['dermatology']],
  [/\b(sinus\w*|ent|otolaryngolog\w*|hearing)\b/i, ['ent']],
  [/\b(cardiac|cardiolog\w*|heart|atrial fibrillation|carotid)\b/i, ['cardiology']],
  [/\b(hypertension|blood pressure|cholesterol|primary care|pcp)\b/i, ['primary-care']],
  [/\bophthalmolog\w*\b/i, ['ophthalmology']],
];

/** The ICD-10-CM prefixes the table maps (for data checks). */
export const CODE_RULE_PREFIXES: readonly string[] = CODE_RULES.map(([prefix]) => prefix);

const TAXONOMY_CODE = /^[0-9A-Z]{9}X$/;

function normalize(code: string): string {
  const c = code.trim().toUpperCase();
  return c.includes('.') || c.length <= 3 ? c : `${c.slice(0, 3)}.${c.slice(3)}`;
}

function byCode(code: string): Chain | undefined {
  const normal = normalize(code);
  let best: (typeof CODE_RULES)[number] | undefined;
  for (const rule of CODE_RULES) {
    if (normal.startsWith(rule[0]) && (!best || rule[0].length > best[0].length)) best = rule;
  }
  return best?.[1];
}

function byText(text: string): { chain: Chain; keyword: string } | undefined {
  for (const [pattern, chain] of TEXT_RULES) {
    const m = pattern.exec(text);
    if (m) return { chain, keyword: m[0].toLowerCase() };
  }
  return undefined;
}

const matches = (chain: Chain): SpecialtyMatch[] => chain.map(specialtyMatch);

/** A requested NUCC code or specialty name; an unknown code is taken as asked. */
function byRequest(requested: string): SpecialtyMatch[] | undefined {
  const value = requested.trim();
  if (TAXONOMY_CODE.test(value)) {
    const key = specialtyOfTaxonomy(value);
    if (!key) return [{ key: value, label: `Taxonomy ${value}`, taxonomies: [value] }];
    const chain = CODE_RULES.map((r) => r[1]).find((c) => c[0] === key) ?? [key];
    return matches(chain);
  }
  if (isSpecialtyKey(value.toLowerCase())) {
    const key = value.toLowerCase() as SpecialtyKey;
    return matches(CODE_RULES.map((r) => r[1]).find((c) => c[0] === key) ?? [key]);
  }
  const named = byText(value);
  return named ? matches(named.chain) : undefined;
}

/**
 * Which specialists a referral needs, most specific first: an explicit request wins, then the
 * first diagnosis code the table maps, then a keyword in the reason. Anything else is reported
 * as unmapped (confidence `none`) rather than guessed.
 */
export function inferSpecialty(input: {
  requested?: string | undefined;
  diagnosisCodes: readonly string[];
  reason: string;
}): SpecialtyInference {
  if (input.requested) {
    const requested = byRequest(input.requested);
    if (requested) {
      return {
        specialties: requested,
        confidence: 'high',
        source: 'requested',
        evidence: input.requested.trim().slice(0, 40),
      };
    }
  }
  for (const code of input.diagnosisCodes) {
    const chain = byCode(code);
    if (chain)
      return {
        specialties: matches(chain),
        confidence: 'high',
        source: 'diagnosis',
        evidence: code,
      };
  }
  const fromReason = byText(input.reason);
  if (fromReason) {
    return {
      specialties: matches(fromReason.chain),
      confidence: 'medium',
      source: 'reason',
      evidence: fromReason.keyword,
    };
  }
  return {
    specialties: [],
    confidence: 'none',
    source: 'none',
    evidence: 'no mapped code or keyword',
  };
}
