import { DirectoryProfile } from '../../src/domain/index.js';
import type { OnIssue } from './fhir-types.js';

/** The profile when it passes `DirectoryProfile`; otherwise reports the NPI and zod path, and null. */
export function validProfile(
  candidate: DirectoryProfile,
  onIssue: OnIssue | undefined,
  origin: { file?: string; line?: number } = {},
): DirectoryProfile | null {
  const parsed = DirectoryProfile.safeParse(candidate);
  if (parsed.success) return parsed.data;
  const first = parsed.error.issues[0];
  const path = (first?.path ?? []).map(String).join('.');
  onIssue?.({
    kind: 'invalid-record',
    message: `profile ${candidate.npi} rejected at ${path || '(root)'}: ${first?.message ?? 'invalid'}`,
    npi: candidate.npi,
    path,
    ...origin,
  });
  return null;
}

/** `values` without repeats, in first-seen order. */
export function unique<T>(values: Iterable<T>): T[] {
  return [...new Set(values)];
}
