import type { DirectoryProfile } from '../src/domain/index.js';

const SOURCE_NAMES: Record<string, string> = {
  'plan-net': 'the payer directory',
  nppes: 'NPPES',
  generated: 'the generated directory',
  manual: 'a manual edit',
};

type FactGroup = keyof NonNullable<DirectoryProfile['provenance']>;

/** "from the payer directory, 2026-11-30": where a merged profile's fact came from, if known. */
export function factSource(profile: DirectoryProfile, group: FactGroup): string | null {
  const fact = profile.provenance?.[group];
  if (!fact) return null;
  return `from ${SOURCE_NAMES[fact.source] ?? fact.source}, ${fact.asOf}`;
}
