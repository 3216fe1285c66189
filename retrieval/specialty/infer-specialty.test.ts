import { describe, expect, it } from 'vitest';
import { inferSpecialty } from './infer-specialty.js';

type Input = Parameters<typeof inferSpecialty>[0];
const plan = (input: Partial<Input>) =>
  inferSpecialty({ diagnosisCodes: [], reason: '', ...input });
const tier = (input: Partial<Input>, which: 'preferred' | 'fallback') =>
  plan(input)
    .specialties.filter((s) => s.tier === which)
    .map((s) => s.key);
const keys = (input: Partial<Input>) => plan(input).specialties.map((s) => s.key);

describe('inferSpecialty: codes in the order a busy provider enters them', () => {
  it('keeps the eye condition first when a systemic code comes first, and the systemic one in the plan', () => {
    const dr = { diagnosisCodes: ['E11.65', 'E11.3393'] };
    expect(tier(dr, 'preferred')).toEqual(['retina']);
    expect(tier(dr, 'fallback')).toEqual(
      expect.arrayContaining(['ophthalmology', 'endocrinology']),
    );
    expect(keys(dr).indexOf('ophthalmology')).toBeLessThan(keys(dr).indexOf('endocrinology'));
    expect(plan(dr)).toMatchObject({ source: 'diagnosis', confidence: 'high' });

    const ted = { diagnosisCodes: ['E05.90', 'H05.242'] };
    expect(tier(ted, 'preferred')[0]).toBe('oculoplastics');
    expect(keys(ted)).toContain('endocrinology');
    expect(tier(ted, 'preferred')).not.toContain('endocrinology');

    const scleritis = { diagnosisCodes: ['M05.79', 'H15.012'] };
    expect(tier(scleritis, 'preferred')[0]).toBe('uveitis');
    expect(keys(scleritis)).toContain('rheumatology');
  });

  it('says which condition each specialty serves and what showed it', () => {
    const entries = plan({ diagnosisCodes: ['E11.65', 'E11.3393'] }).specialties;
    const retina = entries.find((s) => s.key === 'retina');
    const endo = entries.find((s) => s.key === 'endocrinology');
    expect(retina?.evidence).toBe('E11.3393');
    expect(endo?.evidence).toBe('E11.65');
    expect(retina?.condition).not.toBe(endo?.condition);
  });

  it('accepts codes without the dot and lets the longest prefix decide', () => {
    expect(tier({ diagnosisCodes: ['H4011'] }, 'preferred')).toEqual(['glaucoma']);
    expect(tier({ diagnosisCodes: ['E11.9'] }, 'preferred')).toContain('endocrinology');
    expect(tier({ diagnosisCodes: ['E11.319'] }, 'preferred')).toEqual(['retina']);
  });

  it('leads with a systemic condition when the reason is about it', () => {
    const input = {
      diagnosisCodes: ['E11.65', 'E11.3293'],
      reason: 'A1c 11, please refer to endocrinology to manage her diabetes',
    };
    expect(tier(input, 'preferred')[0]).toBe('endocrinology');
    expect(keys(input)).toContain('retina');
  });
});

describe('inferSpecialty: fallback tiers', () => {
  it('falls back to general ophthalmology for pediatric amblyopia', () => {
    const input = { diagnosisCodes: ['H53.001'], reason: 'amblyopia OS, age 5' };
    expect(tier(input, 'preferred')[0]).toBe('pediatric-ophthalmology');
    expect(tier(input, 'fallback')).toContain('ophthalmology');
  });

  it('falls back to optometry for binocular vision', () => {
    const input = { reason: 'convergence insufficiency, asthenopia with near work' };
    expect(tier(input, 'preferred')).toContain('vision-therapy');
    expect(tier(input, 'fallback')).toContain('optometry');
  });

  it('falls back to primary care for new hypertension', () => {
    const input = {
      reason: 'BP 182/110 in clinic, hypertensive retinopathy grade 2',
      diagnosisCodes: ['I10'],
    };
    expect(keys(input)).toContain('primary-care');
  });

  it('never lists a specialty twice', () => {
    const all = keys({ diagnosisCodes: ['H35.3211', 'H40.1131', 'E11.3393', 'H34.8110'] });
    expect(new Set(all).size).toBe(all.length);
  });
});

