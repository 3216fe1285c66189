/** ICD-10-CM prefix → our specialty key; the longest matching prefix wins. */
const CODE_RULES: ReadonlyArray<readonly [prefix: string, specialty: string]> = [
  ['E08.3', 'retina'],
  ['E09.3', 'retina'],
  ['E10.3', 'retina'],
  ['E11.3', 'retina'],
  ['E13.3', 'retina'],
  ['H00', 'oculoplastics'],
  ['H01', 'oculoplastics'],
  ['H02', 'oculoplastics'],
  ['H04', 'oculoplastics'],
  ['H05', 'oculoplastics'],
  ['H10', 'cornea'],
  ['H11', 'cornea'],
  ['H15', 'uveitis'],
  ['H16', 'cornea'],
  ['H17', 'cornea'],
  ['H18', 'cornea'],
  ['H20', 'uveitis'],
  ['H21', 'glaucoma'],
  ['H25', 'cataract'],
  ['H26', 'cataract'],
  ['H27', 'cataract'],
  ['H30', 'uveitis'],
  ['H31', 'retina'],
  ['H32', 'retina'],
  ['H33', 'retina'],
  ['H34', 'retina'],
  ['H35', 'retina'],
  ['H35.5', 'retina'],
  ['H40', 'glaucoma'],
  ['H42', 'glaucoma'],
  ['H43', 'retina'],
  ['H44', 'retina'],
  ['H46', 'neuro-ophthalmology'],
  ['H47', 'neuro-ophthalmology'],
  ['H49', 'neuro-ophthalmology'],
  ['H50', 'pediatric-ophthalmology'],
  ['H51', 'neuro-ophthalmology'],
  ['H53.4', 'neuro-ophthalmology'],
  ['H53.0', 'pediatric-ophthalmology'],
  ['Q12', 'pediatric-ophthalmology'],
  ['Q13', 'cornea'],
  ['Q15.0', 'glaucoma'],
];

/** Free-text names a provider may type in the specialty field, or use in the reason. */
const SYNONYMS: ReadonlyArray<readonly [pattern: RegExp, specialty: string]> = [
  [/\b(retina|retinal|macula|macular|amd|vitreo|diabetic retinopathy)\b/i, 'retina'],
  [/\bglaucoma\b/i, 'glaucoma'],
  [/\b(cornea|corneal|keratoconus|keratitis|pterygium)\b/i, 'cornea'],
  [/\bcataract\b/i, 'cataract'],
  [/\b(oculoplastic|oculoplastics|ptosis|eyelid|orbit|lacrimal)\b/i, 'oculoplastics'],
  [
    /\b(neuro[- ]?ophthalmology|optic neuritis|papilledema|visual field defect)\b/i,
    'neuro-ophthalmology',
  ],
  [/\b(pediatric|paediatric|strabismus|amblyopia)\b/i, 'pediatric-ophthalmology'],
  [/\b(uveitis|iritis|scleritis)\b/i, 'uveitis'],
  [/\b(general )?ophthalmolog(y|ist)\b/i, 'general-ophthalmology'],
];

export const FALLBACK_SPECIALTY = 'general-ophthalmology';

export interface SpecialtyInference {
  specialty: string;
  source: 'requested' | 'diagnosis' | 'reason' | 'fallback';
  /** The code or phrase that decided it (no PHI: a code, or the matched keyword). */
  evidence: string;
}

function fromCode(code: string): string | undefined {
  const normal =
    code.includes('.') || code.length <= 3 ? code : `${code.slice(0, 3)}.${code.slice(3)}`;
  let best: readonly [string, string] | undefined;
  for (const rule of CODE_RULES) {
    if (normal.startsWith(rule[0]) && (!best || rule[0].length > best[0].length)) best = rule;
  }
  return best?.[1];
}

function fromText(text: string): { specialty: string; keyword: string } | undefined {
  for (const [pattern, specialty] of SYNONYMS) {
    const m = pattern.exec(text);
    if (m) return { specialty, keyword: m[0].toLowerCase() };
  }
  return undefined;
}

/** Which subspecialty a referral needs: the requested one, else its first mappable code, else its reason. */
export function inferSpecialty(input: {
  requested?: string | undefined;
  diagnosisCodes: readonly string[];
  reason: string;
}): SpecialtyInference {
  if (input.requested) {
    const named = fromText(input.requested);
    if (named) return { specialty: named.specialty, source: 'requested', evidence: named.keyword };
  }
  for (const code of input.diagnosisCodes) {
    const specialty = fromCode(code.toUpperCase());
    if (specialty) return { specialty, source: 'diagnosis', evidence: code };
  }
  const fromReason = fromText(input.reason);
  if (fromReason)
    return { specialty: fromReason.specialty, source: 'reason', evidence: fromReason.keyword };
  return { specialty: FALLBACK_SPECIALTY, source: 'fallback', evidence: 'none' };
}
