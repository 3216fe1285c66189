import type { Detail, ServiceApi } from './api.js';
import type { Harness } from './harness.js';
import { RETINA_REFERRAL, type SandboxApi } from './sandbox-api.js';
import { waitFor } from './wait-for.js';

export const WAIT_MS = 10_000;

/** Waits until the service reports `status` for the referral (and returns its detail). */
export function waitForStatus(
  api: ServiceApi,
  id: string,
  status: string,
  timeoutMs = WAIT_MS,
): Promise<Detail> {
  return waitFor(
    async () => {
      const detail = await api.referral(id);
      return detail.status === status ? detail : undefined;
    },
    { timeoutMs, what: `referral ${id} to reach status ${status}` },
  );
}

/** Waits until the referral is in the review queue with its review gate open. */
export async function waitForReviewQueue(h: Pick<Harness, 'api'>, id: string): Promise<Detail> {
  // The status is written inside the run and the gate mirrored when the run stops: wait for both.
  await waitFor(
    async () =>
      (await h.api.list('pending_review')).find((r) => r.id === id && r.pending === 'review'),
    { what: `${id} to be listed under ?status=pending_review with its review gate` },
  );
  return waitFor(
    async () => {
      const detail = await h.api.referral(id);
      return detail.pendingReview?.kind === 'review' ? detail : undefined;
    },
    { what: `${id} to have a pending review gate` },
  );
}

/** Creates the demo retina referral in the sandbox and waits for it to await review. */
export async function createReferralAwaitingReview(
  h: Pick<Harness, 'api' | 'ehr'>,
  input: Record<string, unknown> = RETINA_REFERRAL,
): Promise<Detail> {
  const referral = await h.ehr.createReferral(input);
  return waitForReviewQueue(h, referral.id);
}

/** Waits until the sandbox holds `count` messages for the referral (then returns them). */
export function waitForMessages(ehr: SandboxApi, id: string, count: number, timeoutMs = WAIT_MS) {
  return waitFor(
    async () => {
      const messages = await ehr.messages(id);
      return messages.length >= count ? messages : undefined;
    },
    { timeoutMs, what: `${count} message(s) to the specialist for ${id}` },
  );
}

/** Waits until the sandbox referral's status history ends with `last`. */
export function waitForWriteback(ehr: SandboxApi, id: string, last: string, timeoutMs = WAIT_MS) {
  return waitFor(
    async () => {
      const statuses = await ehr.statuses(id);
      return statuses.at(-1) === last ? statuses : undefined;
    },
    { timeoutMs, what: `the EHR status of ${id} to be written back as ${last}` },
  );
}

/** Lets every queued event and delivery run now, so "nothing happened" is a fact, not a race. */
export async function settle(h: Harness): Promise<void> {
  await h.service.drain();
  await h.service.drain();
}

/** The write-backs a referral gets on its way from the EHR to the specialist, in order. */
export const MAIN_PATH = [
  'search_initiated',
  'candidates_identified',
  'pending_review',
  'approved',
  'sent',
] as const;
