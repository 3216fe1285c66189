import type { InsurancePlanRecord, NetworkRecord } from '../../src/domain/index.js';

/** A network, the share of practices contracted with it, and the broader network it narrows. */
export interface NetworkSpec extends NetworkRecord {
  payer: string;
  /** Probability a practice is in it (given it is in `within`, when set). */
  share: number;
  within?: string;
}

const PAYERS = {
  bluewave: 'BlueWave Health',
  harborcare: 'HarborCare',
  nutmeg: 'Nutmeg Health Partners',
  oceanstate: 'Ocean State Medicaid',
  medicare: 'Medicare Part B',
} as const;
type Payer = keyof typeof PAYERS;

const n = (id: string, name: string, payer: Payer, share: number, within?: string): NetworkSpec =>
  within ? { id, name, payer, share, within } : { id, name, payer, share };

/** The first six are the sandbox practice's networks, kept verbatim so demos match. */
export const NETWORK_SPECS: readonly NetworkSpec[] = [
  n('net-bluewave-broad', 'BlueWave Broad Network', 'bluewave', 0.45),
  n('net-bluewave-narrow', 'BlueWave Narrow Network', 'bluewave', 0.35, 'net-bluewave-broad'),
  n('net-harbor-standard', 'HarborCare Standard Network', 'harborcare', 0.4),
  n('net-harbor-premier', 'HarborCare Premier Network', 'harborcare', 0.4, 'net-harbor-standard'),
  n('net-medicare', 'Medicare Participating Providers', 'medicare', 0.5),
  n('net-oceanstate', 'Ocean State Medicaid Network', 'oceanstate', 0.3),
  n('net-bluewave-advantage', 'BlueWave Medicare Advantage Network', 'bluewave', 0.15),
  n('net-harbor-advantage', 'HarborCare Medicare Advantage Network', 'harborcare', 0.12),
  n('net-nutmeg-broad', 'Nutmeg Broad Network', 'nutmeg', 0.25),
  n('net-nutmeg-select', 'Nutmeg Select Network', 'nutmeg', 0.3, 'net-nutmeg-broad'),
  n('net-nutmeg-value', 'Nutmeg Value Network', 'nutmeg', 0.15),
  n(
    'net-oceanstate-kids',
    'Ocean State RIte Care Kids Network',
    'oceanstate',
    0.5,
    'net-oceanstate',
  ),
];

export const NETWORKS: readonly NetworkRecord[] = NETWORK_SPECS.map(({ id, name }) => ({
  id,
  name,
}));

const p = (id: string, name: string, payer: Payer, networkIds: string[]): InsurancePlanRecord => ({
  id,
  name,
  ownerName: PAYERS[payer],
  networkIds,
});

export const PLANS: readonly InsurancePlanRecord[] = [
  p('bluewave-ppo', 'BlueWave PPO', 'bluewave', ['net-bluewave-broad']),
  p('bluewave-hmo', 'BlueWave HMO Select', 'bluewave', ['net-bluewave-narrow']),
  p('harborcare-gold', 'HarborCare Gold', 'harborcare', [
    'net-harbor-premier',
    'net-harbor-standard',
  ]),
  p('harborcare-silver', 'HarborCare Silver', 'harborcare', ['net-harbor-standard']),
  p('medicare-b', 'Original Medicare Part B', 'medicare', ['net-medicare']),
  p('oceanstate-medicaid', 'Ocean State Medicaid', 'oceanstate', ['net-oceanstate']),
  p('bluewave-epo', 'BlueWave EPO', 'bluewave', ['net-bluewave-broad']),
  p('bluewave-bronze', 'BlueWave Bronze', 'bluewave', ['net-bluewave-narrow']),
  p('bluewave-silver', 'BlueWave Silver', 'bluewave', ['net-bluewave-broad']),
  p('bluewave-gold', 'BlueWave Gold', 'bluewave', ['net-bluewave-broad', 'net-bluewave-narrow']),
  p('bluewave-medicare-advantage', 'BlueWave Medicare Advantage HMO', 'bluewave', [
    'net-bluewave-advantage',
  ]),
  p('bluewave-medicare-ppo', 'BlueWave Medicare Advantage PPO', 'bluewave', [
    'net-bluewave-advantage',
    'net-bluewave-broad',
  ]),
  p('harborcare-bronze', 'HarborCare Bronze', 'harborcare', ['net-harbor-standard']),
  p('harborcare-platinum', 'HarborCare Platinum', 'harborcare', [
    'net-harbor-premier',
    'net-harbor-standard',
  ]),
  p('harborcare-medicare-advantage', 'HarborCare Medicare Advantage', 'harborcare', [
    'net-harbor-advantage',
  ]),
  p('harborcare-dual', 'HarborCare Dual Complete', 'harborcare', [
    'net-harbor-advantage',
    'net-oceanstate',
  ]),
  p('nutmeg-gold', 'Nutmeg Gold PPO', 'nutmeg', ['net-nutmeg-broad']),
  p('nutmeg-silver', 'Nutmeg Silver', 'nutmeg', ['net-nutmeg-broad', 'net-nutmeg-value']),
  p('nutmeg-bronze', 'Nutmeg Bronze', 'nutmeg', ['net-nutmeg-value']),
  p('nutmeg-select-hmo', 'Nutmeg Select HMO', 'nutmeg', ['net-nutmeg-select']),
  p('nutmeg-employer', 'Nutmeg Employer Choice', 'nutmeg', [
    'net-nutmeg-broad',
    'net-nutmeg-select',
    'net-nutmeg-value',
  ]),
  p('oceanstate-ritecare', 'Ocean State RIte Care', 'oceanstate', [
    'net-oceanstate',
    'net-oceanstate-kids',
  ]),
  p('oceanstate-chip', 'Ocean State Children’s Health', 'oceanstate', ['net-oceanstate-kids']),
  p('oceanstate-expansion', 'Ocean State Medicaid Expansion', 'oceanstate', ['net-oceanstate']),
  p('medicare-railroad', 'Railroad Medicare Part B', 'medicare', ['net-medicare']),
];
