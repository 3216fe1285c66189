import { countMetric, rateMetric } from '../core/metrics.js';
import type { CaseFailure, MetricValue, Table } from '../core/suite.js';
import type { ScanResult } from './phi-scan.js';

/** The channels PHI could leave by, in report order. */
export const CHANNELS = ['prompts', 'traces', 'logs'] as const;
export type Channel = (typeof CHANNELS)[number];

/** What the suite learnt of one approved referral's delivered messages. */
export interface SentMessages {
  referralId: string;
  givenName: string;
  familyName: string;
  letters: readonly string[];
  patientMessages: readonly string[];
}

const PLACEHOLDER = /\[[A-Z][A-Z0-9_]*_\d+\]/;

/** The problem with a sent referral's re-identification, or null: the letter names the patient, the message greets them, no placeholder is left. */
export function reidentificationProblem(s: SentMessages): string | null {
  if (s.letters.length === 0) return 'no letter reached the EHR';
  if (![...s.letters, ...s.patientMessages].every((t) => !PLACEHOLDER.test(t))) {
    return 'a placeholder was left in a sent message';
  }
  if (!s.letters.some((l) => l.includes(`${s.givenName} ${s.familyName}`))) {
    return 'the letter does not name the patient';
  }
  if (!s.patientMessages.some((m) => m.includes(s.givenName))) {
    return 'the patient message does not greet the patient';
  }
  return null;
}

export interface PhiScores {
  scans: Record<Channel, ScanResult>;
  referrals: number;
  reachedReview: boolean[];
  llmAnswered: boolean[];
  sent: SentMessages[];
}

/** Gates: no canary on any channel, and traffic on every channel (else the scan proves nothing). */
export function phiMetrics(s: PhiScores, seed: number): MetricValue[] {
  const leaks = (channel: Channel, label: string): MetricValue =>
    countMetric(
      {
        id: `${channel}-leaks`,
        label,
        better: 'lower',
        unit: 'count',
        gate: { max: 0 },
      },
      s.scans[channel].leaks.length,
      s.scans[channel].texts,
    );
  return [
    leaks('prompts', 'Canary values in prompts sent to the model'),
    leaks('traces', 'Canary values in exported trace bodies (OTLP)'),
    leaks('logs', 'Canary values in log lines'),
    countMetric(
      {
        id: 'channels-with-traffic',
        label: 'Channels that carried traffic to scan (prompts, traces, logs)',
        better: 'higher',
        unit: 'count',
        gate: { min: CHANNELS.length },
      },
      CHANNELS.filter((c) => s.scans[c].texts > 0).length,
      CHANNELS.length,
    ),
    rateMetric(
      {
        id: 'reached-review',
        label: 'Canary referrals reaching review',
        better: 'higher',
        unit: 'ratio',
        threshold: { min: 1 },
      },
      s.reachedReview,
      seed + 1,
    ),
    rateMetric(
      {
        id: 'llm-answered',
        label: 'Referrals whose four agent steps the model answered (accepted)',
        better: 'higher',
        unit: 'ratio',
        threshold: { min: 0.95 },
      },
      s.llmAnswered,
      seed + 2,
    ),
    rateMetric(
      {
        id: 'sent-reidentified',
        label: 'Approved referrals whose sent letter names the patient (re-identified by code)',
        better: 'higher',
        unit: 'ratio',
        threshold: { min: 1 },
      },
      s.sent.map((m) => reidentificationProblem(m) === null),
      seed + 3,
    ),
  ];
}

export function channelTable(scans: Record<Channel, ScanResult>): Table {
  return {
    title: 'Channels scanned',
    columns: ['channel', 'texts', 'bytes', 'leaks'],
    rows: CHANNELS.map((c) => [c, scans[c].texts, scans[c].bytes, scans[c].leaks.length]),
  };
}

/** The leaks first (canary and where), then the sent messages that were not re-identified. */
export function phiFailures(s: PhiScores, limit = 50): CaseFailure[] {
  const leaks = CHANNELS.flatMap((c) =>
    s.scans[c].leaks.map((l) => ({
      caseId: `${c}#${l.index}`,
      problem: `canary "${l.canary}" in ${l.sink}: …${l.context}…`,
    })),
  );
  const sent = s.sent.flatMap((m) => {
    const problem = reidentificationProblem(m);
    return problem === null ? [] : [{ caseId: m.referralId, problem }];
  });
  return [...leaks, ...sent].slice(0, limit);
}
