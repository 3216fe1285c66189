import { describe, expect, it } from 'vitest';
import { AnalyticsFilter, creationWindow } from './analytics.js';

describe('AnalyticsFilter', () => {
  it('takes real dates in order, known dimensions, and nothing at all', () => {
    expect(AnalyticsFilter.parse({})).toEqual({});
    expect(
      AnalyticsFilter.parse({
        from: '2026-01-01',
        to: '2026-01-01',
        specialty: 'retina',
        payer: 'bluewave',
        urgency: 'urgent',
      }),
    ).toMatchObject({ from: '2026-01-01', urgency: 'urgent' });
  });

  it.each([
    [{ from: '2026-13-01' }, 'from'],
    [{ to: '2026-02-30' }, 'to'],
    [{ from: '2026-03-02', to: '2026-03-01' }, 'to'],
    [{ urgency: 'soon' }, 'urgency'],
    [{ specialty: "retina' or 1=1" }, 'specialty'],
  ])('refuses %o at %s', (input, path) => {
    const result = AnalyticsFilter.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.'))).toEqual([path]);
  });

  it('counts whole UTC days, `to` included', () => {
    expect(creationWindow({ from: '2026-01-01', to: '2026-01-31' })).toEqual({
      fromMs: Date.parse('2026-01-01T00:00:00Z'),
      untilMs: Date.parse('2026-02-01T00:00:00Z'),
    });
    expect(creationWindow({})).toEqual({});
  });
});
