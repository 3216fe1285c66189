import { statSync } from 'node:fs';
import {
  countDrift,
  type DirectoryProfile,
  type DirectoryRepo,
  type DriftCounts,
  type PostalCodeGeocoder,
} from '../src/domain/index.js';
import { assemblePlanNet, type IngestIssue, readFhir, readNppesCsv } from './ingest/index.js';

export interface ImportSummary {
  importId: string;
  source: 'plan-net' | 'nppes';
  read: number;
  inserted: number;
  updated: number;
  unchanged: number;
  deactivated: number;
  plans: number;
  networks: number;
  issues: number;
  /** What the import changed in the merged profiles, by kind (`referrals directory drift`). */
  drift: DriftCounts;
}

export interface ImportOptions {
  path: string;
  importId: string;
  /**
   * The import date (ISO `YYYY-MM-DD`), from the caller: qualifications whose period ended before
   * it give no taxonomy, and records the feed does not date are as of it.
   */
  today: string;
  repo: DirectoryRepo;
  /** A partial feed (one file of many) must not deactivate what it does not mention. */
  partial?: boolean;
  /** Resources read from the feed, then profiles written to the store. */
  onProgress?: (phase: 'read' | 'written', count: number) => void;
  onIssue?: (issue: IngestIssue) => void;
  /**
   * Places practice locations at their ZIP's centroid: every NPPES location, and the Plan-Net
   * locations the feed gives no usable position (its own positions are kept as given).
   */
  geocoder?: PostalCodeGeocoder;
}

const BATCH = 500;

/**
 * Imports a directory feed into the store as that source's records: an NPPES CSV file, or FHIR
 * Plan-Net resources (NDJSON per type, or Bundles; a file or a folder). Idempotent; a full feed
 * withdraws the records it dropped. The merged profiles keep what other sources gave.
 */
export async function importDirectory(o: ImportOptions): Promise<ImportSummary> {
  const isCsv = statSync(o.path).isFile() && o.path.toLowerCase().endsWith('.csv');
  const source = isCsv ? 'nppes' : 'plan-net';
  const totals = { read: 0, inserted: 0, updated: 0, unchanged: 0, issues: 0 };
  const onIssue = (issue: IngestIssue) => {
    totals.issues++;
    o.onIssue?.(issue);
  };
  const write = async (batch: DirectoryProfile[]) => {
    const r = await o.repo.upsertProfiles(o.importId, batch);
    totals.inserted += r.inserted;
    totals.updated += r.updated;
    totals.unchanged += r.unchanged;
    totals.read += batch.length;
    o.onProgress?.('written', totals.read);
  };
  let plans = 0;
  let networks = 0;
  if (isCsv) {
    let batch: DirectoryProfile[] = [];
    for await (const profile of readNppesCsv(o.path, {
      onIssue,
      onProgress: (n) => o.onProgress?.('read', n),
      today: o.today,
      ...(o.geocoder ? { geocoder: o.geocoder } : {}),
    })) {
      batch.push(profile);
      if (batch.length >= BATCH) {
        await write(batch);
        batch = [];
      }
    }
    if (batch.length > 0) await write(batch);
  } else {
    const directory = await assemblePlanNet(readFhir(o.path, { onIssue }), {
      onIssue,
      onProgress: (n) => o.onProgress?.('read', n),
      today: o.today,
      ...(o.geocoder ? { geocoder: o.geocoder } : {}),
    });
    await o.repo.upsertNetworks(directory.networks);
    await o.repo.upsertPlans(directory.plans);
    plans = directory.plans.length;
    networks = directory.networks.length;
    for (let i = 0; i < directory.profiles.length; i += BATCH) {
      await write(directory.profiles.slice(i, i + BATCH));
    }
  }
  const deactivated = o.partial ? 0 : await o.repo.deactivateUnseen(source, o.importId);
  const drift = (await o.repo.getImport(o.importId))?.drift ?? countDrift([]);
  return { importId: o.importId, source, ...totals, deactivated, plans, networks, drift };
}
