import type {
  PlannedSpecialty,
  SpecialtyInference,
  SpecialtyTier,
} from '../../src/domain/index.js';
import {
  isSpecialtyKey,
  type SpecialtyKey,
  specialtyMatch,
  specialtyOfTaxonomy,
} from './catalog.js';
import type { ConditionArea } from './conditions/condition.js';
import { type ConditionHit, findConditions, type NamedSpecialty } from './find-conditions.js';
import { EYE_SPECIALTIES, SPECIALTY_FALLBACK } from './specialty-names.js';

const TAXONOMY_CODE = /^[0-9A-Z]{9}X$/;
const areaOf = (key: SpecialtyKey): ConditionArea =>
  EYE_SPECIALTIES.has(key) ? 'eye' : 'systemic';

/** Collects plan entries in order; a specialty keeps its first (best) place. */
class PlanBuilder {
  readonly entries: PlannedSpecialty[] = [];
  add(key: SpecialtyKey, tier: SpecialtyTier, condition: string, evidence: string): void {
    if (this.entries.some((e) => e.key === key)) return;
    this.entries.push({ ...specialtyMatch(key), tier, condition, evidence });
  }
  addRaw(entry: PlannedSpecialty): void {
    if (!this.entries.some((e) => e.key === entry.key)) this.entries.push(entry);
  }
  /** Preferred first; within a tier, the order of adding. */
  ordered(): PlannedSpecialty[] {
    return [
      ...this.entries.filter((e) => e.tier === 'preferred'),
      ...this.entries.filter((e) => e.tier === 'fallback'),
    ];
  }
}

/** A plan from chosen specialties (the model's), each with its default fallbacks. */
export function planOf(
  keys: readonly SpecialtyKey[],
  condition: string,
  evidence: string,
): PlannedSpecialty[] {
  const plan = new PlanBuilder();
  for (const key of keys) plan.add(key, 'preferred', condition, evidence);
  for (const key of keys)
    for (const f of SPECIALTY_FALLBACK[key] ?? []) plan.add(f, 'fallback', condition, evidence);
  return plan.ordered();
}

/** The plan for a specialty a coordinator chose: it leads, with its usual fallbacks. */
export function chosenSpecialty(
  key: SpecialtyKey,
  urgentCondition: string | null,
): SpecialtyInference {
  return {
    specialties: planOf([key], '', 'coordinator'),
    confidence: 'high',
    source: 'coordinator',
    evidence: `chosen by a coordinator: ${key}`,
    urgentCondition,
  };
}

/** The requested specialty (a NUCC code, a key, or a name), as a named specialty or a raw code. */
function requestedSpecialty(
  requested: string,
): { key: SpecialtyKey } | { taxonomy: string } | null {
  const value = requested.trim();
  if (TAXONOMY_CODE.test(value)) {
    const key = specialtyOfTaxonomy(value);
    return key ? { key } : { taxonomy: value };
  }
  const lower = value.toLowerCase();
  if (isSpecialtyKey(lower)) return { key: lower };
  const named = findConditions({ diagnosisCodes: [], reason: `refer to ${value}` }).named[0];
  return named ? { key: named.key } : null;
}

/**
 * Which area the referral is about: the one the provider named, else the eye when an eye condition
 * needs same-day care, else the one the reason asks to be seen to, else the one the reason describes (the eye when it mentions both), else the codes'
 * (the eye when any is an eye code).
 */
function leadArea(
  named: readonly NamedSpecialty[],
  conditions: readonly Found[],
): ConditionArea | null {
  const first = named[0];
  if (first) return areaOf(first.key);
  if (conditions.some((c) => c.condition.area === 'eye' && c.condition.urgent && !c.past))
    return 'eye';
  const asked = conditions.find((c) => c.requested);
  if (asked) return asked.condition.area;
  const inReason = conditions.filter((c) => c.inReason);
  const pool = inReason.length > 0 ? inReason : conditions;
  if (pool.length === 0) return null;
  return pool.some((c) => c.condition.area === 'eye') ? 'eye' : 'systemic';
}

/** A condition of the referral, its hits merged: codes and phrases that showed it. */
interface Found {
  condition: ConditionHit['condition'];
  evidence: string;
  fromCode: boolean;
  inReason: boolean;
  requested: boolean;
  /** Every mention in the reason is of the past. */
  past: boolean;
}

