import { z } from 'zod';
import { PositionPrecision } from './geo.js';
import { GeoPoint } from './patient.js';

export const DeliveryChannel = z.enum(['fhir', 'direct', 'fax', 'portal']);
export type DeliveryChannel = z.infer<typeof DeliveryChannel>;

/**
 * Where a directory record comes from: the payer's FHIR Plan-Net directory, the NPPES registry, the
 * synthetic generator, or a coordinator's manual edit. Each keeps its own record per NPI; the
 * profile readers see is merged from them (`mergeDirectoryRecords`).
 */
export const DirectorySource = z.enum(['plan-net', 'nppes', 'generated', 'manual']);
export type DirectorySource = z.infer<typeof DirectorySource>;

/** Which source a merged fact came from, and as of when (the feed's own date, else the import's). */
export const FieldProvenance = z.object({ source: DirectorySource, asOf: z.iso.date() });
export type FieldProvenance = z.infer<typeof FieldProvenance>;

/** The source of each field group of a merged profile ("networks from the payer directory, 2026-11-30"). */
export const DirectoryProvenance = z.object({
  /** name */
  identity: FieldProvenance,
  /** taxonomyCodes */
  taxonomy: FieldProvenance,
  /** locations (addresses and positions) */
  locations: FieldProvenance,
  /** networkIds */
  networks: FieldProvenance,
  /** acceptingNewPatients, profile and location level */
  acceptance: FieldProvenance,
  /** endpoints and preferredChannel */
  endpoints: FieldProvenance,
  /** languages */
  languages: FieldProvenance,
});
export type DirectoryProvenance = z.infer<typeof DirectoryProvenance>;

/** A measured figure with where it came from, so ranking can say so and smooth small counts. */
export const Metric = z.object({
  value: z.number(),
  /** How many observations back the value (reviews, referrals), when known. */
  count: z.number().int().nonnegative().nullable(),
  source: z.string().min(1),
  asOf: z.iso.date(),
});
export type Metric = z.infer<typeof Metric>;

export const DirectoryLocation = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  line: z.string(),
  city: z.string(),
  state: z.string(),
  /** Five-digit ZIP (ZIP+4 is cut to its first five). */
  postalCode: z.string(),
  /** Null when unknown or a placeholder (e.g. the US centroid some feeds use): never a guess. */
  position: GeoPoint.nullable(),
  /** How the position was found; absent means 'exact' (from the feed). */
  positionPrecision: PositionPrecision.optional(),
  phone: z.string().nullable(),
  fax: z.string().nullable(),
  /** Null when the feed does not say. */
  acceptingNewPatients: z.boolean().nullable(),
});
export type DirectoryLocation = z.infer<typeof DirectoryLocation>;

export const DirectoryEndpoint = z.object({
  channel: DeliveryChannel,
  /** A Direct address, a fax number, a FHIR base URL or a portal URL. */
  address: z.string().min(1),
});
export type DirectoryEndpoint = z.infer<typeof DirectoryEndpoint>;

/** One practitioner as the directory knows them after import (Plan-Net, NPPES, or generated). */
export const DirectoryProfile = z.object({
  npi: z.string().regex(/^\d{10}$/),
  name: z.string().min(1),
  /** NUCC codes, primary first. */
  taxonomyCodes: z.array(z.string().regex(/^[0-9A-Z]{9}X$/)).min(1),
  locations: z.array(DirectoryLocation),
  networkIds: z.array(z.string().min(1)),
  /** BCP-47 primary tags ('en', 'es', …). */
  languages: z.array(z.string().min(2)),
  acceptingNewPatients: z.boolean().nullable(),
  endpoints: z.array(DirectoryEndpoint),
  /** How the practice wants referrals delivered, when the feed says (else the first endpoint). */
  preferredChannel: DeliveryChannel.nullable(),
  metrics: z.object({
    waitDays: Metric.nullable(),
    rating: Metric.nullable(),
    loopClosureRate: Metric.nullable(),
  }),
  active: z.boolean(),
  /** The feed it came from, e.g. 'plan-net', 'nppes', 'generated'; merged: the source of identity. */
  source: z.string().min(1),
  /** Per field group, the source and date it came from; absent on profiles never merged. */
  provenance: DirectoryProvenance.optional(),
});
export type DirectoryProfile = z.infer<typeof DirectoryProfile>;

/** A plan and the networks it pays in (Plan-Net InsurancePlan → network references). */
export const InsurancePlanRecord = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  ownerName: z.string().nullable(),
  networkIds: z.array(z.string().min(1)),
});
export type InsurancePlanRecord = z.infer<typeof InsurancePlanRecord>;

export const NetworkRecord = z.object({ id: z.string().min(1), name: z.string().min(1) });
export type NetworkRecord = z.infer<typeof NetworkRecord>;
