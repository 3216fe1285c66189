import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * Test support: the path of a file under the shared data folder (`../shared/data` next to the
 * repository), read in place and never copied. Throws a clear message when it is missing.
 */
export function sharedDataPath(relative: string): string {
  const path = fileURLToPath(new URL(`../../../shared/data/${relative}`, import.meta.url));
  if (!existsSync(path)) {
    throw new Error(
      `Shared test data not found: ${path}. These tests read ../shared/data relative to the ` +
        'repository root (see shared/data/SOURCES.md); check out the shared folder beside it.',
    );
  }
  return path;
}

/** Test support: the NPPES CSV columns the parser reads, with one taxonomy slot. */
export const NPPES_COLUMNS = [
  'NPI',
  'Entity Type Code',
  'Provider Last Name (Legal Name)',
  'Provider First Name',
  'Provider Name Prefix Text',
  'Provider Credential Text',
  'Provider First Line Business Practice Location Address',
  'Provider Second Line Business Practice Location Address',
  'Provider Business Practice Location Address City Name',
  'Provider Business Practice Location Address State Name',
  'Provider Business Practice Location Address Postal Code',
  'Provider Business Practice Location Address Telephone Number',
  'Provider Business Practice Location Address Fax Number',
  'NPI Deactivation Date',
  'NPI Reactivation Date',
  'Healthcare Provider Taxonomy Code_1',
  'Healthcare Provider Primary Taxonomy Switch_1',
] as const;
