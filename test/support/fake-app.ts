import { Webhook } from 'standardwebhooks';
import { consultNoteReader } from '../../src/adapters/hl7/index.js';
import { createWebhookVerifier } from '../../src/adapters/webhooks/index.js';
import type { AppError } from '../../src/domain/index.js';
import { type AppDeps, createApp } from '../../src/http/index.js';
import { createGraphHarness } from '../fakes/graph-harness.js';
import { hl7IntakeFor } from './hl7-intake.js';

export const FAKE_APP_PRACTICE = 'practice-test';
export const FAKE_APP_WEBHOOK_SECRET = 'whsec_dGVzdC1vbmx5LXdlYmhvb2stc2VjcmV0LTEyMzQ1';
export const FAKE_APP_TOKENS = {
  coordinator: 'coordinator-token-0001',
  viewer: 'viewer-token-000000001',
  /** A coordinator of another practice: none of the fake store's referrals are its. */
  otherPractice: 'other-practice-token-01',
} as const;

/**
 * The real `createApp` over the graph harness (in-memory SQLite, fake EHR and payer) with a fake
 * matcher; `logged` collects what the app hands its error logger.
 */
export async function createFakeApp(
  limits: Partial<Pick<AppDeps, 'maxApiBytes' | 'maxWebhookBytes' | 'maxDocumentBytes'>> = {},
) {
  const h = await createGraphHarness();
  const logged: AppError[] = [];
  const app = createApp({
    store: h.store,
    runner: h.runner,
    clock: h.clock,
    hl7: hl7IntakeFor(h).http,
    ccda: consultNoteReader,
    grants: [
      {
        token: FAKE_APP_TOKENS.coordinator,
        practiceId: FAKE_APP_PRACTICE,
        role: 'coordinator',
        name: 'cora',
      },
      { token: FAKE_APP_TOKENS.viewer, practiceId: FAKE_APP_PRACTICE, role: 'viewer', name: 'vic' },
      {
        token: FAKE_APP_TOKENS.otherPractice,
        practiceId: 'practice-other',
        role: 'coordinator',
        name: 'otto',
      },
    ],
    verifyWebhook: createWebhookVerifier({
      secret: FAKE_APP_WEBHOOK_SECRET,
      practiceId: FAKE_APP_PRACTICE,
    }),
    maxWebhookBytes: limits.maxWebhookBytes ?? 64 * 1024,
    maxApiBytes: limits.maxApiBytes ?? 256 * 1024,
    ...(limits.maxDocumentBytes ? { maxDocumentBytes: limits.maxDocumentBytes } : {}),
    onWebhookAccepted: () => {},
    health: async () => ({ store: 'sqlite' }),
    match: async () => ({
      status: 'exception',
      specialty: {
        specialties: [],
        confidence: 'none',
        source: 'none',
        evidence: '-',
        urgentCondition: null,
      },
      candidates: [],
    }),
    logError: (e) => logged.push(e),
  });
  return { app, harness: h, logged, close: () => h.close() };
}

/** Standard Webhooks headers for `body`, signed with the fake app's secret. */
export function signedWebhookHeaders(body: string | Uint8Array, id = 'evt_1') {
  // One instant for both: signed and sent timestamps that straddle a second would not verify.
  const at = new Date(Math.floor(Date.now() / 1000) * 1000);
  const text = typeof body === 'string' ? body : new TextDecoder().decode(body);
  return {
    'webhook-id': id,
    'webhook-timestamp': String(at.getTime() / 1000),
    'webhook-signature': new Webhook(FAKE_APP_WEBHOOK_SECRET).sign(id, at, text),
  };
}
