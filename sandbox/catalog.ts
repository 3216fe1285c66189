/** Fixed reference data the synthetic practice is drawn from. */

export interface Plan {
  payer_id: string;
  payer_name: string;
  plan_id: string;
  plan_name: string;
  coverage_active: boolean;
  network_ids: string[];
}

/** Kept verbatim: the service's built-in specialist directory uses these network ids. */
export const PLANS: readonly Plan[] = [
  plan('bluewave', 'BlueWave Health', 'bluewave-ppo', 'BlueWave PPO', true, ['net-bluewave-broad']),
  plan('bluewave', 'BlueWave Health', 'bluewave-hmo', 'BlueWave HMO Select', true, [
    'net-bluewave-narrow',
  ]),
  plan('bluewave', 'BlueWave Health', 'bluewave-lapsed', 'BlueWave PPO (terminated)', false, []),
  plan('harborcare', 'HarborCare', 'harborcare-gold', 'HarborCare Gold', true, [
    'net-harbor-premier',
    'net-harbor-standard',
  ]),
  plan('harborcare', 'HarborCare', 'harborcare-silver', 'HarborCare Silver', true, [
    'net-harbor-standard',
  ]),
  plan('medicare', 'Medicare Part B', 'medicare-b', 'Original Medicare Part B', true, [
    'net-medicare',
  ]),
  plan('oceanstate', 'Ocean State Medicaid', 'oceanstate-medicaid', 'Ocean State Medicaid', true, [
    'net-oceanstate',
  ]),
];

function plan(
  payerId: string,
  payerName: string,
  planId: string,
  planName: string,
  active: boolean,
  networks: string[],
): Plan {
  return {
    payer_id: payerId,
    payer_name: payerName,
    plan_id: planId,
    plan_name: planName,
    coverage_active: active,
    network_ids: networks,
  };
}

export const MEMBER_ID_PREFIX: Readonly<Record<string, string>> = {
  bluewave: 'BW',
  harborcare: 'HC',
  medicare: 'MC',
  oceanstate: 'OS',
};

export interface Place {
  city: string;
  postal_code: string;
  lat: number;
  lon: number;
}

/** Rhode Island ZIP codes within about 40 km of Providence, with approximate centroids. */
export const PLACES: readonly Place[] = [
  { city: 'Providence', postal_code: '02903', lat: 41.8201, lon: -71.4128 },
  { city: 'Providence', postal_code: '02906', lat: 41.8387, lon: -71.393 },
  { city: 'Providence', postal_code: '02908', lat: 41.8387, lon: -71.4376 },
  { city: 'Providence', postal_code: '02909', lat: 41.8178, lon: -71.4489 },
  { city: 'Pawtucket', postal_code: '02860', lat: 41.8722, lon: -71.3903 },
  { city: 'Central Falls', postal_code: '02863', lat: 41.8901, lon: -71.393 },
  { city: 'East Providence', postal_code: '02914', lat: 41.8137, lon: -71.37 },
  { city: 'North Providence', postal_code: '02911', lat: 41.854, lon: -71.473 },
  { city: 'Cranston', postal_code: '02910', lat: 41.776, lon: -71.4356 },
  { city: 'Johnston', postal_code: '02919', lat: 41.827, lon: -71.522 },
  { city: 'Warwick', postal_code: '02886', lat: 41.7048, lon: -71.4638 },
  { city: 'East Greenwich', postal_code: '02818', lat: 41.65, lon: -71.473 },
  { city: 'North Kingstown', postal_code: '02852', lat: 41.588, lon: -71.461 },
  { city: 'Lincoln', postal_code: '02865', lat: 41.91, lon: -71.435 },
  { city: 'Woonsocket', postal_code: '02895', lat: 42.001, lon: -71.499 },
  { city: 'Bristol', postal_code: '02809', lat: 41.677, lon: -71.266 },
  { city: 'Newport', postal_code: '02840', lat: 41.484, lon: -71.32 },
];

export const STREETS: readonly string[] = [
  'Hope St',
  'Wickenden St',
  'Broad St',
  'Elmwood Ave',
  'Smith St',
  'Angell St',
  'Main St',
  'Park Ave',
  'Warwick Ave',
  'Atwells Ave',
  'Blackstone Blvd',
  'Cottage St',
  'Pine St',
  'Chestnut St',
  'Harbor View Dr',
];

export const LANGUAGE_WEIGHTS = { en: 70, es: 12, pt: 6, vi: 4, zh: 4, ht: 4 } as const;
export type Language = keyof typeof LANGUAGE_WEIGHTS;

interface NamePool {
  female: readonly string[];
  male: readonly string[];
  family: readonly string[];
}

/** Small, plainly synthetic name pools, loosely matched to the patient's language. */
export const NAMES: Readonly<Record<Language, NamePool>> = {
  en: {
    female: ['Avery', 'Harper', 'Margaret', 'Eleanor', 'Quinn', 'Ruth', 'Tessa', 'Joan'],
    male: ['Walter', 'Elliot', 'Graham', 'Harold', 'Miles', 'Owen', 'Russell', 'Dale'],
    family: ['Ashgrove', 'Brightwater', 'Copperfield', 'Dunmore', 'Fairweather', 'Kettleby'],
  },
  es: {
    female: ['Lucia', 'Marisol', 'Carmen', 'Rosa'],
    male: ['Mateo', 'Joaquin', 'Rafael', 'Esteban'],
    family: ['Alvarado', 'Montoya', 'Quintero', 'Valdespino'],
  },
  pt: {
    female: ['Ines', 'Beatriz', 'Graca'],
    male: ['Tiago', 'Duarte', 'Rui'],
    family: ['Carvalhal', 'Medeiros', 'Tavares'],
  },
  vi: {
    female: ['Lan', 'Mai', 'Thu'],
    male: ['Minh', 'Quang', 'Tuan'],
    family: ['Nguyen', 'Tran', 'Pham'],
  },
  zh: {
    female: ['Mei', 'Xiu', 'Ling'],
    male: ['Wei', 'Jun', 'Hao'],
    family: ['Chen', 'Zhou', 'Lin'],
  },
  ht: {
    female: ['Nadege', 'Mirlande', 'Rose-Marie'],
    male: ['Jean-Claude', 'Frantz', 'Wilner'],
    family: ['Pierre-Louis', 'Jean-Baptiste', 'Toussaint'],
  },
};

export const PROVIDER_NAMES: readonly string[] = [
  'Dr. Imogen Thistlewood, OD',
  'Dr. Rafael Okonkwo-Reyes, MD',
  'Dr. Priya Castellane, OD',
  'Dr. Samuel Birchall, MD',
];
