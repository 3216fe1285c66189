import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';

describe('loadConfig', () => {
  it('runs out of the box: SQLite under ./data, the embedded sandbox, assist mode', () => {
    const c = loadConfig({});
    expect(c.store).toEqual({ kind: 'sqlite', path: './data/referrals.sqlite' });
    expect(c.http.port).toBe(8787);
    expect(c.sandbox).toMatchObject({
      embedded: true,
      port: 8788,
      webhookUrl: 'http://127.0.0.1:8787/webhooks/ehr',
    });
    expect(c.ehr.baseUrl).toBe('http://127.0.0.1:8788');
    expect(c.rollout.defaultMode).toBe('assist');
    expect(c.auth.grants[0]).toMatchObject({ practiceId: 'practice-demo', role: 'coordinator' });
  });

  it('switches to PostgreSQL and an external EHR by one variable each', () => {
    const c = loadConfig({
      DATABASE_URL: 'postgres://127.0.0.1:5432/test',
      EHR_BASE_URL: 'https://ehr.example.org',
    });
    expect(c.store).toEqual({ kind: 'postgres', url: 'postgres://127.0.0.1:5432/test' });
    expect(c.sandbox.embedded).toBe(false);
    expect(c.payer.baseUrl).toBe('https://ehr.example.org');
  });

  it('parses JSON settings and names the variable at fault', () => {
    expect(loadConfig({ ROLLOUT_MODES: '{"retina":"autonomous"}' }).rollout.modes).toEqual({
      retina: 'autonomous',
    });
    expect(() => loadConfig({ ROLLOUT_MODES: '{"retina":"yolo"}' })).toThrow(/ROLLOUT_MODES/);
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ WEBHOOK_SECRET: 'short' })).toThrow(/WEBHOOK_SECRET/);
    expect(() => loadConfig({ OUTBOX_LEASE_MS: '1000' })).toThrow(/OUTBOX_LEASE_MS/);
    expect(() => loadConfig({ COORDINATOR_TOKENS: 'not json' })).toThrow(
      /COORDINATOR_TOKENS: must be valid JSON/,
    );
  });

  it('anchors the audit chain with a configured key, flagging the development default', () => {
    const defaults = loadConfig({}).audit;
    expect(defaults).toMatchObject({ anchorIntervalMs: 60_000, isAnchorKeyDefault: true });
    expect(defaults.anchorKey.length).toBeGreaterThanOrEqual(32);
    const key = 'k'.repeat(32);
    expect(loadConfig({ AUDIT_ANCHOR_KEY: key, AUDIT_ANCHOR_INTERVAL_MS: '5000' }).audit).toEqual({
      anchorKey: key,
      anchorIntervalMs: 5000,
      isAnchorKeyDefault: false,
    });
    const short = 'k'.repeat(31);
    const refusal = (() => {
      try {
        loadConfig({ AUDIT_ANCHOR_KEY: short });
      } catch (error) {
        return (error as Error).message;
      }
      return 'accepted';
    })();
    expect(refusal).toMatch(/AUDIT_ANCHOR_KEY/);
    expect(refusal).not.toContain(short);
    expect(() => loadConfig({ AUDIT_ANCHOR_INTERVAL_MS: '0' })).toThrow(/AUDIT_ANCHOR_INTERVAL_MS/);
  });

  it('limits /api bodies and slow clients by default, and keeps the header timeout inside the request one', () => {
    expect(loadConfig({}).http).toMatchObject({
      maxBodyBytes: 256 * 1024,
      headersTimeoutMs: 10_000,
      requestTimeoutMs: 30_000,
    });
    const tuned = loadConfig({
      API_MAX_BODY_BYTES: '1024',
      HTTP_HEADERS_TIMEOUT_MS: '200',
      HTTP_REQUEST_TIMEOUT_MS: '300',
    });
    expect(tuned.http).toMatchObject({
      maxBodyBytes: 1024,
      headersTimeoutMs: 200,
      requestTimeoutMs: 300,
    });
    expect(() => loadConfig({ API_MAX_BODY_BYTES: '0' })).toThrow(/API_MAX_BODY_BYTES/);
    expect(() =>
      loadConfig({ HTTP_HEADERS_TIMEOUT_MS: '5000', HTTP_REQUEST_TIMEOUT_MS: '1000' }),
    ).toThrow(/HTTP_HEADERS_TIMEOUT_MS/);
  });

  it('reconciles every minute with a day of lookback by default; 0 turns the periodic pass off', () => {
    expect(loadConfig({}).loop).toMatchObject({
      reconcileIntervalMs: 60_000,
      reconcileLookbackMs: 86_400_000,
    });
    expect(
      loadConfig({ RECONCILE_INTERVAL_MS: '0', RECONCILE_LOOKBACK_MS: '0' }).loop,
    ).toMatchObject({ reconcileIntervalMs: 0, reconcileLookbackMs: 0 });
    expect(() => loadConfig({ RECONCILE_INTERVAL_MS: '-1' })).toThrow(/RECONCILE_INTERVAL_MS/);
    expect(() => loadConfig({ RECONCILE_LOOKBACK_MS: 'a day' })).toThrow(/RECONCILE_LOOKBACK_MS/);
  });
});
