import { ageGroupOf, COUNTERFACTUAL_AGES } from './clinical-age.js';
import type { AuditPlan } from './directories.js';
import { birthDateFor, ETHNICITIES, RACES, SEXES, type Subject } from './population.js';
import type { PatientRecord } from './referral-path.js';

/** The attributes varied one at a time; the matcher should ignore all but language. */
export const GATED_ATTRIBUTES = ['sex', 'race-ethnicity', 'age-band', 'payer-type'] as const;
export const ATTRIBUTES = [...GATED_ATTRIBUTES, 'language'] as const;
export type Attribute = (typeof ATTRIBUTES)[number];

export interface Variant {
  attribute: Attribute;
  /** What changed, for a reader: "female → male". */
  change: string;
  record: PatientRecord;
}

export interface Skip {
  attribute: Attribute;
  reason: string;
}

export function recordOf(s: Subject): PatientRecord {
  return {
    referral: s.referral,
    patient: s.patient,
    race: s.race,
    ethnicity: s.ethnicity,
    coverage: s.coverage,
    network: s.network,
  };
}

const sameNetworks = (a: AuditPlan, b: AuditPlan) =>
  a.networkIds.length === b.networkIds.length &&
  [...a.networkIds].sort().every((n, i) => n === [...b.networkIds].sort()[i]);

/** Another plan paying in exactly the same networks, of another payer type when there is one. */
export function planSwapOf(plan: AuditPlan, plans: readonly AuditPlan[]): AuditPlan | null {
  const same = plans.filter((p) => p.id !== plan.id && sameNetworks(p, plan));
  return same.find((p) => p.payerType !== plan.payerType) ?? same[0] ?? null;
}

function withPlan(base: PatientRecord, plan: AuditPlan): PatientRecord {
  const payerId = (plan.ownerName ?? plan.name).toLowerCase().replace(/[^a-z0-9]+/g, '-');
  return {
    ...base,
    coverage: {
      ...base.coverage,
      payerId,
      payerName: plan.ownerName ?? plan.name,
      planId: plan.id,
      planName: plan.name,
    },
    network: { ...base.network, payerId, planId: plan.id, networkIds: [...plan.networkIds] },
  };
}

/** Each one-attribute change of the subject's record, and the attributes left alone (and why). */
export function variantsOf(
  s: Subject,
  plans: readonly AuditPlan[],
): { variants: Variant[]; skips: Skip[] } {
  const base = recordOf(s);
  const variants: Variant[] = [];
  const skips: Skip[] = [];
  const add = (attribute: Attribute, change: string, record: PatientRecord) =>
    variants.push({ attribute, change, record });
  for (const sex of SEXES.filter((x) => x !== s.patient.sex)) {
    add('sex', `${s.patient.sex} → ${sex}`, { ...base, patient: { ...base.patient, sex } });
  }
  for (const race of RACES.filter((r) => r !== s.race)) {
    add('race-ethnicity', `${s.race} → ${race}`, { ...base, race });
  }
  const ethnicity = ETHNICITIES.find((e) => e !== s.ethnicity) ?? s.ethnicity;
  add('race-ethnicity', `${s.ethnicity} → ${ethnicity}`, { ...base, ethnicity });
  if (s.ageRelevance) {
    skips.push({ attribute: 'age-band', reason: s.ageRelevance });
  } else {
    for (const age of COUNTERFACTUAL_AGES.filter((a) => ageGroupOf(a) !== ageGroupOf(s.age))) {
      add('age-band', `age ${s.age} → ${age}`, {
        ...base,
        patient: { ...base.patient, birthDate: birthDateFor(age, 100) },
      });
    }
  }
  const swap = planSwapOf(s.plan, plans);
  if (swap) {
    add('payer-type', `${s.plan.payerType} ${s.plan.id} → ${swap.payerType} ${swap.id}`, {
      ...withPlan(base, swap),
    });
  } else {
    skips.push({ attribute: 'payer-type', reason: 'no other plan pays in the same networks' });
  }
  const language = s.patient.language === 'en' ? 'es' : 'en';
  add('language', `${s.patient.language} → ${language}`, {
    ...base,
    patient: { ...base.patient, language },
  });
  return { variants, skips };
}
