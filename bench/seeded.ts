/** mulberry32: a small seeded generator, the same numbers on every run from the same seed. */
export function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Values with their relative weights. */
export type Weighted<T> = ReadonlyArray<readonly [T, number]>;

/** A weighted choice drawn from `random`. */
export function picker(random: () => number) {
  return <T>(choices: Weighted<T>): T => {
    let r = random() * choices.reduce((sum, [, w]) => sum + w, 0);
    for (const [value, weight] of choices) {
      r -= weight;
      if (r < 0) return value;
    }
    return (choices.at(-1) as readonly [T, number])[0];
  };
}

/** The payer mix of the bench practices: id and name, by share of referrals. */
export const PAYERS: Weighted<[string, string]> = [
  [['bluewave', 'BlueWave PPO'], 30],
  [['medicare', 'Medicare'], 25],
  [['acme', 'Acme Health'], 20],
  [['medicaid', 'Medicaid'], 15],
  [['northstar', 'Northstar HMO'], 10],
];
