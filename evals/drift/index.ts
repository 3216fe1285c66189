export { directoryShift } from './directory-shift.js';
export { driftTaskKey } from './drift-task.js';
export { psiNoiseFloor, rateNoiseFloor } from './noise-floor.js';
export { binCounts, type Counts, psi } from './psi.js';
export { distributionShift, rateShift, recommendationDrift } from './recommendation-drift.js';
export { type DriftCheck, type DriftCheckOptions, runDriftCheck } from './run-drift-check.js';
export { DriftThresholds, type DriftThresholdsInput } from './thresholds.js';
export type { DriftSources, WindowRecords } from './window-records.js';
