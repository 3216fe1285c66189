import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGraphHarness } from '../../../test/fakes/graph-harness.js';
import { hl7IntakeFor } from '../../../test/support/hl7-intake.js';
import { HOUR, manualClock } from '../../../test/support/manual-clock.js';
import { consultNoteReader } from '../../adapters/hl7/index.js';
import {
  ANALYTICS_VIEWS,
  type FunnelResult,
  NO_FACTS,
  type OutcomeMark,
  type ReferralFacts,
  type ReferralStatus,
  type VolumeResult,
} from '../../domain/index.js';
import { createApp } from '../app.js';

const PRACTICE = 'practice-test';
const TOKENS = { coordinator: 'coordinator-token-0001', viewer: 'viewer-token-000000001' };
const OTHER_PRACTICE_TOKEN = 'other-practice-token-01';
const NPI = '1234567893';

const retinaFacts: ReferralFacts = {
  ...NO_FACTS,
  specialty: 'retina',
  specialtyLabel: 'Retina',
  urgency: 'routine',
  payerId: 'bluewave',
  payerName: 'BlueWave PPO',
};

describe('GET /api/analytics/<view>', () => {
  const clock = manualClock('2026-01-05T09:00:00.000Z');
  let h: Awaited<ReturnType<typeof createGraphHarness>>;
  let app: ReturnType<typeof createApp>;
  const get = (path: string, token: string | null = TOKENS.viewer) =>
    app.request(path, token ? { headers: { authorization: `Bearer ${token}` } } : {});

  /** Moves the referral through `steps`, each an hour after the one before, with its facts. */
  async function walk(
    referralId: string,
    steps: Array<[ReferralStatus, Partial<ReferralFacts>?, OutcomeMark['milestone']?]>,
  ) {
    await h.store.referrals.createReferral({
      id: referralId,
      practiceId: PRACTICE,
      threadId: referralId,
    });
    for (const [to, facts, milestone] of steps) {
      clock.advance(HOUR);
      await h.store.referrals.applyTransition({
        practiceId: PRACTICE,
        referralId,
        to,
        actor: 'system',
        key: `${referralId}|${to}`,
        facts: { ...retinaFacts, ...facts },
        ...(milestone ? { outcome: { npi: NPI, milestone, at: clock.now().toISOString() } } : {}),
      });
    }
  }

  beforeAll(async () => {
    h = await createGraphHarness({ clock });
    app = createApp({
      store: h.store,
      runner: h.runner,
      clock,
      hl7: hl7IntakeFor(h).http,
      ccda: consultNoteReader,
      grants: [
        { token: TOKENS.coordinator, practiceId: PRACTICE, role: 'coordinator', name: 'cora' },
        { token: TOKENS.viewer, practiceId: PRACTICE, role: 'viewer', name: 'vic' },
        { token: OTHER_PRACTICE_TOKEN, practiceId: 'practice-other', role: 'viewer', name: 'otto' },
      ],
      verifyWebhook: () => ({ webhookId: 'x', practiceId: PRACTICE }),
      maxWebhookBytes: 1024,
      maxApiBytes: 64 * 1024,
      onWebhookAccepted: () => {},
      health: async () => ({}),
      match: async () => {
        throw new Error('not used');
      },
      logError: () => {},
      workspace: {
        sessionSecret: 'analytics-test-session-secret',
        sessionMs: HOUR,
        secureCookies: false,
      },
    });
    await walk('ref-closed', [
      ['search_initiated'],
      ['candidates_identified'],
      ['pending_review'],
      ['approved'],
      ['sent', { specialistNpi: NPI, inNetwork: true }, 'sent'],
      ['scheduled', {}, 'scheduled'],
      ['seen', {}, 'seen'],
      ['consult_received', {}, 'consult_received'],
      ['closed'],
    ]);
    clock.set('2026-01-14T10:00:00.000Z');
    await walk('ref-exception', [
      ['search_initiated'],
      ['candidates_identified'],
      ['exception', { exceptionReason: 'no_valid_candidate', noInNetworkOption: true }],
    ]);
  });
  afterAll(() => h.close());

  it('answers each view as JSON for coordinators and viewers of the practice', async () => {
    const range = 'from=2026-01-05&to=2026-01-18';
    const volume = await get(`/api/analytics/volume?${range}`, TOKENS.coordinator);
    expect(volume.status).toBe(200);
    expect((await volume.json()) as VolumeResult).toEqual({
      total: 2,
      weeks: [
        { week: '2026-W02', weekStart: '2026-01-05', created: 1 },
        { week: '2026-W03', weekStart: '2026-01-12', created: 1 },
      ],
    });
    const funnel = (await (await get('/api/analytics/funnel')).json()) as FunnelResult;
    expect(funnel.steps.map((s) => [s.step, s.count])).toEqual([
      ['created', 2],
      ['reviewed', 1],
      ['sent', 1],
      ['scheduled', 1],
      ['seen', 1],
      ['closed', 1],
    ]);
    expect(await (await get('/api/analytics/exceptions?specialty=retina')).json()).toEqual({
      total: 1,
      reasons: [{ reason: 'no_valid_candidate', count: 1 }],
    });
    expect(await (await get('/api/analytics/exceptions?to=2026-01-13')).json()).toEqual({
      total: 0,
      reasons: [],
    });
    for (const view of ANALYTICS_VIEWS) {
      expect((await get(`/api/analytics/${view}?format=json`)).status).toBe(200);
    }
  });

  it('downloads a view as CSV', async () => {
    const res = await get('/api/analytics/volume?format=csv&from=2026-01-05&to=2026-01-18');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(
      'attachment; filename="volume-2026-01-05-2026-01-18.csv"',
    );
    expect(await res.text()).toBe(
      'week,week_start,created\n2026-W02,2026-01-05,1\n2026-W03,2026-01-12,1\n',
    );
    const open = await get('/api/analytics/specialists?format=csv');
    expect(open.headers.get('content-disposition')).toBe(
      'attachment; filename="specialists-earliest-latest.csv"',
    );
    const [header, row] = (await open.text()).trim().split('\n');
    expect(header).toMatch(/^npi,sent,answered,answer_rate,/);
    expect(row).toMatch(new RegExp(`^${NPI},1,1,1,`));
  });

  it.each([
    ['from=2026-13-01', ['from']],
    ['from=2026-03-02&to=2026-03-01', ['to']],
    ['urgency=soon&format=xml', ['format', 'urgency']],
  ])('refuses %s with 422 naming each parameter', async (query, paths) => {
    const res = await get(`/api/analytics/funnel?${query}`);
    expect(res.status).toBe(422);
    const body = (await res.json()) as {
      error: { code: string; issues: Array<{ path: string }> };
    };
    expect(body.error.code).toBe('VALIDATION_FAILED');
    expect(body.error.issues.map((i) => i.path).sort()).toEqual(paths);
    expect(JSON.stringify(body)).not.toContain('2026-13-01');
  });

  it('needs a token, and shows another practice none of these referrals', async () => {
    expect((await get('/api/analytics/volume', null)).status).toBe(401);
    const funnel = (await (
      await get('/api/analytics/funnel', OTHER_PRACTICE_TOKEN)
    ).json()) as FunnelResult;
    expect(funnel.steps.every((s) => s.count === 0)).toBe(true);
    expect(await (await get('/api/analytics/volume', OTHER_PRACTICE_TOKEN)).json()).toEqual({
      total: 0,
      weeks: [],
    });
    expect(await (await get('/api/analytics/specialists', OTHER_PRACTICE_TOKEN)).json()).toEqual({
      specialists: [],
    });
  });

  it('documents every view in the OpenAPI document', async () => {
    const doc = (await (await app.request('/openapi.json')).json()) as {
      paths: Record<string, { get?: { parameters?: Array<{ name: string }> } }>;
      components: { schemas: Record<string, unknown> };
    };
    for (const view of ANALYTICS_VIEWS) {
      const get = doc.paths[`/api/analytics/${view}`]?.get;
      expect(get?.parameters?.map((p) => p.name).sort()).toEqual([
        'format',
        'from',
        'payer',
        'specialty',
        'to',
        'urgency',
      ]);
    }
    expect(Object.keys(doc.components.schemas)).toEqual(
      expect.arrayContaining(['AnalyticsVolume', 'AnalyticsCycleTimes', 'AnalyticsLlmFallback']),
    );
  });
});
