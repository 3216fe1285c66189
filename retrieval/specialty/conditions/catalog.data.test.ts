import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isSpecialtyKey } from '../catalog.js';
import { EYE_SPECIALTIES, SPECIALTY_FALLBACK, SPECIALTY_NAMES } from '../specialty-names.js';
import { tokenize } from '../tokens.js';
import { BINOCULAR_LOW_VISION } from './binocular-low-vision.js';
import type { Condition } from './condition.js';
import { CORNEA } from './cornea.js';
import { EYE_TRAUMA } from './eye-trauma.js';
import { EYELID } from './eyelid.js';
import { GENERAL_EYE } from './general-eye.js';
import { GLAUCOMA } from './glaucoma.js';
import { CONDITIONS } from './index.js';
import { NEURO_AFFERENT } from './neuro-afferent.js';
import { NEURO_EFFERENT } from './neuro-efferent.js';
import { OCULAR_SURFACE } from './ocular-surface.js';
import { ORBIT_LACRIMAL } from './orbit-lacrimal.js';
import { PEDIATRIC } from './pediatric.js';
import { RETINA_MACULA } from './retina-macula.js';
import { RETINA_PERIPHERY } from './retina-periphery.js';
import { RETINA_VASCULAR } from './retina-vascular.js';
import { SYSTEMIC_CARDIOMETABOLIC } from './systemic-cardiometabolic.js';
import { SYSTEMIC_IMMUNE_SKIN } from './systemic-immune-skin.js';
import { SYSTEMIC_NEURO_OTHER } from './systemic-neuro-other.js';
import { UVEITIS } from './uveitis.js';

const CATEGORIES = new URL(
  '../../../../shared/data/icd10cm-2018-categories/categories.csv',
  import.meta.url,
);

/**
 * Billable codes the categories file leaves out (it holds headers only). Each is allowed only if
 * its parent subcategory is in the file.
 */
const BILLABLE_LEAVES = new Set([
  'E08.311',
  'E09.311',
  'E10.311',
  'E11.311',
  'E13.311',
  'H35.81',
  'H18.51',
  'B00.51',
  'D86.83',
  'Q10.0',
  'Q10.5',
  'Q12.0',
  'Q15.0',
  'L03.213',
  'G51.3',
  'G93.2',
  'H51.0',
  'H51.11',
  'H51.12',
  'F07.81',
  'R03.0',
  'G45.3',
  'H55.01',
  'H57.81',
]);

/** Upper-case phrases with a space that are still one abbreviation. */
const MULTI_WORD_ABBREVIATIONS = new Set(['CN III', 'CN IV', 'CN VI']);

/** The eye subspecialties: those general ophthalmology stands in for. */
const EYE_SUBSPECIALTIES = new Set(
  [...EYE_SPECIALTIES].filter((k) => SPECIALTY_FALLBACK[k]?.includes('ophthalmology')),
);

/** What the former rule table (rules.ts CODE_RULES) mapped: the catalog must map at least that. */
const FORMER_CODE_PREFIXES = [
  ...['E08.3', 'E09.3', 'E10.3', 'E11.3', 'E13.3', 'H31', 'H32', 'H33', 'H34', 'H35', 'H36'],
  ...['H43', 'H44', 'Q14', 'D31.3', 'C69.3', 'H30', 'H15', 'H20', 'H22', 'H40', 'H42', 'Q15.0'],
  ...['H10', 'H11', 'H16', 'H17', 'H18', 'T15', 'B02.3', 'H21', 'H25', 'H26', 'H27', 'H28'],
  ...['H57', 'H59', 'S05', 'H52', 'H53', 'H55', 'H00', 'H01', 'H02', 'H04', 'H05', 'H46'],
  ...['H47', 'H49', 'H51', 'H53.4', 'H57.0', 'H51.1', 'H50', 'Q12', 'Q13', 'H53.0', 'H54'],
  ...['E10', 'E11', 'E13', 'R73', 'E05', 'E06', 'E07', 'E78', 'I10', 'I11', 'I12', 'I13'],
  ...['I15', 'I16', 'I20', 'I21', 'I25', 'I48', 'I50', 'I65', 'G45', 'I63', 'I67', 'G35'],
  ...['G36', 'G37', 'G43', 'G44', 'G70', 'R51', 'G93.2', 'G47', 'M05', 'M06', 'M08', 'M32'],
  ...['M35.0', 'M45', 'M31.5', 'M31.6', 'N04', 'N18', 'L20', 'L30', 'L57', 'L71', 'C43'],
  ...['C44', 'J30', 'J32', 'J34', 'H60', 'H65', 'H66', 'H81', 'H90', 'H91'],
];

