import { DirectoryProfile, npiCheckDigit } from '../../domain/index.js';

interface Site {
  city: string;
  state: string;
  postalCode: string;
  lat: number;
  lon: number;
}

const SITES: readonly Site[] = [
  { city: 'Providence', state: 'RI', postalCode: '02903', lat: 41.8205, lon: -71.4128 },
  { city: 'Providence', state: 'RI', postalCode: '02906', lat: 41.8387, lon: -71.3934 },
  { city: 'Warwick', state: 'RI', postalCode: '02886', lat: 41.7001, lon: -71.4162 },
  { city: 'Cranston', state: 'RI', postalCode: '02910', lat: 41.7798, lon: -71.4373 },
  { city: 'Pawtucket', state: 'RI', postalCode: '02860', lat: 41.8787, lon: -71.3826 },
  { city: 'East Greenwich', state: 'RI', postalCode: '02818', lat: 41.6604, lon: -71.4559 },
  { city: 'Newport', state: 'RI', postalCode: '02840', lat: 41.4901, lon: -71.3128 },
  { city: 'Woonsocket', state: 'RI', postalCode: '02895', lat: 42.0029, lon: -71.5148 },
  { city: 'Fall River', state: 'MA', postalCode: '02720', lat: 41.7015, lon: -71.155 },
  { city: 'Boston', state: 'MA', postalCode: '02114', lat: 42.3626, lon: -71.0697 },
];

/** Our specialty keys with their NUCC taxonomy codes (Ophthalmology 207W00000X and its subspecialties). */
export const SPECIALTY_TAXONOMY: Readonly<Record<string, string>> = {
  retina: '207WX0107X',
  glaucoma: '207WX0009X',
  cornea: '207WX0120X',
  oculoplastics: '207WX0200X',
  'neuro-ophthalmology': '207WX0109X',
  'pediatric-ophthalmology': '207WX0110X',
  uveitis: '207WX0108X',
  cataract: '207W00000X',
  'general-ophthalmology': '207W00000X',
};

const FAMILY = [
  'Abernathy',
  'Baptiste',
  'Chen',
  'Da Silva',
  'Eriksen',
  'Fontaine',
  'Gallagher',
  'Haddad',
  'Iyer',
  'Jablonski',
  'Kowalczyk',
  'Lindqvist',
  'Moreau',
  'Nakamura',
  'Okafor',
  'Petrov',
  'Quintero',
  'Rasmussen',
  'Santoro',
  'Tran',
  'Ueda',
  'Varga',
  'Whitcombe',
  'Yilmaz',
];
const GIVEN = [
  'Alma',
  'Bruno',
  'Celia',
  'Dev',
  'Elena',
  'Farid',
  'Greta',
  'Hugo',
  'Ines',
  'Jonah',
  'Keiko',
  'Luis',
  'Mara',
  'Nils',
  'Odile',
  'Pavel',
];
const NETWORKS = [
  'net-bluewave-broad',
  'net-bluewave-narrow',
  'net-harbor-premier',
  'net-harbor-standard',
  'net-medicare',
  'net-oceanstate',
];
const EXTRA_LANGUAGES = ['es', 'pt', 'vi', 'zh', 'ht'];
const CHANNELS = ['direct', 'fax', 'fhir', 'portal'] as const;

function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const metric = (value: number, count: number) => ({
  value,
  count,
  source: 'builtin',
  asOf: '2026-11-01',
});

/** A small synthetic directory of eye specialists around Providence, generated the same every time. */
export function builtinProfiles(seed = 7): DirectoryProfile[] {
  const rnd = mulberry32(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rnd() * items.length)] as T;
  const profiles: DirectoryProfile[] = [];
  let n = 0;
  for (const specialty of Object.keys(SPECIALTY_TAXONOMY)) {
    for (let k = 0; k < 4; k++, n++) {
      const base = String(100_000_000 + ((n * 7_919_077 + 13) % 899_999_999)).slice(0, 9);
      const npi = `1${base.slice(1)}${npiCheckDigit(`1${base.slice(1)}`)}`;
      const site = SITES[(n * 3 + k) % SITES.length] as Site;
      const family = FAMILY[n % FAMILY.length] as string;
      const networks = NETWORKS.filter(() => rnd() < 0.55);
      const channel = pick(CHANNELS);
      const slug = family.toLowerCase().replace(/[^a-z]/g, '');
      profiles.push(
        DirectoryProfile.parse({
          npi,
          name: `Dr. ${pick(GIVEN)} ${family}`,
          taxonomyCodes: [SPECIALTY_TAXONOMY[specialty]],
          locations: [
            {
              id: `loc-${n + 1}`,
              name: `${site.city} Eye Specialists`,
              line: `${10 + n * 7} ${pick(['Main', 'Broad', 'Elm', 'Angell', 'Hope'])} St`,
              city: site.city,
              state: site.state,
              postalCode: site.postalCode,
              acceptingNewPatients: null,
              position: {
                lat: site.lat + (rnd() - 0.5) * 0.01,
                lon: site.lon + (rnd() - 0.5) * 0.01,
              },
              phone: `401-555-${String(1000 + n).slice(-4)}`,
              fax: `401-555-${String(2000 + n).slice(-4)}`,
            },
          ],
          networkIds: networks.length > 0 ? networks : [pick(NETWORKS)],
          languages: ['en', ...EXTRA_LANGUAGES.filter(() => rnd() < 0.2)],
          acceptingNewPatients: rnd() < 0.85,
          metrics: {
            waitDays: metric(Math.floor(3 + rnd() * 60), 40),
            rating: metric(Math.round((3.2 + rnd() * 1.8) * 10) / 10, Math.floor(rnd() * 200)),
            loopClosureRate: metric(Math.round((0.45 + rnd() * 0.5) * 100) / 100, 60),
          },
          active: true,
          source: 'builtin',
          preferredChannel: channel,
          endpoints: [
            {
              channel,
              address:
                channel === 'fax'
                  ? `401-555-${String(2000 + n).slice(-4)}`
                  : channel === 'fhir'
                    ? `https://fhir.${slug}-eye.example.org/r4`
                    : channel === 'portal'
                      ? `https://portal.${slug}-eye.example.org/referrals`
                      : `referrals@direct.${slug}-eye.example.org`,
            },
          ],
        }),
      );
    }
  }
  return profiles;
}
