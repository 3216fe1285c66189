import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type BrowserSession, launchBrowser, openSession, signIn } from '../support/browser.js';
import {
  createReferralAwaitingReview,
  settle,
  waitForMessages,
  waitForStatus,
} from '../support/flows.js';
import { type Harness, startHarness, TOKENS } from '../support/harness.js';
import { waitFor } from '../support/wait-for.js';
import {
  BROWSER_HARNESS_ENV,
  candidateIds,
  createReferralAtException,
  PAGE_WAIT_MS,
  recommendedCandidate,
  reloadUntilStatus,
  selectRow,
  statusBadge,
  valueMissing,
} from '../support/workspace-pages.js';

/**
 * A coordinator's morning in a real Chromium against the real service and sandbox EHR: the live
 * queue, the keyboard, and every decision form, each checked where it lands (the EHR, the API).
 */
describe('coordinator workspace in a browser', () => {
  let h: Harness;
  let browser: Browser;
  let s: BrowserSession;
  const url = (path: string) => `${h.service.url}${path}`;

  beforeAll(async () => {
    [h, browser] = await Promise.all([startHarness({ env: BROWSER_HARNESS_ENV }), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });
  beforeEach(async () => {
    s = await openSession(browser);
    await signIn(s.page, h.service.url, TOKENS.coordinator);
  });
  afterEach(async () => {
    await s.close();
  });

  it('a new referral appears in the open queue by itself; j, Enter, edit the letter, send', async () => {
    const { page } = s;
    expect(await page.locator('#queue-table').count()).toBe(1);
    expect(await page.locator('#queue-counts a[aria-current="true"]').textContent()).toContain(
      'Pending review',
    );

    // Created in the EHR after the page loaded: the page's own refresh brings it.
    const { id } = await h.ehr.createReferral();
    const row = await page.waitForSelector(`tr[data-row][data-referral="${id}"]`, {
      timeout: PAGE_WAIT_MS,
    });
    expect(await row.getAttribute('data-href')).toBe(`/workspace/referrals/${id}`);
    await page.waitForSelector('#queue-live:has-text("new in the queue")');
    expect(Number(await page.locator('strong[data-count="review"]').textContent())).toBeGreaterThan(
      0,
    );

    await selectRow(page, id);
    await Promise.all([
      page.waitForURL(url(`/workspace/referrals/${id}`)),
      page.keyboard.press('Enter'),
    ]);
    expect(await page.locator('h1').textContent()).toContain(id);
    expect(await statusBadge(page)).toBe('pending review');

    const marker = `Edited in the browser ${id}: please see her this week.`;
    const letter = page.locator('#packetBody');
    expect((await letter.inputValue()).length).toBeGreaterThan(0);
    await letter.fill(`Dear colleague,\n\n${marker}\n\nThank you.`);
    await Promise.all([
      page.waitForURL((u) => u.searchParams.get('done') === 'edit'),
      page.getByRole('button', { name: 'Save edits and send' }).click(),
    ]);
    expect(await page.locator('.notice.ok').textContent()).toContain('Approved with your changes');

    expect(await reloadUntilStatus(page, 'sent')).toBe('sent');
    const [message] = await waitForMessages(h.ehr, id, 1);
    expect(message?.body).toContain(marker);
    const audit = await h.api.audit(id);
    expect(audit.find((e) => e.action === 'review.decided')?.data).toMatchObject({
      decision: 'edit',
    });
  });

  it('reject with a reason: the page offers the next candidates, the rejected one gone', async () => {
    const { page } = s;
    const { id } = await createReferralAwaitingReview(h);
    await page.goto(url(`/workspace/referrals/${id}`));
    const rejected = await recommendedCandidate(page);
    if (!rejected) throw new Error('the referral page should mark one candidate recommended');
    const rejectedNpi = rejected.split('@')[0];
    expect(await candidateIds(page)).toContain(rejected);

    // The reason is required: the browser will not send the form without it.
    const reject = page.getByRole('button', { name: 'Reject and re-match' });
    await reject.click();
    const note = page.locator('#reject-note');
    expect(await note.evaluate(valueMissing)).toBe(true);
    expect(await page.locator('.notice').count()).toBe(0);

    await note.fill('Seen there before; the patient asked for another.');
    await Promise.all([
      page.waitForURL((u) => u.searchParams.get('done') === 'reject'),
      reject.click(),
    ]);
    expect(await page.locator('.notice.ok').textContent()).toContain('Rejected');
    expect(await reloadUntilStatus(page, 'pending review')).toBe('pending review');

    const next = await candidateIds(page);
    expect(next.length).toBeGreaterThan(0);
    expect(next.some((c) => c.split('@')[0] === rejectedNpi)).toBe(false);
    const recommended = await recommendedCandidate(page);
    expect(recommended).not.toBeNull();
    expect(recommended?.split('@')[0]).not.toBe(rejectedNpi);
    expect(await page.getByRole('button', { name: 'Save edits and send' }).count()).toBe(1);
    expect((await h.api.referral(id)).candidates.some((c) => c.npi === rejectedNpi)).toBe(false);
    expect(await h.ehr.messages(id)).toEqual([]);
  });

  it('a decision from a page opened before the gate changed is refused (409); nothing is sent', async () => {
    const { page, context } = s;
    const { id } = await createReferralAwaitingReview(h);
    await page.goto(url(`/workspace/referrals/${id}`));
    const stale = await context.newPage();
    await stale.goto(url(`/workspace/referrals/${id}`));
    const seen = await recommendedCandidate(stale);

    // In the first tab the coordinator rejects: a new round, a new recommendation.
    await page.locator('#reject-note').fill('Not this office.');
    await Promise.all([
      page.waitForURL((u) => u.searchParams.get('done') === 'reject'),
      page.getByRole('button', { name: 'Reject and re-match' }).click(),
    ]);
    expect(await reloadUntilStatus(page, 'pending review')).toBe('pending review');
    expect(await recommendedCandidate(page)).not.toBe(seen);

    // The second tab still shows the first round: approving there must not send the new pick,
    // which this coordinator never saw.
    const [answer] = await Promise.all([
      stale.waitForResponse((r) => r.request().method() === 'POST'),
      stale.getByRole('button', { name: 'Approve and send' }).click(),
    ]);
    await stale.waitForLoadState();
    // Soft, so that a failure here still shows below what the stale click did.
    expect.soft(answer.status()).toBe(409);
    expect.soft(await stale.locator('.notice').first().getAttribute('class')).toBe('notice error');
    expect.soft(s.problems.take()).toEqual([expect.stringContaining('status of 409')]);
    await stale.close();

    await settle(h);
    const detail = await h.api.referral(id);
    expect(detail.status).toBe('pending_review');
    expect(await h.ehr.messages(id)).toEqual([]);
    const decided = (await h.api.audit(id)).filter((e) => e.action === 'review.decided');
    expect(decided.map((e) => e.data.decision)).toEqual(['reject']);
  });

  it('resolves an unmapped exception by choosing a specialty: the referral reaches review', async () => {
    const { page } = s;
    const parked = await createReferralAtException(h);
    expect(parked.exception).toMatchObject({ reason: 'specialty_unmapped' });

    await page.goto(url('/workspace?view=exception'));
    await page.waitForSelector(`tr[data-row][data-referral="${parked.id}"]`);
    expect(
      Number(await page.locator('strong[data-count="exception"]').textContent()),
    ).toBeGreaterThan(0);
    await page.locator(`tr[data-referral="${parked.id}"] a`).first().click();
    await page.waitForURL(url(`/workspace/referrals/${parked.id}`));

    expect(await statusBadge(page)).toBe('exception');
    expect(await page.getByRole('heading', { name: 'Resolve the exception' }).count()).toBe(1);
    expect(await page.locator('.notice.error').first().textContent()).toContain(
      'specialty unmapped',
    );
    // The directory search lists active specialists to propose by hand.
    await page.fill('#find', 'dr');
    await Promise.all([
      page.waitForURL((u) => u.searchParams.get('find') === 'dr'),
      page.getByRole('button', { name: 'Search the directory' }).click(),
    ]);
    expect(await page.getByRole('heading', { name: 'Directory results' }).count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Propose' }).count()).toBeGreaterThan(0);
    // Choosing nothing is refused by the form itself.
    const match = page.getByRole('button', { name: 'Match with this specialty' });
    const choice = page.locator('#retry-specialty');
    await match.click();
    expect(await choice.evaluate(valueMissing)).toBe(true);

    await choice.selectOption('retina');
    await Promise.all([
      page.waitForURL((u) => u.searchParams.get('done') === 'retry'),
      match.click(),
    ]);
    expect(await page.locator('.notice.ok').textContent()).toContain('Retried');
    expect(await reloadUntilStatus(page, 'pending review')).toBe('pending review');
    expect((await candidateIds(page)).length).toBeGreaterThan(0);
    expect(await page.getByRole('heading', { name: 'Review', exact: true }).count()).toBe(1);

    const detail = await waitForStatus(h.api, parked.id, 'pending_review');
    expect(detail.pendingReview?.kind).toBe('review');
    expect(detail.specialty?.specialties.map((sp) => sp.key)).toContain('retina');
  });

  it('approves from the queue with `a`; the follow-up task it later needs is completed and leaves', async () => {
    const { page } = s;
    const { id } = await createReferralAwaitingReview(h);
    await page.goto(url('/workspace'));
    await page.waitForSelector(`tr[data-row][data-referral="${id}"]`);
    await selectRow(page, id);
    await Promise.all([
      page.waitForURL((u) => u.searchParams.get('done') === 'approve'),
      page.keyboard.press('a'),
    ]);
    expect(await page.locator('.notice.ok').textContent()).toContain('Approved');
    expect(await page.locator(`tr[data-referral="${id}"]`).count()).toBe(0);
    await waitForStatus(h.api, id, 'sent');

    // The office does not acknowledge: after one follow-up a coordinator is asked.
    const task = await waitFor(
      async () =>
        (await h.api.tasks('open')).find((t) => t.referralId === id && t.kind === 'follow_up'),
      { timeoutMs: PAGE_WAIT_MS, what: `a follow-up task for ${id}` },
    );
    await page.goto(url('/workspace?view=follow_up'));
    const row = page.locator(`tr[data-row][data-task="${task.id}"]`);
    expect(await row.count()).toBe(1);
    expect(await row.getAttribute('data-href')).toBe(`/workspace/referrals/${id}`);
    const followUps = () => page.locator('strong[data-count="follow_up"]').textContent();
    expect(Number(await followUps())).toBe(await page.locator('tr[data-task]').count());

    await Promise.all([
      page.waitForURL((u) => u.searchParams.get('done') === 'task'),
      row.getByRole('button', { name: 'Complete' }).click(),
    ]);
    expect(await page.locator('.notice.ok').textContent()).toContain('Task completed');
    expect(await page.locator(`tr[data-task="${task.id}"]`).count()).toBe(0);
    expect(Number(await followUps())).toBe(await page.locator('tr[data-task]').count());
    const done = (await h.api.tasks('done')).find((t) => t.id === task.id);
    expect(done?.status).toBe('done');
  });
});
