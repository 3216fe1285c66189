import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { ReferralStatus } from '../../src/domain/index.js';

export const MATCHING_CASES_URL = new URL(
  '../datasets/loop-closure-matching.jsonl',
  import.meta.url,
);

/** The inbound message types the generated matching cases use, with the event each reports. */
export const GeneratedType = z.enum([
  'SIU^S12',
  'SIU^S15',
  'ADT^A04',
  'ADT^A03',
  'MDM^T02',
  'ORU^R01',
  'REF^I12',
  'REF^I14',
]);
export type GeneratedType = z.infer<typeof GeneratedType>;

const Ymd = z.iso.date();

/** A referral we sent: who it is about, to whom, when, and where its loop stands. */
export const SentReferral = z.object({
  record: z.literal('referral'),
  id: z.string().min(1),
  patient: z.object({ mrn: z.string(), family: z.string(), given: z.string(), birthDate: Ymd }),
  specialistNpi: z.string().regex(/^\d{10}$/),
  sentAt: z.iso.datetime(),
  status: ReferralStatus,
});
export type SentReferral = z.infer<typeof SentReferral>;

/** What an office's message says: who it is about, our id if it echoes it, who saw them, when. */
export const InboundSpec = z.object({
  controlId: z.string().min(1),
  type: GeneratedType,
  /** Our referral id as the office echoes it (placer order number); absent when it does not. */
  placerId: z.string().optional(),
  /** The office's own appointment or order number (SCH-2, ORC-3/OBR-3): never ours. */
  officeId: z.string().optional(),
  patient: z.object({
    ids: z.array(z.string()),
    family: z.string().optional(),
    given: z.string().optional(),
    birthDate: Ymd.optional(),
  }),
  specialist: z
    .object({ npi: z.string().regex(/^\d{10}$/), family: z.string(), given: z.string() })
    .optional(),
  at: z.iso.datetime(),
});
export type InboundSpec = z.infer<typeof InboundSpec>;

/** An office's message and the referral it must be filed against (`null`: a coordinator decides). */
export const MatchingCase = z.object({
  record: z.literal('message'),
  id: z.string().min(1),
  expected: z.string().nullable(),
  why: z.string().min(1),
  message: InboundSpec,
});
export type MatchingCase = z.infer<typeof MatchingCase>;

const Line = z.discriminatedUnion('record', [SentReferral, MatchingCase]);

export interface MatchingSet {
  referrals: SentReferral[];
  cases: MatchingCase[];
  /** The first 8 hex digits of the file's SHA-256. */
  version: string;
}

/** The generated matching set: referrals and the messages offices send about them. */
export function loadMatchingSet(url: URL = MATCHING_CASES_URL): MatchingSet {
  const text = readFileSync(url, 'utf8');
  const lines = text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line, i) => {
      const parsed = Line.safeParse(JSON.parse(line));
      if (!parsed.success) throw new Error(`matching line ${i + 1}: ${parsed.error.message}`);
      return parsed.data;
    });
  return {
    referrals: lines.filter((l): l is SentReferral => l.record === 'referral'),
    cases: lines.filter((l): l is MatchingCase => l.record === 'message'),
    version: createHash('sha256').update(text).digest('hex').slice(0, 8),
  };
}
