import { meanMetric, rateMetric } from '../core/metrics.js';
import type { CaseFailure, MetricValue, Table } from '../core/suite.js';
import type { DirectoryRun, PairResult } from './audit-runs.js';
import { ATTRIBUTES, type Attribute, GATED_ATTRIBUTES } from './counterfactuals.js';

export const IDENTICAL_GATE = 0.99;
export const TAU_THRESHOLD = 0.95;

const LABELS: Record<Attribute, string> = {
  sex: 'sex',
  'race-ethnicity': 'race and ethnicity',
  'age-band': 'age band (where not clinically relevant)',
  'payer-type': 'payer type (plans with the same networks)',
  language: 'language (matching it is intended)',
};

const isGated = (a: Attribute) => (GATED_ATTRIBUTES as readonly string[]).includes(a);

/** Per attribute, over every directory: identical top-k share (gated) and mean Kendall tau. */
export function invarianceMetrics(pairs: readonly PairResult[], seed: number): MetricValue[] {
  return ATTRIBUTES.flatMap((attribute, i) => {
    const mine = pairs.filter((p) => p.attribute === attribute);
    const gated = isGated(attribute);
    const identical = rateMetric(
      {
        id: `invariance.${attribute}.identical-top3`,
        label: `Identical top-3 when only ${LABELS[attribute]} changes`,
        better: 'higher',
        unit: 'ratio',
        ...(gated ? { gate: { min: IDENTICAL_GATE } } : {}),
      },
      mine.map((p) => p.comparison.identical),
      seed + 10 * i,
    );
    const tau = meanMetric(
      {
        id: `invariance.${attribute}.kendall-tau`,
        label: `Mean Kendall tau-b of the top-3 lists when only ${LABELS[attribute]} changes`,
        better: 'higher',
        unit: 'score',
        ...(gated ? { threshold: { min: TAU_THRESHOLD } } : {}),
      },
      mine.map((p) => p.comparison.tau),
      seed + 10 * i + 1,
    );
    return [identical, tau];
  });
}

const round = (x: number) => Math.round(x * 1000) / 1000;

export function invarianceTable(runs: readonly DirectoryRun[]): Table {
  const rows: Table['rows'] = [];
  for (const run of runs) {
    for (const attribute of ATTRIBUTES) {
      const mine = run.pairs.filter((p) => p.attribute === attribute);
      const skipped = new Map<string, number>();
      for (const s of run.skips.filter((s) => s.attribute === attribute)) {
        skipped.set(s.reason, (skipped.get(s.reason) ?? 0) + 1);
      }
      const identical = mine.filter((p) => p.comparison.identical).length;
      const taus = mine.map((p) => p.comparison.tau);
      rows.push([
        run.directory.label,
        LABELS[attribute],
        mine.length,
        identical,
        mine.length === 0 ? null : round(identical / mine.length),
        taus.length === 0 ? null : round(taus.reduce((a, b) => a + b, 0) / taus.length),
        taus.length === 0 ? null : round(Math.min(...taus)),
        [...skipped.entries()].map(([reason, n]) => `${reason}: ${n}`).join('; '),
      ]);
    }
  }
  return {
    title: 'Counterfactual invariance: one attribute changed, the rest of the referral kept',
    columns: [
      'directory',
      'attribute',
      'pairs',
      'identical top-3',
      'identical share',
      'mean Kendall tau-b',
      'lowest tau',
      'referrals not varied (why)',
    ],
    rows,
  };
}

/** The first ~50 pairs whose list changed with an attribute the matcher must ignore. */
export function invarianceFailures(pairs: readonly PairResult[], limit = 50): CaseFailure[] {
  return pairs
    .filter((p) => isGated(p.attribute) && !p.comparison.identical)
    .slice(0, limit)
    .map((p) => ({
      caseId: p.caseId,
      problem:
        `${p.attribute} ${p.change}: ${p.base.status} [${p.base.ids.join(', ')}] → ` +
        `${p.variant.status} [${p.variant.ids.join(', ')}] (tau ${round(p.comparison.tau)})`,
    }));
}
