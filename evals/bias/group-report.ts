import { statusOf } from '../core/metrics.js';
import type { Histogram, MetricValue, Table } from '../core/suite.js';
import type { DirectoryRun } from './audit-runs.js';
import { adverseStatement } from './causes.js';
import { FOUR_FIFTHS, lowestRatio } from './four-fifths.js';
import { GROUP_TABLE_COLUMNS, groupFigures, groupTableRows } from './group-outcomes.js';
import { GROUP_ATTRIBUTES, type GroupAttribute } from './referral-outcome.js';

const TITLES: Record<GroupAttribute, string> = {
  'payer-type': 'Group outcomes by payer type',
  language: 'Group outcomes by language',
  'age-band': 'Group outcomes by age band',
  'urban-rural': 'Group outcomes by urban / rural',
};

export interface GroupReport {
  metrics: MetricValue[];
  tables: Table[];
  histograms: Histogram[];
  /** One plain statement per adverse group outcome, with its likely cause. */
  statements: string[];
}

/** Per attribute a table over the directories; per directory and attribute a four-fifths metric. */
export function groupReport(runs: readonly DirectoryRun[], seed: number): GroupReport {
  const report: GroupReport = { metrics: [], tables: [], histograms: [], statements: [] };
  GROUP_ATTRIBUTES.forEach((attribute, a) => {
    const rows: Table['rows'] = [];
    runs.forEach((run, d) => {
      const figures = groupFigures(run.outcomes, attribute, seed + 1000 * (a + 1) + 100 * d);
      rows.push(...groupTableRows(run.directory.label, figures));
      const spec = {
        id: `four-fifths.${run.directory.name}.${attribute}`,
        label: `Lowest four-fifths ratio by ${attribute} (${run.directory.label})`,
        better: 'higher' as const,
        unit: 'ratio' as const,
        threshold: { min: FOUR_FIFTHS },
      };
      const value = lowestRatio(figures);
      report.metrics.push({
        ...spec,
        value,
        n: run.outcomes.length,
        status: statusOf(value, spec),
      });
      figures.forEach((figure, f) => {
        if (!figure.adverse) return;
        report.statements.push(
          adverseStatement({
            seed: seed + 7 * f,
            directoryLabel: run.directory.label,
            attribute,
            figure,
            figures,
          }),
        );
      });
    });
    report.tables.push({ title: TITLES[attribute], columns: GROUP_TABLE_COLUMNS, rows });
  });
  for (const run of runs) {
    for (const place of ['urban', 'rural']) {
      report.histograms.push({
        title: `Distance to the first option, ${place} patients (${run.directory.label})`,
        unit: 'miles',
        values: run.outcomes.flatMap((o) =>
          o.groups['urban-rural'] === place && o.firstMiles !== null ? [o.firstMiles] : [],
        ),
      });
    }
  }
  return report;
}
