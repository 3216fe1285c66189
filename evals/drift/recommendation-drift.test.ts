import { describe, expect, it } from 'vitest';
import { psi } from './psi.js';
import { recommendationDrift } from './recommendation-drift.js';
import { DriftThresholds } from './thresholds.js';
import type { WindowRecords } from './window-records.js';

const t = DriftThresholds.parse({});
const names = { baseline: '2026-01-01..2026-01-28', current: '2026-01-29..2026-02-04' };
const KM = [3, 7, 15, 30, 60];
const spread = (n: number, values: readonly number[] = KM) =>
  Array.from({ length: n }, (_, i) => values[i % values.length] as number);

/** 400 baseline referrals: 10% exceptions, 95% of sent in network, 5% LLM fallbacks. */
const baseline: WindowRecords = {
  created: 400,
  specialties: { retina: 200, glaucoma: 120, cornea: 80 },
  exceptions: 40,
  sent: 300,
  inNetworkSent: 285,
  llmAttempts: 200,
  llmFallbacks: 10,
  agreement: null,
  distancesKm: spread(200),
  distanceUnread: 0,
};

/** The same proportions over a quarter of the referrals. */
const stable: WindowRecords = {
  created: 100,
  specialties: { retina: 50, glaucoma: 30, cornea: 20 },
  exceptions: 10,
  sent: 80,
  inNetworkSent: 76,
  llmAttempts: 40,
  llmFallbacks: 2,
  agreement: null,
  distancesKm: spread(50),
  distanceUnread: 0,
};

function run(base: WindowRecords, cur: WindowRecords) {
  const out = recommendationDrift(base, cur, t, names);
  const metric = (id: string) => {
    const f = out.findings.find((x) => x.metric.id === id);
    if (!f) throw new Error(`no metric ${id}`);
    return f;
  };
  const alerts = out.findings.flatMap((f) => (f.alert ? [f.alert] : []));
  return { ...out, metric, alerts };
}

