import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { ConsultDocumentKind, LoopEventType } from '../../src/domain/index.js';

export const LOOP_LABELS_URL = new URL('../datasets/loop-closure-labels.jsonl', import.meta.url);

/** A loop event a sample should cause, or `none` when it reports nothing a referral acts on. */
export const ExpectedEvent = z.union([LoopEventType, z.literal('none')]);
export type ExpectedEvent = z.infer<typeof ExpectedEvent>;

/**
 * One public sample, labelled by reading it: its path under the data root, the loop event it
 * should cause, and for a C-CDA document its kind and which of the author, the encounter date
 * and an assessment or plan it carries (fragments, not documents, have neither).
 */
export const LoopLabel = z.discriminatedUnion('format', [
  z.object({
    path: z.string().min(1),
    format: z.literal('hl7v2'),
    expected: ExpectedEvent,
    why: z.string().min(1),
  }),
  z.object({
    path: z.string().min(1),
    format: z.literal('ccda'),
    expected: ExpectedEvent,
    documentKind: ConsultDocumentKind.optional(),
    extract: z
      .object({ author: z.boolean(), encounterDate: z.boolean(), assessmentPlan: z.boolean() })
      .optional(),
    why: z.string().min(1),
  }),
]);
export type LoopLabel = z.infer<typeof LoopLabel>;

export function loadLoopLabels(url: URL = LOOP_LABELS_URL): {
  labels: LoopLabel[];
  version: string;
} {
  const text = readFileSync(url, 'utf8');
  const labels = text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line, i) => {
      const parsed = LoopLabel.safeParse(JSON.parse(line));
      if (!parsed.success) throw new Error(`label on line ${i + 1}: ${parsed.error.message}`);
      return parsed.data;
    });
  return { labels, version: createHash('sha256').update(text).digest('hex').slice(0, 12) };
}
