import { statusOf } from '../core/metrics.js';
import type { Bound, MetricValue, Table } from '../core/suite.js';

/** One metric of the drift check, and the alert it raises when it is out of its gate. */
export interface Finding {
  metric: MetricValue;
  alert: string | null;
}

export interface FindingSpec {
  id: string;
  label: string;
  better: MetricValue['better'];
  unit: MetricValue['unit'];
}

/** A value to 3 decimals for alerts and tables. */
export const fmt3 = (x: number) => (Number.isFinite(x) ? x.toFixed(3) : String(x));

/**
 * A metric whose gate (when given) is the alert bound: out of it, `alert` explains why. A value
 * that cannot be judged (null, or too few records) is reported without bounds, as info.
 */
export function finding(
  spec: FindingSpec,
  value: number | null,
  n: number,
  bounds: { gate?: Bound; threshold?: Bound },
  alert: (value: number) => string,
): Finding {
  const judged = value === null ? {} : bounds;
  const status = statusOf(value, judged);
  const metric: MetricValue = { ...spec, value, n, ...judged, status };
  return { metric, alert: status === 'fail' && value !== null ? alert(value) : null };
}

/** The parts of a suite result a group of findings adds to. */
export interface FindingGroup {
  findings: Finding[];
  tables: Table[];
  notes: string[];
}
