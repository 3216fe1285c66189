import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ageRelevance, statedAge, statedSex } from './clinical-age.js';
import { planSwapOf, variantsOf } from './counterfactuals.js';
import { type DevReferral, loadReferableCases } from './dev-cases.js';
import { type AuditPlan, loadGenerated, payerTypeOf } from './directories.js';
import { AUDIT_DAY, birthDateFor, buildPopulation } from './population.js';
import { loadZctaMap } from './urbanicity.js';

const DATA_ROOT = fileURLToPath(new URL('../../../shared/data', import.meta.url));

const devCase = (reason: string, over: Partial<DevReferral> = {}): DevReferral => ({
  id: 'x-001',
  reason,
  diagnosisCodes: [],
  requested: null,
  expected: { preferred: ['glaucoma'] },
  urgent: false,
  none: false,
  tags: ['area:glaucoma'],
  ...over,
});

describe('when age is clinically relevant', () => {
  it('keeps amblyopia or strabismus in a child, a stated age and GCA out of the age counterfactual', () => {
    const amblyopia = devCase('ambylopia OS strabismic, 4 y/o', {
      expected: { preferred: ['pediatric-ophthalmology'] },
      tags: ['area:pediatric'],
    });
    expect(ageRelevance(amblyopia, 4)).toBe('pediatric');
    expect(ageRelevance(devCase('Nystagmus, poor fixation in an infant'), 1)).toBe('pediatric');
    expect(ageRelevance(devCase('Ischemic optic neuropathy OS, 58 y/o, ESR/CRP normal.'), 58)).toBe(
      'age stated in the reason',
    );
    expect(ageRelevance(devCase('r/o GCA - PMR hx, new diplopia and temporal headache'), 74)).toBe(
      'age-defined condition',
    );
  });

  it('varies the age of an adult whose condition does not rest on it', () => {
    expect(ageRelevance(devCase('POAG progressing on two drops, IOP 26 OU'), 52)).toBeNull();
    expect(ageRelevance(devCase('POAG progressing on two drops, IOP 26 OU'), 15)).toBe('pediatric');
  });

  it('reads the stated age and sex', () => {
    expect(statedAge('papiledema OU, 24 y/o F, transient obscurations')).toBe(24);
    expect(statedAge('Pt 78 with jaw claudication')).toBe(78);
    expect(statedAge('8 wk infant: white pupil OD')).toBe(0);
    expect(statedAge('CSR OD x 3 mo, not resolving')).toBeNull();
    expect(statedSex('papiledema OU, 24 y/o F')).toBe('female');
    expect(statedSex('Please manage her blood sugar')).toBe('female');
    expect(statedSex('POAG OU')).toBeNull();
  });

  it('gives a birth date of exactly the age on the audit day', () => {
    expect(birthDateFor(45, 1)).toBe('1981-05-31');
    expect(birthDateFor(45, 360)).toBe('1980-06-06');
    expect(AUDIT_DAY).toBe('2026-06-01');
  });
});

describe('payer counterfactuals', () => {
  const plan = (id: string, name: string, networkIds: string[]): AuditPlan => ({
    id,
    name,
    ownerName: 'Acme',
    networkIds,
    payerType: payerTypeOf({ id, name }),
  });
  const ppo = plan('ppo', 'Acme Bronze PPO Plan', ['n1']);
  const gold = plan('gold', 'Acme Gold PPO Plan', ['n1']);
  const advantage = plan('ma', 'Acme Medicare Advantage H1234', ['n1']);
  const other = plan('other', 'Acme Silver PPO Plan', ['n1', 'n2']);

  it('swaps only to a plan paying in the same networks, another payer type first', () => {
    expect(advantage.payerType).toBe('medicare-advantage');
    expect(planSwapOf(ppo, [ppo, gold, advantage, other])?.id).toBe('ma');
    expect(planSwapOf(ppo, [ppo, gold, other])?.id).toBe('gold');
    expect(planSwapOf(other, [ppo, gold, advantage, other])).toBeNull();
  });
});

describe('the population', () => {
  const directory = loadGenerated();
  const { cases } = loadReferableCases();
  const zcta = loadZctaMap(DATA_ROOT);
  const build = (seed: number) => buildPopulation({ cases, directory, zcta, seed, size: 40 });

  it('is the same for the same seed and differs for another', () => {
    expect(build(3)).toEqual(build(3));
    expect(build(4).map((s) => s.patient.location)).not.toEqual(
      build(3).map((s) => s.patient.location),
    );
  });

  it('varies one attribute at a time and skips the age of the age-relevant cases', () => {
    for (const subject of build(3)) {
      const { variants, skips } = variantsOf(subject, directory.plans);
      for (const v of variants) {
        const changed = [
          v.record.patient.sex !== subject.patient.sex,
          v.record.race !== subject.race || v.record.ethnicity !== subject.ethnicity,
          v.record.patient.birthDate !== subject.patient.birthDate,
          v.record.coverage.planId !== subject.plan.id,
          v.record.patient.language !== subject.patient.language,
        ];
        expect(changed.filter(Boolean), `${subject.id} ${v.change}`).toHaveLength(1);
        if (v.attribute === 'payer-type') {
          expect([...v.record.network.networkIds].sort()).toEqual(
            [...subject.plan.networkIds].sort(),
          );
        }
      }
      const aged = variants.some((v) => v.attribute === 'age-band');
      expect(aged).toBe(subject.ageRelevance === null);
      expect(skips.some((s) => s.attribute === 'age-band')).toBe(!aged);
    }
  });
});