describe('inferSpecialty: the words an optometrist writes', () => {
  it.each([
    ['nodule on the upper lid with lash loss', 'oculoplastics'],
    ['constant watery eye, probing did not help', 'oculoplastics'],
    ['vein occlusion with swelling', 'retina'],
    ['new double vision looking to the right', 'neuro-ophthalmology'],
    ['mod NPDR OU with CSME OD', 'retina'],
    ['POAG, IOP 28 OU on latanoprost', 'glaucoma'],
    ['keratoconis progressing OD', 'cornea'],
    ['r/o glaucomma, c/d .7 OU', 'glaucoma'],
  ])('"%s" → %s', (reason, key) => {
    expect(tier({ reason }, 'preferred')).toContain(key);
  });

  it('sends swollen optic nerves with positional headaches to neuro-ophthalmology, urgently', () => {
    const r = plan({ reason: 'both optic nerves swollen, headaches worse lying down' });
    expect(r.specialties[0]?.key).toBe('neuro-ophthalmology');
    expect(r.specialties.map((s) => s.key)).toContain('neurology');
    expect(r.urgentCondition).not.toBeNull();
  });

  it('ignores a negated finding', () => {
    const r = plan({ reason: 'no DME seen, mild NPDR OU, annual f/u' });
    expect(r.specialties.every((s) => s.condition.toLowerCase() !== 'diabetic macular edema')).toBe(
      true,
    );
    expect(
      plan({ reason: 'denies flashes, no papilledema, routine exam' }).urgentCondition,
    ).toBeNull();
  });

  it('does not count a specialist the patient already sees as the one asked for', () => {
    const r = plan({
      reason: 'followed by glaucoma specialist; refer to low vision for magnifiers',
    });
    expect(r.specialties[0]?.key).toBe('low-vision');
  });

  it('keeps a finding of the past from making the referral urgent', () => {
    expect(
      plan({ reason: 'CRAO OD this morning, cherry red spot' }).urgentCondition,
    ).not.toBeNull();
    expect(plan({ reason: 'old CRAO OD, stable, for low vision aids' }).urgentCondition).toBeNull();
    expect(plan({ reason: 'stroke 3 mo ago, homonymous hemianopia' }).urgentCondition).toBeNull();
  });

  it('takes a free-standing dash for a clause boundary', () => {
    const r = plan({ reason: 'no recent labs - please check lipid panel' });
    expect(r.specialties.map((s) => s.key)).toContain('primary-care');
  });

  it('returns an empty plan, not a guess, for text that names nothing', () => {
    expect(plan({ reason: 'routine exam, no findings' })).toMatchObject({
      specialties: [],
      confidence: 'none',
      source: 'none',
    });
  });
});

describe('inferSpecialty: an explicit request', () => {
  it('leads the plan, by NUCC code, key or name, with its own fallback', () => {
    const byCode = plan({ requested: '207WX0107X', diagnosisCodes: ['H40.1131'] });
    expect(byCode).toMatchObject({ source: 'requested', confidence: 'high' });
    expect(byCode.specialties[0]?.key).toBe('retina');
    expect(byCode.specialties.filter((s) => s.tier === 'fallback').map((s) => s.key)).toContain(
      'ophthalmology',
    );
    expect(plan({ requested: 'Glaucoma' }).specialties[0]?.key).toBe('glaucoma');
    expect(plan({ requested: 'rheumatologist' }).specialties[0]?.key).toBe('rheumatology');
  });

  it('takes an unknown NUCC code as asked', () => {
    const r = plan({ requested: '208600000X' });
    expect(r.specialties[0]).toMatchObject({ key: '208600000X', taxonomies: ['208600000X'] });
  });
});
