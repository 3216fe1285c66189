import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../../sandbox/index.js';
import { type ServiceApi, serviceApi } from '../support/api.js';
import { killAllChildren, spawnService } from '../support/child-service.js';
import {
  createReferralAwaitingReview,
  MAIN_PATH,
  waitForMessages,
  waitForStatus,
  waitForWriteback,
} from '../support/flows.js';
import { freePort } from '../support/free-port.js';
import {
  COORDINATOR_ACTOR,
  EHR_API_KEY,
  serviceEnv,
  startTestSandbox,
  TOKENS,
} from '../support/harness.js';
import { type SandboxApi, sandboxApi } from '../support/sandbox-api.js';
import { waitFor } from '../support/wait-for.js';
import { newWebhookSecret } from '../support/webhooks.js';

/**
 * A delivery the killed process had leased stays leased for the relay's lease (OUTBOX_LEASE_MS,
 * shortened here), and a referral's later deliveries queue behind it: allow for that.
 */
const LEASE_MS = 8000;
const AFTER_LEASE_MS = LEASE_MS + 10_000;

async function deliveryCounts(api: ServiceApi, id: string) {
  const audit = await api.audit(id);
  const count = (actions: string[]) => audit.filter((e) => actions.includes(e.action)).length;
  return {
    audit,
    queued: count(['writeback.queued', 'message.queued']),
    delivered: count(['writeback.delivered', 'message.delivered']),
  };
}

/** After the restart: approve, then check it was sent once and every status written once. */
async function approveAndCheckOnce(
  api: ServiceApi,
  ehr: SandboxApi,
  before: Awaited<ReturnType<typeof createReferralAwaitingReview>>,
  timeoutMs: number,
) {
  const id = before.id;
  const after = await api.referral(id);
  expect(after.status).toBe('pending_review');
  expect(after.pendingReview?.interruptId).toBe(before.pendingReview?.interruptId);
  expect(after.recommendedCandidateId).toBe(before.recommendedCandidateId);
  expect((await api.list('pending_review')).map((r) => r.id)).toEqual([id]);

  const answer = await api.decide(id, { decision: 'approve' });
  expect(answer).toMatchObject({ referralId: id, status: 'approved', pending: 'await-delivery' });
  await waitForStatus(api, id, 'sent');

  const [message] = await waitForMessages(ehr, id, 1, timeoutMs);
  const recommended = before.candidates.find(
    (c) => c.candidateId === before.recommendedCandidateId,
  );
  expect(message?.recipient.npi).toBe(recommended?.npi);
  expect(await waitForWriteback(ehr, id, 'sent', timeoutMs)).toEqual(MAIN_PATH);

  // Wait until the relay has confirmed everything it queued, then look for repeats.
  const { audit } = await waitFor(
    async () => {
      const counts = await deliveryCounts(api, id);
      return counts.delivered >= counts.queued ? counts : undefined;
    },
    { timeoutMs, what: 'every queued delivery to be confirmed' },
  );
  expect(audit.filter((e) => e.action === 'review.decided')).toEqual([
    expect.objectContaining({ actor: COORDINATOR_ACTOR }),
  ]);
  const moves = audit.filter(
    (e) => e.action === 'referral.transition' && e.data.from !== e.data.to,
  );
  expect(moves.map((e) => e.data.to)).toEqual(MAIN_PATH);
  const history = (await ehr.referral(id)).status_history;
  expect(history.map((s) => s.status)).toEqual(MAIN_PATH);
  expect(new Set(history.map((s) => s.idempotency_key)).size).toBe(MAIN_PATH.length);
  expect(await ehr.messages(id)).toHaveLength(1);
  expect((await ehr.webhooks()).filter((d) => d.referral_id === id)).toEqual([
    expect.objectContaining({ type: 'referral.created', delivered: true }),
  ]);
}

describe('restart while waiting for review (service in a child process)', () => {
  let sandbox: RunningSandbox | undefined;
  let dataDir: string | undefined;
  afterEach(async () => {
    await killAllChildren();
    await sandbox?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    sandbox = undefined;
    dataDir = undefined;
  });

  async function setUp() {
    const port = await freePort();
    const secret = newWebhookSecret();
    sandbox = await startTestSandbox(port, secret);
    dataDir = mkdtempSync(join(tmpdir(), 'e2e-restart-'));
    const env = serviceEnv({
      port,
      sandboxUrl: sandbox.url,
      webhookSecret: secret,
      dataDir,
      extra: { OUTBOX_LEASE_MS: String(LEASE_MS) },
    });
    return { env, ehr: sandboxApi(sandbox.url, EHR_API_KEY) };
  }

  it('SIGKILL at the review gate: the new process approves and sends once', async () => {
    const { env, ehr } = await setUp();
    const first = await spawnService(env);
    const api = serviceApi(first.url, TOKENS.coordinator);
    const before = await createReferralAwaitingReview({ api, ehr });
    // Let the write-backs of the first process land, so this test is about the graph alone.
    await waitForWriteback(ehr, before.id, 'pending_review');
    await waitFor(async () => {
      const c = await deliveryCounts(api, before.id);
      return c.delivered === c.queued;
    });
    expect(await first.kill('SIGKILL')).toBe('SIGKILL');
    expect(await fetch(`${first.url}/health`).catch(() => 'refused')).toBe('refused');

    const second = await spawnService(env);
    expect(second.url).toBe(first.url);
    await approveAndCheckOnce(api, ehr, before, 10_000);
    expect(await second.kill('SIGTERM')).toBe(0);
  });

  it('SIGKILL during a write-back: it is redelivered after the lease, never duplicated', async () => {
    const { env, ehr } = await setUp();
    // Every EHR call takes 1 s, so the kill lands while the relay is delivering a write-back.
    const slow = await ehr.post('/sandbox/faults', { target: 'ehr', mode: 'slow', delay_ms: 1000 });
    expect(slow.status).toBe(200);
    const first = await spawnService(env);
    const api = serviceApi(first.url, TOKENS.coordinator);
    const before = await createReferralAwaitingReview({ api, ehr });
    const atKill = await deliveryCounts(api, before.id);
    expect(atKill.delivered, 'a write-back is still in flight').toBeLessThan(atKill.queued);
    expect(await first.kill('SIGKILL')).toBe('SIGKILL');
    await ehr.resetFaults();

    const second = await spawnService(env);
    await approveAndCheckOnce(api, ehr, before, AFTER_LEASE_MS);
    expect(await second.kill('SIGTERM')).toBe(0);
  });
});