/**
 * Words the former keyword rules matched, which the catalog or the specialty names must still
 * recognise. Left out on purpose: "macula" and "cup-to-disc", which every normal exam note
 * mentions ("macula flat", "cup-to-disc 0.3"); the catalog has the abnormal findings instead.
 */
const FORMER_PHRASES = [
  ...['convergence insufficiency', 'vision therapy', 'binocular vision', 'low vision'],
  ...['optic neuritis', 'papilledema', 'visual field defect', 'visual field loss', 'anisocoria'],
  ...['neuro-ophthalmology', 'uveitis', 'iritis', 'scleritis', 'retina', 'AMD', 'drusen'],
  ...['NPDR', 'PDR', 'diabetic retinopathy', 'retinal detachment', 'glaucoma', 'cornea'],
  ...['keratoconus', 'keratitis', 'pterygium', 'dry eye', 'ptosis', 'chalazion', 'lacrimal'],
  ...['epiphora', 'dermatochalasis', 'oculoplastic', 'strabismus', 'amblyopia', 'esotropia'],
  ...['exotropia', 'pediatric ophthalmology', 'cataract', 'OSA', 'sleep apnea', 'thyroid'],
  ...['sleep medicine', 'diabetes management', 'migraine', 'TIA', 'headache', 'stroke'],
  ...['multiple sclerosis', 'lupus', 'sjogren', 'giant cell arteritis', 'temporal arteritis'],
  ...['rosacea', 'melanoma', 'ENT', 'otolaryngology', 'cardiology', 'carotid', 'hypertension'],
  ...['atrial fibrillation', 'primary care', 'PCP', 'ophthalmology', 'rheumatology'],
];

/** The words a phrase matches, as the matcher splits and folds them. */
const wordsOf = (phrase: string) =>
  tokenize(phrase)
    .map((t) => t.folded)
    .join(' ');
const specialtyNames = Object.values(SPECIALTY_NAMES);

const isUpper = (p: string) => p === p.toUpperCase() && p !== p.toLowerCase();
const isLower = (p: string) => p === p.toLowerCase();
const undotted = (code: string) => code.replace('.', '');
const allCodes = CONDITIONS.flatMap((c) => c.codes);
const allPhrases = CONDITIONS.flatMap((c) => c.phrases);

function conditionOfCode(code: string): Condition | undefined {
  let best: { condition: Condition; length: number } | undefined;
  for (const condition of CONDITIONS) {
    for (const prefix of condition.codes) {
      if (code.startsWith(prefix) && (!best || prefix.length > best.length))
        best = { condition, length: prefix.length };
    }
  }
  return best?.condition;
}

/** Within one edit (substitution, insertion or deletion). */
function withinOneEdit(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  let j = 0;
  let edits = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      i++;
      j++;
      continue;
    }
    edits++;
    if (a.length >= b.length) i++;
    if (b.length >= a.length) j++;
  }
  return edits + (a.length - i) + (b.length - j) <= 1;
}

/** Two phrases the matcher could confuse: same words, bar a plural or one typo in a long word. */
function confusable(a: string, b: string): boolean {
  const wa = a.split(/[\s-]+/);
  const wb = b.split(/[\s-]+/);
  return (
    wa.length === wb.length &&
    wa.every((w, k) => {
      const v = wb[k] ?? '';
      const typo = w.length >= 7 && v.length >= 7 && withinOneEdit(w, v);
      return w === v || `${w}s` === v || `${v}s` === w || typo;
    })
  );
}

describe('condition catalog: shape', () => {
  it('holds at least 70 conditions with unique kebab-case ids', () => {
    expect(CONDITIONS.length).toBeGreaterThanOrEqual(70);
    const ids = CONDITIONS.map((c) => c.id);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
    expect(ids.filter((id) => !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(id))).toEqual([]);
  });

  it('covers every area with enough conditions', () => {
    const counts = {
      retina: [...RETINA_VASCULAR, ...RETINA_MACULA, ...RETINA_PERIPHERY].length,
      glaucoma: GLAUCOMA.length,
      corneaExternal: [...CORNEA, ...OCULAR_SURFACE].length,
      oculoplasticsOrbit: [...EYELID, ...ORBIT_LACRIMAL].length,
      neuroOphthalmology: [...NEURO_AFFERENT, ...NEURO_EFFERENT].length,
      uveitis: UVEITIS.length,
      pediatric: PEDIATRIC.length,
      binocularLowVision: BINOCULAR_LOW_VISION.length,
      generalEye: [...GENERAL_EYE, ...EYE_TRAUMA].length,
      systemic: CONDITIONS.filter((c) => c.area === 'systemic').length,
    };
    expect(counts).toEqual({
      retina: expect.toSatisfy((n: number) => n >= 20),
      glaucoma: expect.toSatisfy((n: number) => n >= 8),
      corneaExternal: expect.toSatisfy((n: number) => n >= 12),
      oculoplasticsOrbit: expect.toSatisfy((n: number) => n >= 11),
      neuroOphthalmology: expect.toSatisfy((n: number) => n >= 12),
      uveitis: expect.toSatisfy((n: number) => n >= 4),
      pediatric: expect.toSatisfy((n: number) => n >= 8),
      binocularLowVision: expect.toSatisfy((n: number) => n >= 4),
      generalEye: expect.toSatisfy((n: number) => n >= 8),
      systemic: expect.toSatisfy((n: number) => n >= 20),
    });
    const systemicFiles = [...SYSTEMIC_CARDIOMETABOLIC, ...SYSTEMIC_IMMUNE_SKIN];
    expect([...systemicFiles, ...SYSTEMIC_NEURO_OTHER].every((c) => c.area === 'systemic')).toBe(
      true,
    );
  });

  it('gives every condition a label and at least one phrase', () => {
    expect(CONDITIONS.filter((c) => !c.label.trim() || c.phrases.length === 0)).toEqual([]);
  });
});

