import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../../sandbox/index.js';
import { type ServiceApi, serviceApi } from '../support/api.js';
import { killAllChildren, spawnService } from '../support/child-service.js';
import { createReferralAwaitingReview, waitForMessages, waitForStatus } from '../support/flows.js';
import { freePort } from '../support/free-port.js';
import { EHR_API_KEY, serviceEnv, startTestSandbox, TOKENS } from '../support/harness.js';
import { HOUR } from '../support/manual-clock.js';
import { QUICK_FOLLOW_UP_TIMERS } from '../support/quick-timers.js';
import { sandboxApi } from '../support/sandbox-api.js';
import { waitFor } from '../support/wait-for.js';
import { newWebhookSecret } from '../support/webhooks.js';

/**
 * The first process passes over its timers once, at start, before the referral exists, and not
 * again for an hour: whatever the machine's speed, the timer cannot fire before the stop.
 */
const NEVER_AGAIN_MS = String(HOUR);
const SOON_MS = '100';
const WAIT_MS = 20_000;

/** What the SQLite file holds for the referral while no process has it open. */
function storedTimerState(path: string, referralId: string) {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const timers = db
      .prepare('SELECT wait_key, kind, due_at FROM referral_timers WHERE referral_id = ?')
      .all(referralId) as Array<{ wait_key: string; kind: string; due_at: string }>;
    const timeouts = db
      .prepare(
        "SELECT webhook_id FROM webhook_inbox WHERE referral_id = ? AND type = 'loop.timeout'",
      )
      .all(referralId);
    return { timers, timeouts };
  } finally {
    db.close();
  }
}

/** Waits until every delivery the referral queued is confirmed (so a stop interrupts none). */
async function deliveriesSettled(api: ServiceApi, id: string) {
  return waitFor(
    async () => {
      const audit = await api.audit(id);
      const count = (actions: string[]) => audit.filter((e) => actions.includes(e.action)).length;
      const queued = count(['writeback.queued', 'message.queued']);
      return queued > 0 && count(['writeback.delivered', 'message.delivered']) === queued
        ? audit
        : undefined;
    },
    { timeoutMs: WAIT_MS, what: `every delivery queued for ${id} to be confirmed` },
  );
}

describe('restart while a loop timer is pending (service in a child process)', () => {
  let sandbox: RunningSandbox | undefined;
  let dataDir: string | undefined;
  afterEach(async () => {
    await killAllChildren();
    await sandbox?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    sandbox = undefined;
    dataDir = undefined;
  });

  it.each(['SIGTERM', 'SIGKILL'] as const)(
    'stopped with %s while the acknowledgement timer is pending: after the restart it fires once',
    async (signal) => {
      const port = await freePort();
      const secret = newWebhookSecret();
      sandbox = await startTestSandbox(port, secret);
      dataDir = mkdtempSync(join(tmpdir(), 'e2e-restart-timers-'));
      const dbPath = join(dataDir, 'referrals.sqlite');
      const env = serviceEnv({
        port,
        sandboxUrl: sandbox.url,
        webhookSecret: secret,
        dataDir,
        extra: { LOOP_TIMERS: JSON.stringify(QUICK_FOLLOW_UP_TIMERS) },
      });
      const ehr = sandboxApi(sandbox.url, EHR_API_KEY);

      // Sent, and waiting for the office with its acknowledgement timer.
      const first = await spawnService({ ...env, TIMER_POLL_MS: NEVER_AGAIN_MS });
      const api = serviceApi(first.url, TOKENS.coordinator);
      const { id } = await createReferralAwaitingReview({ api, ehr });
      await api.decide(id, { decision: 'approve' });
      await waitForStatus(api, id, 'sent');
      const waiting = await waitFor(
        async () => {
          const detail = await api.referral(id);
          return detail.pending === 'await-response' ? detail.waiting : undefined;
        },
        { what: `${id} to wait for the office` },
      );
      expect(waiting).toMatchObject({ kind: 'await-response', timer: 'acknowledgement' });
      await waitForMessages(ehr, id, 1);
      await deliveriesSettled(api, id);
      expect(await first.kill(signal)).toBe(signal === 'SIGTERM' ? 0 : 'SIGKILL');

      // At the stop the timer is stored, due, and has not fired.
      const atStop = storedTimerState(dbPath, id);
      expect(atStop.timers).toEqual([
        expect.objectContaining({ kind: 'acknowledgement', due_at: waiting?.dueAt }),
      ]);
      expect(atStop.timeouts).toEqual([]);

      // The new process fires it: one follow-up to the office, one task, then the far expiry.
      const second = await spawnService({ ...env, TIMER_POLL_MS: SOON_MS });
      const next = await waitFor(
        async () => {
          const detail = await api.referral(id);
          return detail.waiting?.timer === 'expiry' ? detail : undefined;
        },
        { timeoutMs: WAIT_MS, what: `${id} to be followed up and wait for its expiry` },
      );
      expect(next).toMatchObject({ status: 'sent', pending: 'await-response' });
      const messages = await waitForMessages(ehr, id, 2, WAIT_MS);
      const audit = await deliveriesSettled(api, id);

      expect(messages.map((m) => m.subject.startsWith(`Follow-up 1: referral ${id}`))).toEqual([
        false,
        true,
      ]);
      expect(await ehr.messages(id)).toHaveLength(2);
      const timeouts = audit.filter(
        (e) => e.action === 'event.recorded' && e.data.type === 'timeout',
      );
      expect(timeouts).toEqual([
        expect.objectContaining({
          actor: 'timer',
          data: expect.objectContaining({ timer: 'acknowledgement' }),
        }),
      ]);
      const followUps = audit.filter(
        (e) => e.action === 'referral.transition' && e.data.followUp !== undefined,
      );
      expect(followUps.map((e) => e.data.followUp)).toEqual([1]);
      const queued = audit.filter((e) => e.action === 'message.queued').map((e) => e.data.kind);
      expect(queued.filter((k) => k === 'specialist_message')).toHaveLength(2);
      const tasks = (await api.tasks()).filter((t) => t.referralId === id);
      expect(tasks.map((t) => t.kind)).toEqual(['follow_up']);

      expect(await second.kill('SIGTERM')).toBe(0);
      const after = storedTimerState(dbPath, id);
      expect(after.timeouts).toHaveLength(1);
      expect(after.timers).toEqual([expect.objectContaining({ kind: 'expiry' })]);
      expect(after.timers[0]?.wait_key).not.toBe(atStop.timers[0]?.wait_key);
    },
    90_000,
  );
});