function merge(hits: readonly ConditionHit[]): Found[] {
  const found = new Map<string, Found>();
  for (const h of hits) {
    const f = found.get(h.condition.id);
    if (!f) {
      found.set(h.condition.id, {
        condition: h.condition,
        evidence: h.evidence,
        fromCode: h.via === 'code',
        inReason: h.via === 'reason',
        requested: h.requested,
        past: h.via === 'reason' && h.past,
      });
      continue;
    }
    f.fromCode ||= h.via === 'code';
    f.requested ||= h.requested;
    if (h.via === 'reason') f.past = (f.inReason ? f.past : true) && h.past;
    f.inReason ||= h.via === 'reason';
  }
  return [...found.values()];
}

/** The condition the referral is for: asked for, else urgent, else the first code, else the first phrase. */
function primaryOf(lead: readonly Found[]): Found | undefined {
  return (
    lead.find((c) => c.requested) ??
    lead.find((c) => c.condition.urgent && !c.past) ??
    lead.find((c) => c.fromCode) ??
    lead[0]
  );
}

/**
 * A referral's specialty plan. The requested specialty and those the reason names lead; then the
 * preferred specialists of every condition of the referral's area (the eye, unless the provider
 * says otherwise), codes in the order given, then the reason's. The fallback tier holds those
 * conditions' acceptable fallbacks, then the other area's conditions, so a systemic code never
 * displaces an eye code's specialist but still enters the plan. Unmapped input gives an empty
 * plan (confidence `none`) rather than a guess.
 */
export function inferSpecialty(input: {
  requested?: string | undefined;
  diagnosisCodes: readonly string[];
  reason: string;
}): SpecialtyInference {
  const { hits, named: inText } = findConditions(input);
  const plan = new PlanBuilder();
  const requested = input.requested ? requestedSpecialty(input.requested) : null;
  const named: NamedSpecialty[] = [...inText];
  const requestedLabel = input.requested?.trim().slice(0, 40) ?? '';
  if (requested && 'taxonomy' in requested) {
    plan.addRaw({
      key: requested.taxonomy,
      label: `Taxonomy ${requested.taxonomy}`,
      taxonomies: [requested.taxonomy],
      tier: 'preferred',
      condition: 'requested by the provider',
      evidence: requestedLabel,
    });
  } else if (requested) {
    named.unshift({ key: requested.key, evidence: requestedLabel, position: -1 });
  }
  for (const n of named) plan.add(n.key, 'preferred', 'named by the provider', n.evidence);

  const conditions = merge(hits);
  const area = leadArea(named, conditions);
  const lead = conditions.filter((c) => c.condition.area === area);
  const primary = named.length > 0 ? undefined : primaryOf(lead);
  if (primary) {
    for (const key of primary.condition.preferred) {
      plan.add(key, 'preferred', primary.condition.label, primary.evidence);
    }
  }
  for (const n of named) {
    for (const key of SPECIALTY_FALLBACK[n.key] ?? [])
      plan.add(key, 'fallback', 'named by the provider', n.evidence);
  }
  const rest = [
    ...lead.filter((c) => c !== primary),
    ...conditions.filter((c) => c.condition.area !== area),
  ];
  for (const c of [...(primary ? [primary] : []), ...rest]) {
    const keys =
      c === primary ? c.condition.fallback : [...c.condition.preferred, ...c.condition.fallback];
    for (const key of keys) plan.add(key, 'fallback', c.condition.label, c.evidence);
  }
  const specialties = plan.ordered();
  const urgent = conditions.find((c) => c.condition.urgent && !c.past);
  const source = requested
    ? 'requested'
    : lead.some((c) => c.fromCode)
      ? 'diagnosis'
      : specialties.length > 0
        ? 'reason'
        : 'none';
  const evidence = requested
    ? requestedLabel
    : [...named.map((n) => n.evidence), ...(primary ? [primary.evidence] : [])]
        .slice(0, 4)
        .join(', ');
  return {
    specialties,
    confidence:
      source === 'requested' || source === 'diagnosis'
        ? 'high'
        : source === 'reason'
          ? 'medium'
          : 'none',
    source,
    evidence: evidence || 'no mapped code or phrase',
    urgentCondition: urgent ? urgent.condition.label : null,
  };
}