describe('condition catalog: specialties', () => {
  it('names only real specialty keys, at least one preferred, none in both lists', () => {
    const bad = CONDITIONS.filter(
      (c) =>
        c.preferred.length === 0 ||
        [...c.preferred, ...c.fallback].some((k) => !isSpecialtyKey(k)) ||
        c.preferred.some((k) => c.fallback.includes(k)) ||
        new Set([...c.preferred, ...c.fallback]).size !== c.preferred.length + c.fallback.length,
    );
    expect(bad.map((c) => c.id)).toEqual([]);
  });

  it('lets general ophthalmology stand in for any eye subspecialty', () => {
    const bad = CONDITIONS.filter(
      (c) =>
        c.area === 'eye' &&
        c.preferred.some((k) => EYE_SUBSPECIALTIES.has(k)) &&
        !c.preferred.includes('ophthalmology') &&
        !c.fallback.includes('ophthalmology'),
    );
    expect(bad.map((c) => c.id)).toEqual([]);
  });

  it('sends binocular vision to vision therapy, then general optometry', () => {
    const binocular = BINOCULAR_LOW_VISION.filter((c) => c.preferred[0] === 'vision-therapy');
    expect(binocular.length).toBeGreaterThanOrEqual(3);
    expect(binocular.every((c) => c.fallback[0] === 'optometry')).toBe(true);
  });

  it('marks the emergencies urgent', () => {
    const urgent = new Set(CONDITIONS.filter((c) => c.urgent).map((c) => c.id));
    const emergencies = ['retinal-detachment', 'retinal-artery-occlusion', 'acute-angle-closure'];
    emergencies.push('corneal-ulcer', 'chemical-injury', 'papilledema', 'giant-cell-arteritis');
    emergencies.push('third-nerve-palsy', 'pediatric-cataract-leukocoria', 'endophthalmitis');
    emergencies.push('stroke-tia', 'open-globe', 'orbital-cellulitis');
    expect(emergencies.filter((id) => !urgent.has(id))).toEqual([]);
  });
});

describe('condition catalog: ICD-10-CM codes (../shared/data, FY2018 categories)', () => {
  if (!existsSync(CATEGORIES))
    throw new Error(`missing ${CATEGORIES.pathname}: ../shared must sit beside the checkout`);
  const headers = new Set(
    readFileSync(CATEGORIES, 'utf8')
      .split('\n')
      .map((line) => line.split(',')[0] ?? '')
      .filter(Boolean),
  );

  it('writes codes as dotted ICD-10-CM prefixes', () => {
    expect(allCodes.filter((c) => !/^[A-Z]\d{2}(\.[0-9A-Z]{1,4})?$/.test(c))).toEqual([]);
  });

  it('never lists a prefix twice', () => {
    expect(allCodes.filter((c, i) => allCodes.indexOf(c) !== i)).toEqual([]);
  });

  it('names only real categories, or a billable code under a real subcategory', () => {
    const unknown = allCodes.filter((code) => {
      const plain = undotted(code);
      if (headers.has(plain)) return false;
      return !(BILLABLE_LEAVES.has(code) && headers.has(plain.slice(0, -1)));
    });
    expect(unknown).toEqual([]);
  });

  it('keeps the billable-leaf list honest (each one used, none a header)', () => {
    expect([...BILLABLE_LEAVES].filter((c) => !allCodes.includes(c))).toEqual([]);
    expect([...BILLABLE_LEAVES].filter((c) => headers.has(undotted(c)))).toEqual([]);
  });

  it('maps every eye and adnexa category (H00–H59)', () => {
    const eye = [...headers].filter((c) => /^H[0-5]\d$/.test(c));
    expect(eye.length).toBeGreaterThan(30);
    expect(eye.filter((c) => !conditionOfCode(c))).toEqual([]);
  });

  it('maps everything the former rule table mapped', () => {
    expect(FORMER_CODE_PREFIXES.filter((p) => !conditionOfCode(p))).toEqual([]);
  });

  it('lets the longest prefix decide', () => {
    const at = (code: string) => conditionOfCode(code)?.id;
    expect(at('E11.3293')).toBe('npdr');
    expect(at('E11.3513')).toBe('pdr');
    expect(at('E11.311')).toBe('diabetic-macular-edema');
    expect(at('E11.9')).toBe('diabetes');
    expect(at('E11.36')).toBe('cataract');
    expect(at('H35.3112')).toBe('dry-amd');
    expect(at('H35.3211')).toBe('wet-amd');
    expect(at('H34.12')).toBe('retinal-artery-occlusion');
    expect(at('H34.8110')).toBe('crvo');
    expect(at('H34.8310')).toBe('brvo');
    expect(at('H40.1131')).toBe('poag');
    expect(at('H40.2211')).toBe('narrow-angles');
    expect(at('H40.2111')).toBe('acute-angle-closure');
    expect(at('H04.123')).toBe('dry-eye');
    expect(at('H04.553')).toBe('nasolacrimal-duct-obstruction');
    expect(at('H04.533')).toBe('infant-nasolacrimal-obstruction');
    expect(at('C44.1121')).toBe('eyelid-lesion');
    expect(at('C44.311')).toBe('skin-cancer');
    expect(at('H51.11')).toBe('convergence-insufficiency');
    expect(at('H53.2')).toBe('diplopia');
    expect(at('H26.9')).toBe('cataract');
    expect(at('H26.001')).toBe('pediatric-cataract');
    expect(at('H44.53')).toBe('pediatric-cataract-leukocoria');
  });
});

