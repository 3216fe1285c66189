import type {
  DirectoryProfile,
  DirectorySource,
  InsurancePlanRecord,
  NetworkRecord,
} from './directory.js';
import type { DirectoryDrift, DirectoryImport, DriftKind } from './directory-drift.js';
import type { SourceRecord } from './directory-merge.js';
import type { GeoPoint } from './patient.js';

export interface IndexQuery {
  /** NUCC codes, any of which qualifies (required: every search is for a kind of specialist). */
  taxonomies: string[];
  /** Networks, any of which qualifies; omitted = no network filter (the ranker still checks). */
  networkIds?: string[];
  near: GeoPoint;
  radiusKm: number;
  /** Leaves out locations known not to accept new patients (unknown stays in). */
  excludeNotAccepting?: boolean;
  /** Leaves out these practitioners (rejected by a coordinator, or declined by the office). */
  excludeNpis?: string[];
  /**
   * Only hits a referral can be sent to: the profile has an endpoint, or the hit's location has a
   * fax (`deliveryOf` is not null). Per location, since the fax belongs to the location.
   */
  requireReachable?: boolean;
  /** Free text (the referral reason) for lexical relevance; it never filters. */
  text?: string;
  limit: number;
}

/** One practitioner at one location that passed the index's filters. */
export interface IndexHit {
  profile: DirectoryProfile;
  locationId: string;
  distanceKm: number;
  /** Lexical relevance of the profile to `text`, 0 when no text was given. */
  textScore: number;
}

/**
 * A search index derived from the directory repo (embedded SQLite, or Qdrant): every hard
 * constraint (taxonomy, network, status, distance, acceptance, exclusions, reachability) is
 * applied inside the search, so the `limit` nearest hits returned are the nearest eligible ones.
 */
export interface DirectoryIndex {
  upsert(profiles: readonly DirectoryProfile[]): Promise<void>;
  remove(npis: readonly string[]): Promise<void>;
  search(query: IndexQuery): Promise<IndexHit[]>;
  count(): Promise<number>;
  clear(): Promise<void>;
}

/** Dense text embeddings (an OpenAI-compatible endpoint), for the optional dense side of an index. */
export interface Embedder {
  readonly dimensions: number;
  embed(texts: readonly string[]): Promise<number[][]>;
}

/** Drift newest first; `before` is the cursor (the id of the last item of the previous page). */
export interface DriftQuery {
  importId?: string;
  kind?: DriftKind;
  npi?: string;
  limit: number;
  before?: number;
}

export interface DriftPage {
  items: DirectoryDrift[];
  /** Pass as `before` for the next page; null on the last one. */
  nextCursor: number | null;
}

/**
 * The specialist directory's source of truth; search indexes are derived from it. Each source
 * keeps its own record per NPI; the profile readers get is merged from them
 * (`mergeDirectoryRecords`), and what a write changes in it is recorded as drift.
 */
export interface DirectoryRepo {
  /**
   * Stores each profile as its source's record (`profile.source`, a `DirectorySource`; as of its
   * provenance's date, else the import's), marks it seen by `importId`, re-merges the NPI and
   * records the drift, in one transaction. Counts are of merged profiles; unchanged ones are not
   * rewritten.
   */
  upsertProfiles(
    importId: string,
    profiles: readonly DirectoryProfile[],
  ): Promise<{ inserted: number; updated: number; unchanged: number }>;
  /** The same for explicit source records (a manual edit sets only the fields it overrides). */
  upsertSourceRecords(
    importId: string,
    records: readonly SourceRecord[],
  ): Promise<{ inserted: number; updated: number; unchanged: number }>;
  /**
   * Withdraws the records of `source` that import `importId` did not see (dropped by the feed) and
   * re-merges their NPIs; returns how many merged profiles that deactivated.
   */
  deactivateUnseen(source: DirectorySource, importId: string): Promise<number>;
  /** Every source's record of one NPI. */
  getSourceRecords(npi: string): Promise<SourceRecord[]>;
  listDrift(query: DriftQuery): Promise<DriftPage>;
  getImport(importId: string): Promise<DirectoryImport | undefined>;
  /** The latest imports first. */
  listImports(limit: number): Promise<DirectoryImport[]>;
  upsertPlans(plans: readonly InsurancePlanRecord[]): Promise<void>;
  upsertNetworks(networks: readonly NetworkRecord[]): Promise<void>;
  getProfile(npi: string): Promise<DirectoryProfile | undefined>;
  /** Active profiles whose name contains `text` (any case), or whose NPI it is; by name. */
  findProfiles(text: string, limit: number): Promise<DirectoryProfile[]>;
  getPlan(id: string): Promise<InsurancePlanRecord | undefined>;
  /** Active profiles in NPI order, one page after `afterNpi` (for index rebuilds). */
  listActive(afterNpi: string | null, limit: number): Promise<DirectoryProfile[]>;
  counts(): Promise<{ profiles: number; active: number; plans: number; networks: number }>;
}
