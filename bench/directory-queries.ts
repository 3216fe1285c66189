/**
 * Seeded, referral-shaped directory queries: a patient near a metro centre, the taxonomies a
 * referral accepts, the payer's networks (sometimes), a radius and the referral reason (half).
 * Closed-cluster queries put the patient inside a cluster of practices closed to new patients or
 * unreachable (see directory-clusters.ts), with every hard constraint inside the query.
 */
import { METROS, type Metro, PLANS } from '../retrieval/generate/index.js';
import { Rng, WeightedTable } from '../retrieval/generate/prng.js';
import type { DirectoryIndex, GeoPoint, IndexQuery } from '../src/domain/index.js';

export type QueryClass = 'selective' | 'broad' | 'closed-cluster';

export interface BenchQuery {
  cls: QueryClass;
  /** What kind of referral it stands for, e.g. `uveitis+net` or `primary-care`. */
  label: string;
  query: IndexQuery;
}

interface Shape {
  cls: QueryClass;
  label: string;
  taxonomies: readonly string[];
  /** Whether the query carries the payer's networks. */
  network: boolean;
  reasons: readonly string[];
  weight: number;
}

const EYE_REASONS = [
  'Moderate NPDR OU, please evaluate',
  'Wet AMD OS, new subretinal fluid',
  'Retinal detachment suspected OD',
];
const PRIMARY_REASONS = [
  'New patient, hypertension follow-up',
  'Elevated A1c on screening, please evaluate',
];

/** Selective: one rare subspecialty in the patient's networks. Broad: common codes, ± networks. */
const SHAPES: readonly Shape[] = [
  {
    cls: 'selective',
    label: 'neuro-ophthalmology+net',
    taxonomies: ['207WX0109X'],
    network: true,
    reasons: ['Optic disc edema OU, rule out papilledema', 'Sudden visual field loss OS'],
    weight: 2,
  },
  {
    cls: 'selective',
    label: 'uveitis+net',
    taxonomies: ['207WX0108X'],
    network: true,
    reasons: ['Recurrent anterior uveitis OD', 'Chronic uveitis, HLA-B27 positive'],
    weight: 2,
  },
  ...[true, false].flatMap((network): Shape[] => [
    {
      cls: 'broad',
      label: `ophthalmology+retina${network ? '+net' : ''}`,
      taxonomies: ['207W00000X', '207WX0107X'],
      network,
      reasons: EYE_REASONS,
      weight: 1.5,
    },
    {
      cls: 'broad',
      label: `primary-care${network ? '+net' : ''}`,
      taxonomies: ['207Q00000X', '207R00000X', '208D00000X'],
      network,
      reasons: PRIMARY_REASONS,
      weight: 1,
    },
  ]),
];

const KM_PER_DEG_LAT = 111.32;
const DEG = Math.PI / 180;

/** A point `km` from `at` in a uniformly random direction (flat-earth offset; fine at 20 km). */
function jitter(rng: Rng, at: GeoPoint, maxKm: number): GeoPoint {
  const km = maxKm * Math.sqrt(rng.next());
  const bearing = 2 * Math.PI * rng.next();
  const dLat = (km * Math.cos(bearing)) / KM_PER_DEG_LAT;
  const dLon = (km * Math.sin(bearing)) / (KM_PER_DEG_LAT * Math.cos(at.lat * DEG));
  return { lat: at.lat + dLat, lon: at.lon + dLon };
}

/** `count` queries, the same for the same seed; metros are drawn by population weight. */
export function referralQueries(count: number, seed: number): BenchQuery[] {
  const rng = new Rng(seed ^ 0x51eed);
  const metros = new WeightedTable<Metro>(METROS.map((m) => [m, m.weight]));
  const shapes = new WeightedTable<Shape>(SHAPES.map((s) => [s, s.weight]));
  return Array.from({ length: count }, (_, i): BenchQuery => {
    const shape = shapes.draw(rng);
    const metro = metros.draw(rng);
    const near = jitter(rng, { lat: metro.lat, lon: metro.lon }, 20);
    const radiusKm = rng.between(25, 100);
    const networkIds = shape.network ? [...rng.pick(PLANS).networkIds] : undefined;
    const query: IndexQuery = {
      taxonomies: [...shape.taxonomies],
      near,
      radiusKm,
      limit: 50,
      ...(networkIds ? { networkIds } : {}),
      ...(i % 2 === 0 ? { text: rng.pick(shape.reasons) } : {}),
    };
    return { cls: shape.cls, label: shape.label, query };
  });
}

/** How many closed clusters, and how far around each centre practices are closed or unreachable. */
const CLUSTER_COUNT = 12;
export const CLUSTER_RADIUS_KM = 8;

/**
 * Centres of the closed clusters, the same for the same seed: in the densest metros (drawn by
 * population weight), up to 6 km from the metro centre, where practices crowd.
 */
export function closedClusters(seed: number): GeoPoint[] {
  const rng = new Rng(seed ^ 0xc105ed);
  const metros = new WeightedTable<Metro>(METROS.map((m) => [m, m.weight]));
  return Array.from({ length: CLUSTER_COUNT }, () => {
    const metro = metros.draw(rng);
    return jitter(rng, { lat: metro.lat, lon: metro.lon }, 6);
  });
}

const CLUSTER_SHAPES: readonly {
  label: string;
  taxonomies: readonly string[];
  reasons: readonly string[];
}[] = [
  {
    label: 'closed-cluster:ophthalmology+retina',
    taxonomies: ['207W00000X', '207WX0107X'],
    reasons: EYE_REASONS,
  },
  {
    label: 'closed-cluster:primary-care',
    taxonomies: ['207Q00000X', '207R00000X', '208D00000X'],
    reasons: PRIMARY_REASONS,
  },
];

/**
 * `count` closed-cluster queries, the same for the same seed: the patient within 2 km of a
 * cluster centre, a plan's networks, 25–100 km, `limit` 50, and every constraint inside the query
 * (not accepting out, reachable only). Excluded NPIs are added by `rejectFirstOffers`.
 */
export function closedClusterQueries(count: number, seed: number): BenchQuery[] {
  const rng = new Rng(seed ^ 0xc1a55);
  const clusters = closedClusters(seed);
  return Array.from({ length: count }, (_, i): BenchQuery => {
    const shape = rng.pick(CLUSTER_SHAPES);
    const query: IndexQuery = {
      taxonomies: [...shape.taxonomies],
      near: jitter(rng, rng.pick(clusters), 2),
      radiusKm: rng.between(25, 100),
      limit: 50,
      networkIds: [...rng.pick(PLANS).networkIds],
      excludeNotAccepting: true,
      requireReachable: true,
      ...(i % 2 === 0 ? { text: rng.pick(shape.reasons) } : {}),
    };
    return { cls: 'closed-cluster', label: shape.label, query };
  });
}

/**
 * Adds "a coordinator already said no" to each closed-cluster query: the practitioners of the
 * 1st, 3rd and 5th hit the index offers without exclusions (untimed; the index must be complete).
 */
export async function rejectFirstOffers(
  queries: readonly BenchQuery[],
  index: DirectoryIndex,
): Promise<BenchQuery[]> {
  const out: BenchQuery[] = [];
  for (const q of queries) {
    if (q.cls !== 'closed-cluster') {
      out.push(q);
      continue;
    }
    const npis = [...new Set((await index.search(q.query)).map((h) => h.profile.npi))];
    const excludeNpis = [npis[0], npis[2], npis[4]].filter((n): n is string => n !== undefined);
    out.push({ ...q, query: { ...q.query, excludeNpis } });
  }
  return out;
}
