import type {
  DirectoryEndpoint,
  DirectoryLocation,
  DirectoryProfile,
} from '../../src/domain/index.js';
import { drawMetrics } from './metrics.js';
import { FAMILY_BY_LANGUAGE, GENERAL_FAMILY, GIVEN_NAMES } from './names.js';
import { npiForIndex } from './npi-sequence.js';
import { NETWORK_SPECS } from './payers.js';
import { type Practice, type Site, TAXONOMY_BY_KIND } from './practice.js';
import { hash32, Rng, WeightedTable } from './prng.js';
import { credentialOf } from './taxonomy-mix.js';

const PROFILE_SALT = 0x70726f66;
const MAX_NETWORKS = 5;

/** Share of practitioners speaking each language besides English (after the Plan-Net sample). */
export const EXTRA_LANGUAGE_SHARES: Readonly<Record<string, number>> = {
  es: 0.18,
  zh: 0.15,
  pt: 0.15,
  vi: 0.12,
  ht: 0.11,
};
const ACCEPTING = new WeightedTable<boolean | null>([
  [true, 70],
  [false, 15],
  [null, 15],
]);
const CHANNEL_PREFERENCE = { fhir: 4, direct: 3, portal: 2, fax: 2 } as const;

/** Profile k of a directory, given the practice it belongs to: a pure function of (seed, k). */
export function buildProfile(seed: number, k: number, practice: Practice): DirectoryProfile {
  const rng = new Rng(hash32(seed, PROFILE_SALT, k));
  const share = rng.chance(0.5) ? practice.anchor : TAXONOMY_BY_KIND[practice.kind].draw(rng);
  const taxonomyCodes =
    share.secondary && rng.chance(0.35) ? [share.code, share.secondary] : [share.code];
  const extras = drawLanguages(rng);
  const given = rng.pick(GIVEN_NAMES);
  const heritage = extras[0] && rng.chance(0.6) ? FAMILY_BY_LANGUAGE[extras[0]] : undefined;
  const family = rng.pick(heritage ?? GENERAL_FAMILY);
  const credential = credentialOf(share.code, rng.chance(0.12));
  const doctor = credential !== 'NP' && credential !== 'PA';
  const accepting = ACCEPTING.draw(rng);
  const locations = pickSites(rng, practice.sites).map((site, i) =>
    toLocation(site, i === 0 ? accepting : siteAccepting(rng, accepting)),
  );
  const endpoints = drawEndpoints(rng, practice, `${given}.${family}`, locations[0]?.fax ?? null);
  return {
    npi: npiForIndex(seed, k),
    name: `${doctor ? 'Dr. ' : ''}${given} ${family}, ${credential}`,
    taxonomyCodes,
    locations,
    networkIds: memberNetworks(rng, practice.networkIds),
    languages: ['en', ...extras],
    acceptingNewPatients: accepting,
    endpoints,
    preferredChannel: preferredChannel(rng, endpoints),
    metrics: drawMetrics(rng, share.waitMedian),
    active: rng.chance(0.98),
    source: 'generated',
  };
}

/** Dropping a third extra language costs each about 3% of its share: drawn that much higher. */
const CAP_COMPENSATION = 1.035;

/** English for everyone; each other language by its share, at most two. */
function drawLanguages(rng: Rng): string[] {
  const extras = Object.entries(EXTRA_LANGUAGE_SHARES)
    .filter(([, p]) => rng.chance(p * CAP_COMPENSATION))
    .map(([lang]) => lang);
  while (extras.length > 2) extras.splice(rng.int(extras.length), 1);
  return extras;
}

/** A home site, plus each other site of the practice about half the time. */
function pickSites(rng: Rng, sites: readonly Site[]): Site[] {
  const home = rng.int(sites.length);
  const others = sites.filter((_, i) => i !== home && rng.chance(0.5));
  return [sites[home] as Site, ...others];
}

/** Other sites agree with the profile-wide answer, or say less (null), or decline there. */
function siteAccepting(rng: Rng, overall: boolean | null): boolean | null {
  if (overall === null) return null;
  const roll = rng.next();
  if (overall) return roll < 0.75 ? true : roll < 0.9 ? null : false;
  return roll < 0.8 ? false : null;
}

function toLocation(site: Site, accepting: boolean | null): DirectoryLocation {
  return { ...site, position: { ...site.position }, acceptingNewPatients: accepting };
}

/** The practice's contracts, with a few individual exceptions, kept within 1–5 networks. */
function memberNetworks(rng: Rng, practiceNetworks: readonly string[]): string[] {
  const held = new Set(practiceNetworks.filter(() => !rng.chance(0.08)));
  for (const spec of NETWORK_SPECS) if (rng.chance(0.02)) held.add(spec.id);
  for (const spec of NETWORK_SPECS) if (spec.within && !held.has(spec.within)) held.delete(spec.id);
  while (held.size > MAX_NETWORKS) held.delete(rng.pick([...held]));
  for (const spec of NETWORK_SPECS) if (spec.within && !held.has(spec.within)) held.delete(spec.id);
  if (held.size === 0) held.add(rng.pick(NETWORK_SPECS.filter((s) => !s.within)).id);
  return NETWORK_SPECS.filter((s) => held.has(s.id)).map((s) => s.id);
}

function drawEndpoints(
  rng: Rng,
  practice: Practice,
  person: string,
  fax: string | null,
): DirectoryEndpoint[] {
  const user = person.toLowerCase().replace(/[^a-z.]+/g, '');
  const endpoints: DirectoryEndpoint[] = [];
  if (rng.chance(0.82)) {
    endpoints.push({ channel: 'direct', address: `${user}@direct.${practice.domain}` });
  }
  if (fax && rng.chance(0.8)) endpoints.push({ channel: 'fax', address: fax });
  if (practice.fhir && rng.chance(0.9)) {
    endpoints.push({ channel: 'fhir', address: `https://fhir.${practice.domain}/r4` });
  }
  if (practice.portal && rng.chance(0.9)) {
    endpoints.push({ channel: 'portal', address: `https://portal.${practice.domain}/referrals` });
  }
  return endpoints;
}

function preferredChannel(
  rng: Rng,
  endpoints: readonly DirectoryEndpoint[],
): DirectoryProfile['preferredChannel'] {
  if (endpoints.length === 0) return null;
  return new WeightedTable(
    endpoints.map((e) => [e.channel, CHANNEL_PREFERENCE[e.channel]] as const),
  ).draw(rng);
}
