import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  type BrowserSession,
  csrfOf,
  launchBrowser,
  openSession,
  signIn,
} from '../support/browser.js';
import { createReferralAwaitingReview, settle } from '../support/flows.js';
import { type Harness, startHarness, TOKENS } from '../support/harness.js';
import { RETINA_REFERRAL } from '../support/sandbox-api.js';
import { BROWSER_HARNESS_ENV, statusBadge } from '../support/workspace-pages.js';

/**
 * Who may see and do what in the workspace, tried the way an attacker or a wrong role would: a
 * bad token, forms posted without their token or from another origin, another practice's
 * coordinator, and a viewer forging a decision. Every refusal leaves the referral untouched.
 */
describe('workspace access in a browser', () => {
  let h: Harness;
  let browser: Browser;
  let s: BrowserSession;
  /** A demo-practice referral waiting at review; nobody in this file may change it. */
  let id: string;
  const url = (path: string) => `${h.service.url}${path}`;

  beforeAll(async () => {
    [h, browser] = await Promise.all([startHarness({ env: BROWSER_HARNESS_ENV }), launchBrowser()]);
    id = (await createReferralAwaitingReview(h)).id;
  });
  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });
  beforeEach(async () => {
    s = await openSession(browser);
  });
  afterEach(async () => {
    await s.close();
  });

  /** A form POST from the page's own cookie jar (never followed: the answer itself is checked). */
  const postForm = (page: Page, path: string, form: Record<string, string>, origin?: string) =>
    page.request.post(url(path), {
      form,
      headers: { origin: origin ?? h.service.url },
      maxRedirects: 0,
    });

  /** The referral is exactly as the file found it: at review, nothing decided, nothing sent. */
  async function untouched() {
    await settle(h);
    const detail = await h.api.referral(id);
    expect(detail.status).toBe('pending_review');
    expect(detail.pendingReview?.kind).toBe('review');
    expect((await h.api.audit(id)).filter((e) => e.action === 'review.decided')).toEqual([]);
    expect(await h.ehr.messages(id)).toEqual([]);
  }

  it('sign-in: a bad token is refused with the error; the session cookie is HttpOnly and SameSite=Strict; sign-out ends it', async () => {
    const { page, context } = s;
    // Signed out, the workspace sends the visitor to sign in, remembering where they were going.
    await page.goto(url(`/workspace/referrals/${id}`));
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    expect(await page.locator('input[name="next"]').inputValue()).toBe(
      `/workspace/referrals/${id}`,
    );

    await page.locator('#token').fill('not-a-token-anyone-was-given');
    const [refused] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST'),
      page.locator('form[action="/sign-in"] button[type="submit"]').click(),
    ]);
    expect(refused.status()).toBe(422);
    await page.waitForSelector('.notice.error');
    expect(await page.locator('.notice.error').textContent()).toContain('That token is not valid');
    expect(await page.locator('#token').inputValue()).toBe('');
    expect(await page.content()).not.toContain('not-a-token-anyone-was-given');
    expect((await context.cookies()).some((c) => c.name === 'referrals_session')).toBe(false);
    expect(s.problems.take()).toEqual([expect.stringContaining('status of 422')]);

    // The right token, on the re-rendered form, goes where the visitor was going.
    await page.locator('#token').fill(TOKENS.coordinator);
    await Promise.all([
      page.waitForURL(url(`/workspace/referrals/${id}`)),
      page.locator('form[action="/sign-in"] button[type="submit"]').click(),
    ]);
    expect(await statusBadge(page)).toBe('pending review');
    const cookie = (await context.cookies()).find((c) => c.name === 'referrals_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    expect(await page.evaluate('document.cookie')).not.toContain('referrals_session');

    await Promise.all([
      page.waitForURL((u) => u.pathname === '/sign-in'),
      page.locator('form[action="/sign-out"] button[type="submit"]').click(),
    ]);
    expect((await context.cookies()).some((c) => c.name === 'referrals_session')).toBe(false);
    await page.goto(url('/workspace'));
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    await untouched();
  });

  it('a decision POST without the CSRF token, or from another origin, or without a session is refused', async () => {
    const { page } = s;
    await signIn(page, h.service.url, TOKENS.coordinator);
    const csrf = await csrfOf(page);
    expect(csrf.length).toBeGreaterThan(20);
    const decide = `/workspace/referrals/${id}/decide`;
    const approve = { decision: 'approve', key: `forged-${id}` };

    const noToken = await postForm(page, decide, approve);
    expect(noToken.status()).toBe(403);
    expect(await noToken.text()).toContain('The form expired');

    const wrongToken = await postForm(page, decide, { ...approve, csrf: `${csrf.slice(1)}x` });
    expect(wrongToken.status()).toBe(403);

    const crossOrigin = await postForm(page, decide, { ...approve, csrf }, 'http://evil.example');
    expect(crossOrigin.status()).toBe(403);

    await page.context().clearCookies();
    const signedOut = await postForm(page, decide, { ...approve, csrf });
    expect(signedOut.status()).toBe(303);
    expect(signedOut.headers().location).toMatch(/^\/sign-in/);
    await untouched();
  });

  it("another practice's coordinator sees none of it: every count is 0 and the referral is a 404", async () => {
    const { page } = s;
    await signIn(page, h.service.url, TOKENS.otherPractice);
    const counts = await page
      .locator('#queue-counts strong[data-count]')
      .evaluateAll((els) => els.map((e) => [e.getAttribute('data-count'), e.textContent]));
    expect(counts).toEqual([
      ['review', '0'],
      ['exception', '0'],
      ['follow_up', '0'],
      ['gap_in_care', '0'],
    ]);
    expect(await page.locator('tr[data-row]').count()).toBe(0);
    expect(await page.content()).not.toContain(id);

    for (const path of [`/workspace/referrals/${id}`, `/workspace/referrals/${id}/audit`]) {
      const res = await page.goto(url(path));
      expect(res?.status()).toBe(404);
      expect(await page.locator('h1').textContent()).toBe('Not found');
      expect(await page.content()).not.toContain(RETINA_REFERRAL.reason);
    }
    const forged = await postForm(page, `/workspace/referrals/${id}/decide`, {
      decision: 'approve',
      key: `other-${id}`,
      csrf: await csrfOf(page),
    });
    expect(forged.status()).toBe(404);
    expect(s.problems.take()).toEqual([
      expect.stringContaining('status of 404'),
      expect.stringContaining('status of 404'),
    ]);
    await untouched();
  });

  it('a viewer reads the referral but gets no action forms, and a forged decision is refused (403)', async () => {
    const { page } = s;
    await signIn(page, h.service.url, TOKENS.viewer);
    const row = page.locator(`tr[data-row][data-referral="${id}"]`);
    expect(await row.count()).toBe(1);
    expect(await page.locator('form[data-approve]').count()).toBe(0);
    expect(await page.locator('form[action*="/tasks/"]').count()).toBe(0);
    expect(await page.locator('.kbd-help').textContent()).not.toContain('approves');

    await page.goto(url(`/workspace/referrals/${id}`));
    expect(await statusBadge(page)).toBe('pending review');
    expect(await page.locator('tr[data-candidate]').count()).toBeGreaterThan(0);
    expect(
      await page.getByText('Your role can read this referral but not act on it.').count(),
    ).toBe(1);
    expect(await page.locator('form[action$="/decide"]').count()).toBe(0);
    expect(await page.locator('#packetBody, #reject-note, #retry-specialty').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Send to this one' }).count()).toBe(0);
    // The only form a viewer has is the one that signs them out.
    expect(await page.locator('main form').count()).toBe(0);

    const csrf = await csrfOf(page);
    for (const decision of ['approve', 'cancel']) {
      const forged = await postForm(page, `/workspace/referrals/${id}/decide`, {
        decision,
        key: `viewer-${decision}-${id}`,
        csrf,
      });
      expect(forged.status()).toBe(403);
      expect(await forged.text()).toContain('not act on them');
    }
    await untouched();
  });
});