describe('recommendationDrift', () => {
  it('raises nothing when the current window has the baseline’s proportions', () => {
    const r = run(baseline, stable);
    expect(r.alerts).toEqual([]);
    expect(r.findings.map((f) => f.metric.status)).not.toContain('fail');
    expect(r.metric('specialty-mix.psi').metric.value).toBeCloseTo(0, 12);
    expect(r.metric('recommended-distance.psi').metric.value).toBeCloseTo(0, 12);
    expect(r.metric('exception-rate.delta').metric.value).toBeCloseTo(0, 12);
    expect(r.metric('in-network-rate.delta').metric.value).toBeCloseTo(0, 12);
    expect(r.metric('llm-fallback-rate.delta').metric.value).toBeCloseTo(0, 12);
  });

  it('alerts when the specialty mix moves, with the PSI as its value, and when it moves back', () => {
    const moved = { retina: 20, glaucoma: 30, cornea: 20, 'neuro-ophthalmology': 30 };
    const away = run(baseline, { ...stable, specialties: moved }).metric('specialty-mix.psi');
    expect(away.metric.value).toBeCloseTo(psi(baseline.specialties, moved) ?? 0, 12);
    expect(away.metric.value).toBeGreaterThan(0.2);
    expect(away.metric.status).toBe('fail');
    expect(away.alert).toContain('Specialty mix: PSI');
    expect(away.alert).toContain('neuro-ophthalmology');
    const back = run(
      { ...baseline, specialties: moved },
      { ...stable, specialties: baseline.specialties },
    );
    expect(back.metric('specialty-mix.psi').metric.status).toBe('fail');
  });

  it('warns without alerting on a moderate shift (PSI between 0.1 and 0.2)', () => {
    const r = run(
      { ...baseline, specialties: { retina: 500, glaucoma: 500 } },
      { ...stable, specialties: { retina: 660, glaucoma: 340 } },
    );
    const f = r.metric('specialty-mix.psi');
    expect(f.metric.value).toBeCloseTo(0.16 * (Math.log(1.32) + Math.log(0.5 / 0.34)), 9);
    expect(f.metric.status).toBe('warn');
    expect(f.alert).toBeNull();
  });

  it('does not alert on a PSI over 0.2 that windows this small give by chance', () => {
    const r = run(
      { ...baseline, specialties: { retina: 6, glaucoma: 4 } },
      { ...stable, specialties: { retina: 3, glaucoma: 7 } },
    );
    const f = r.metric('specialty-mix.psi');
    expect(f.metric.value).toBeGreaterThan(0.2);
    expect(f.metric.gate?.max).toBeGreaterThan(f.metric.value ?? 0);
    expect(f.alert).toBeNull();
  });

  it('alerts when recommended specialists get farther away, and when they get nearer', () => {
    const far = spread(50, [60, 120]);
    expect(
      run(baseline, { ...stable, distancesKm: far }).metric('recommended-distance.psi').alert,
    ).toContain('Recommended distance');
    const near = run({ ...baseline, distancesKm: spread(200, [60, 120]) }, stable);
    expect(near.metric('recommended-distance.psi').metric.status).toBe('fail');
  });

  it('alerts when the exception rate doubles, and when it halves', () => {
    const up = run(baseline, { ...stable, created: 200, exceptions: 40 }).metric(
      'exception-rate.delta',
    );
    expect(up.metric.value).toBeCloseTo(0.1, 12);
    expect(up.metric.status).toBe('fail');
    expect(up.alert).toContain('Exception rate moved +0.100 (0.100');
    const down = run({ ...baseline, exceptions: 80 }, { ...stable, created: 200, exceptions: 20 });
    expect(down.metric('exception-rate.delta').metric.value).toBeCloseTo(-0.1, 12);
    expect(down.metric('exception-rate.delta').metric.status).toBe('fail');
  });

  it('lets a large rate move on a handful of referrals pass as noise', () => {
    const r = run(
      { ...baseline, created: 10, exceptions: 1 },
      { ...stable, created: 10, exceptions: 3 },
    );
    const f = r.metric('exception-rate.delta');
    expect(f.metric.value).toBeCloseTo(0.2, 12);
    expect(f.metric.status).toBe('pass');
    expect(f.alert).toBeNull();
  });

  it('alerts when the in-network rate falls, and when it rises', () => {
    const fall = run(baseline, { ...stable, inNetworkSent: 64 }).metric('in-network-rate.delta');
    expect(fall.metric.value).toBeCloseTo(0.8 - 0.95, 12);
    expect(fall.metric.status).toBe('fail');
    const rise = run({ ...baseline, inNetworkSent: 240 }, stable).metric('in-network-rate.delta');
    expect(rise.metric.value).toBeCloseTo(0.15, 12);
    expect(rise.metric.status).toBe('fail');
  });

  it('alerts when the LLM falls back more often, and much less often', () => {
    const more = run(baseline, { ...stable, llmFallbacks: 12 }).metric('llm-fallback-rate.delta');
    expect(more.metric.value).toBeCloseTo(0.25, 12);
    expect(more.metric.status).toBe('fail');
    const fewer = run({ ...baseline, llmFallbacks: 60 }, stable).metric('llm-fallback-rate.delta');
    expect(fewer.metric.status).toBe('fail');
  });

  it('does not judge the fallback rate without LLM steps, and says so', () => {
    const r = run({ ...baseline, llmAttempts: 0, llmFallbacks: 0 }, stable);
    const f = r.metric('llm-fallback-rate.delta');
    expect(f.metric.value).toBeNull();
    expect(f.metric.status).toBe('info');
    expect(f.metric.gate).toBeUndefined();
    expect(r.notes.join(' ')).toContain('fallback rate is not judged');
  });

  it('reports LLM-versus-rules agreement as null with a note when it is not recorded', () => {
    const r = run(baseline, stable);
    const f = r.metric('llm-rules-agreement.delta');
    expect(f.metric.value).toBeNull();
    expect(f.metric.status).toBe('info');
    expect(r.notes.join(' ')).toContain('agreement is not recorded');
  });

  it('judges agreement like the other rates when both windows record it', () => {
    const r = run(
      { ...baseline, agreement: { compared: 200, agreed: 180 } },
      { ...stable, agreement: { compared: 100, agreed: 60 } },
    );
    expect(r.metric('llm-rules-agreement.delta').metric.value).toBeCloseTo(-0.3, 12);
    expect(r.metric('llm-rules-agreement.delta').metric.status).toBe('fail');
  });
});
