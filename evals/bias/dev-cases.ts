import { readFileSync } from 'node:fs';
import { z } from 'zod';

export const DEV_SET_URL = new URL('../datasets/specialty-dev.jsonl', import.meta.url);

/** The fields of a specialty dev-set case the audit uses (the dev set's own test validates the rest). */
export const DevReferral = z.object({
  id: z.string().min(1),
  reason: z.string().min(1),
  diagnosisCodes: z.array(z.string()),
  requested: z.string().min(1).nullable(),
  expected: z.object({ preferred: z.array(z.string()) }),
  urgent: z.boolean(),
  none: z.boolean().default(false),
  tags: z.array(z.string()),
});
export type DevReferral = z.infer<typeof DevReferral>;

/** The dev set's referable cases (a `none` case names nothing to refer for), and its text. */
export function loadReferableCases(url: URL = DEV_SET_URL): { cases: DevReferral[]; text: string } {
  const text = readFileSync(url, 'utf8');
  const cases = text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => DevReferral.parse(JSON.parse(line)))
    .filter((c) => !c.none);
  return { cases, text };
}