describe('condition catalog: phrases', () => {
  it('writes each phrase all upper case (abbreviation) or all lower case, trimmed', () => {
    const bad = allPhrases.filter(
      (p) => p !== p.trim() || /\s{2,}/.test(p) || (!isUpper(p) && !isLower(p)),
    );
    expect(bad).toEqual([]);
  });

  it('keeps upper-case abbreviations to one word unless known multi-word', () => {
    const bad = allPhrases.filter(
      (p) => isUpper(p) && p.includes(' ') && !MULTI_WORD_ABBREVIATIONS.has(p),
    );
    expect(bad).toEqual([]);
  });

  it('has no lower-case phrase shorter than 4 characters', () => {
    expect(allPhrases.filter((p) => isLower(p) && p.length < 4)).toEqual([]);
  });

  it('never lists the same words twice (case, hyphens, diacritics and possessives aside)', () => {
    const seen = allPhrases.map(wordsOf);
    expect(seen.filter((p, i) => seen.indexOf(p) !== i)).toEqual([]);
  });

  it('leaves specialty names ("neurology", "PCP") to specialty-names.ts', () => {
    const isName = (n: string) => /olog|PCP|ENT|primary care|specialist/.test(n);
    const names = new Set(specialtyNames.flat().filter(isName).map(wordsOf));
    expect(allPhrases.filter((p) => names.has(wordsOf(p)))).toEqual([]);
  });

  it('lists no plural of another phrase (the matcher adds plurals itself)', () => {
    const lower = new Set(allPhrases.filter(isLower));
    const plurals = [...lower].filter(
      (p) =>
        (p.endsWith('s') && lower.has(p.slice(0, -1))) ||
        (p.endsWith('es') && lower.has(p.slice(0, -2))),
    );
    expect(plurals).toEqual([]);
  });

  it('has no two conditions one typo apart, bar pairs of catalog words (never read as typos)', () => {
    const known = new Set(['ectropion|entropion', 'esotropia|exotropia']);
    const lower = CONDITIONS.flatMap((c) =>
      c.phrases.filter(isLower).map((phrase) => ({ id: c.id, phrase })),
    );
    const pairs = new Set<string>();
    for (const a of lower)
      for (const b of lower)
        if (a.id < b.id && confusable(a.phrase, b.phrase)) pairs.add(`${a.id}|${b.id}`);
    expect([...pairs].filter((pair) => !known.has(pair))).toEqual([]);
  });

  it('avoids phrases too vague to point at a condition', () => {
    const vague = ['eye', 'eyes', 'vision', 'pressure', 'iop', 'exam', 'lesion', 'pain', 'blurry'];
    expect(allPhrases.filter((p) => vague.includes(p.toLowerCase()))).toEqual([]);
  });

  it('still recognises, with the specialty names, what the former keyword rules did', () => {
    const names = specialtyNames.flat();
    const known = new Set([...allPhrases, ...names].map(wordsOf));
    expect(FORMER_PHRASES.filter((p) => !known.has(wordsOf(p)))).toEqual([]);
  });
});
