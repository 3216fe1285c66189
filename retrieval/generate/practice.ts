import type { GeoPoint } from '../../src/domain/index.js';
import { offsetKm, scatterAround } from './geo.js';
import { METROS, type Metro } from './metros.js';
import { GENERAL_FAMILY, PLACE_WORDS, STREET_NAMES, STREET_SUFFIXES } from './names.js';
import { NETWORK_SPECS } from './payers.js';
import { hash32, Rng, WeightedTable } from './prng.js';
import {
  PRACTICE_WORDS,
  type PracticeKind,
  TAXONOMY_MIX,
  type TaxonomyShare,
} from './taxonomy-mix.js';

/** Profiles are laid out in blocks of this many consecutive indexes, each split into practices. */
export const BLOCK_SIZE = 32;
const PRACTICE_SALT = 0x70726163;

export interface Site {
  id: string;
  name: string;
  line: string;
  city: string;
  state: string;
  postalCode: string;
  position: GeoPoint;
  phone: string;
  fax: string | null;
}

/** A group (or solo) practice: the profiles [start, start + size) work at its sites. */
export interface Practice {
  start: number;
  size: number;
  kind: PracticeKind;
  /** The specialty most of its practitioners share. */
  anchor: TaxonomyShare;
  domain: string;
  sites: Site[];
  networkIds: string[];
  fhir: boolean;
  portal: boolean;
}

const SIZES = new WeightedTable<number>([
  [1, 30],
  [2, 14],
  [3, 12],
  [4, 10],
  [5, 8],
  [6, 7],
  [7, 5],
  [8, 4],
  [10, 4],
  [12, 3],
  [15, 2],
  [20, 1],
]);
const SITE_COUNTS = new WeightedTable<number>([
  [1, 75],
  [2, 17],
  [3, 8],
]);
const METRO_TABLE = new WeightedTable<Metro>(METROS.map((m) => [m, m.weight]));

const KINDS: readonly PracticeKind[] = ['primary', 'eye', 'specialty'];
const byKind = (kind: PracticeKind) => TAXONOMY_MIX.filter((s) => s.kind === kind);
/** Kinds weighted by their share of profiles, so the overall mix matches TAXONOMY_MIX. */
const KIND_TABLE = new WeightedTable<PracticeKind>(
  KINDS.map((k) => [k, byKind(k).reduce((sum, s) => sum + s.weight, 0)]),
);
export const TAXONOMY_BY_KIND: Readonly<Record<PracticeKind, WeightedTable<TaxonomyShare>>> = {
  primary: new WeightedTable(byKind('primary').map((s) => [s, s.weight])),
  eye: new WeightedTable(byKind('eye').map((s) => [s, s.weight])),
  specialty: new WeightedTable(byKind('specialty').map((s) => [s, s.weight])),
};

/** The practices of block b: a pure function of (seed, b), whatever the directory's size. */
export function practicesOfBlock(seed: number, block: number): Practice[] {
  const rng = new Rng(hash32(seed, PRACTICE_SALT, block));
  const practices: Practice[] = [];
  for (let offset = 0; offset < BLOCK_SIZE; ) {
    const size = Math.min(SIZES.draw(rng), BLOCK_SIZE - offset);
    const id = `${block.toString(36)}-${practices.length}`;
    practices.push(drawPractice(rng, id, block * BLOCK_SIZE + offset, size));
    offset += size;
  }
  return practices;
}

function drawPractice(rng: Rng, id: string, start: number, size: number): Practice {
  const kind = KIND_TABLE.draw(rng);
  const anchor = TAXONOMY_BY_KIND[kind].draw(rng);
  const metro = METRO_TABLE.draw(rng);
  const name = practiceName(rng, kind, metro);
  const slug = name
    .toLowerCase()
    .replace(/[^a-z]+/g, '-')
    .replace(/^-|-$/g, '');
  const home = scatterAround(metro, rng);
  const siteCount = SITE_COUNTS.draw(rng);
  const sites: Site[] = [];
  for (let s = 0; s < siteCount; s++) {
    // Satellites sit 3–15 km from the main office, in one of the metro's towns.
    const satellite = s > 0;
    const position = satellite
      ? offsetKm(home.position, 3 + rng.next() * 12, rng.next() * 2 * Math.PI)
      : home.position;
    const outskirts = satellite || home.km > 6;
    sites.push(drawSite(rng, `loc-${id}-${s}`, name, metro, position, outskirts, satellite));
  }
  return {
    start,
    size,
    kind,
    anchor,
    domain: `${slug}-${id}.example.org`,
    sites,
    networkIds: drawNetworks(rng),
    fhir: rng.chance(0.25),
    portal: rng.chance(0.12),
  };
}

function practiceName(rng: Rng, kind: PracticeKind, metro: Metro): string {
  const word = rng.pick(PRACTICE_WORDS[kind]);
  const roll = rng.next();
  if (roll < 0.4) return `${rng.pick(GENERAL_FAMILY)} ${word}`;
  if (roll < 0.7) return `${rng.pick(PLACE_WORDS)} ${word}`;
  return `${rng.pick(metro.towns ?? [metro.city])} ${word}`;
}

function drawSite(
  rng: Rng,
  id: string,
  practiceName: string,
  metro: Metro,
  position: GeoPoint,
  outskirts: boolean,
  satellite: boolean,
): Site {
  const suite = rng.chance(0.4)
    ? `, Suite ${rng.between(1, 6)}${rng.between(0, 2)}${rng.between(1, 9)}`
    : '';
  const city = outskirts && metro.towns ? rng.pick(metro.towns) : metro.city;
  return {
    id,
    name: satellite ? `${practiceName} – ${city}` : practiceName,
    line: `${rng.between(1, 2400)} ${rng.pick(STREET_NAMES)} ${rng.pick(STREET_SUFFIXES)}${suite}`,
    city,
    state: metro.state,
    postalCode: `${rng.pick(metro.zip3)}${String(rng.between(1, 99)).padStart(2, '0')}`,
    position,
    phone: phoneIn(rng, metro),
    fax: rng.chance(0.85) ? phoneIn(rng, metro) : null,
  };
}

/** A number in the metro's area code on the 555 exchange fiction uses (not all of it reserved). */
function phoneIn(rng: Rng, metro: Metro): string {
  return `${metro.areaCode}-555-${String(rng.int(10_000)).padStart(4, '0')}`;
}

/** A practice's contracts: each network by its share, a narrow tier only inside its broad one. */
export function drawNetworks(rng: Rng): string[] {
  const held = new Set<string>();
  for (const spec of NETWORK_SPECS) {
    if (spec.within && !held.has(spec.within)) continue;
    if (rng.chance(spec.share)) held.add(spec.id);
  }
  return NETWORK_SPECS.filter((s) => held.has(s.id)).map((s) => s.id);
}
