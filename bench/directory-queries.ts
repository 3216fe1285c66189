/**
 * Seeded, referral-shaped directory queries: a patient near a metro centre, the taxonomies a
 * referral accepts, the payer's networks (sometimes), a radius and the referral reason (half).
 */
import { METROS, type Metro, PLANS } from '../retrieval/generate/index.js';
import { Rng, WeightedTable } from '../retrieval/generate/prng.js';
import type { GeoPoint, IndexQuery } from '../src/domain/index.js';

export type QueryClass = 'selective' | 'broad';

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
