import type { Page } from 'playwright-core';
import type { Detail } from './api.js';
import type { Harness } from './harness.js';
import { QUICK_FOLLOW_UP_TIMERS } from './quick-timers.js';
import { RETINA_REFERRAL } from './sandbox-api.js';
import { waitFor } from './wait-for.js';

/** Long enough for any page to settle on a slow CI machine; the test's own timeout bounds it. */
export const PAGE_WAIT_MS = 30_000;

/** The service's environment for the browser tests: quick loop timers, checked often. */
export const BROWSER_HARNESS_ENV = {
  LOOP_TIMERS: JSON.stringify(QUICK_FOLLOW_UP_TIMERS),
  TIMER_POLL_MS: '100',
};

/** A reason and a code no specialty of the catalog answers: intake parks it as an exception. */
export const UNMAPPED_REFERRAL = {
  ...RETINA_REFERRAL,
  reason: 'Follow-up as discussed',
  diagnosis_codes: ['Z01.00'],
};

/** Creates the unmapped referral in the sandbox and waits until it waits at its exception gate. */
export async function createReferralAtException(h: Pick<Harness, 'api' | 'ehr'>): Promise<Detail> {
  const { id } = await h.ehr.createReferral(UNMAPPED_REFERRAL);
  return waitFor(
    async () => {
      const d = await h.api.referral(id);
      return d.status === 'exception' && d.pendingReview?.kind === 'exception' ? d : undefined;
    },
    { what: `${id} to wait at its exception gate` },
  );
}

/** The status badge in the referral page's heading ("pending review", "sent"). */
export async function statusBadge(page: Page): Promise<string> {
  return ((await page.locator('h1 .badge').textContent()) ?? '').trim();
}

/** Reloads the page until its status badge reads `status` (the page does not refresh itself). */
export function reloadUntilStatus(page: Page, status: string): Promise<string> {
  return waitFor(
    async () => {
      await page.reload();
      const shown = await statusBadge(page);
      return shown === status ? shown : undefined;
    },
    { timeoutMs: PAGE_WAIT_MS, intervalMs: 200, what: `the page to show the status ${status}` },
  );
}

/** The candidate ids the referral page lists, in order. */
export function candidateIds(page: Page): Promise<string[]> {
  return page
    .locator('tr[data-candidate]')
    .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-candidate') ?? ''));
}

/** The id of the candidate the page marks "recommended". */
export async function recommendedCandidate(page: Page): Promise<string | null> {
  const row = page.locator('tr[data-candidate]', {
    has: page.locator('.badge', { hasText: 'recommended' }),
  });
  return (await row.count()) === 1 ? row.getAttribute('data-candidate') : null;
}

/** Presses `j` until the queue selects the row of `key` (a referral or task id). */
export async function selectRow(page: Page, key: string): Promise<void> {
  const rows = await page.locator('tr[data-row]').count();
  for (let i = 0; i < rows; i++) {
    await page.keyboard.press('j');
    const selected = page.locator('tr[data-row][aria-selected="true"]');
    const id =
      (await selected.getAttribute('data-referral')) ?? (await selected.getAttribute('data-task'));
    if (id === key) return;
  }
  throw new Error(`pressing j never selected the row of ${key}`);
}

/** For `locator.evaluate`: the form control is required and empty (the browser refuses to send). */
export const valueMissing = (el: unknown): boolean =>
  (el as { validity: { valueMissing: boolean } }).validity.valueMissing;
