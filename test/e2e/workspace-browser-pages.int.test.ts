import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  type BrowserSession,
  checkAccessibility,
  launchBrowser,
  openSession,
  screenshot,
  signIn,
} from '../support/browser.js';
import { createReferralAwaitingReview } from '../support/flows.js';
import { type Harness, startHarness, TOKENS } from '../support/harness.js';
import { waitFor } from '../support/wait-for.js';
import {
  BROWSER_HARNESS_ENV,
  createReferralAtException,
  statusBadge,
} from '../support/workspace-pages.js';

interface PageCase {
  name: string;
  path: () => string;
  /** Present once the page shows what it is for. */
  ready: () => string;
  signedIn: boolean;
}

/**
 * Every page of the workspace, as a coordinator sees it: axe finds nothing serious or critical,
 * no page reports a script error or a CSP violation, each fits a phone's width without
 * scrolling sideways, and each is photographed at a desktop and a phone width
 * (test-results/screenshots/) for a person to look at.
 */
describe('workspace pages in a browser: accessibility, CSP, screenshots', () => {
  let h: Harness;
  let browser: Browser;
  let s: BrowserSession;
  let reviewId: string;
  let exceptionId: string;
  const url = (path: string) => `${h.service.url}${path}`;

  beforeAll(async () => {
    [h, browser] = await Promise.all([startHarness({ env: BROWSER_HARNESS_ENV }), launchBrowser()]);
    const [review, exception] = await Promise.all([
      createReferralAwaitingReview(h),
      createReferralAtException(h),
    ]);
    reviewId = review.id;
    exceptionId = exception.id;
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

  const PAGES: PageCase[] = [
    { name: 'sign-in', path: () => '/sign-in', ready: () => '#token', signedIn: false },
    {
      name: 'queue',
      path: () => '/workspace',
      ready: () => `tr[data-referral="${reviewId}"]`,
      signedIn: true,
    },
    {
      name: 'referral-review',
      path: () => `/workspace/referrals/${reviewId}`,
      ready: () => '#packetBody',
      signedIn: true,
    },
    {
      name: 'referral-exception',
      path: () => `/workspace/referrals/${exceptionId}`,
      ready: () => '#retry-specialty',
      signedIn: true,
    },
    {
      name: 'audit',
      path: () => `/workspace/referrals/${reviewId}/audit`,
      ready: () => '.notice',
      signedIn: true,
    },
    {
      name: 'analytics',
      path: () => '/workspace/analytics',
      ready: () => 'canvas[data-chart]',
      signedIn: true,
    },
  ];

  it.each(PAGES)(
    '$name: axe finds nothing serious or critical, it fits a phone, no console error',
    async (c) => {
      const { page } = s;
      if (c.signedIn) await signIn(page, h.service.url, TOKENS.coordinator);
      const res = await page.goto(url(c.path()));
      expect(res?.status()).toBe(200);
      await page.waitForSelector(c.ready());
      expect(await page.locator('main#main h1').count()).toBe(1);

      expect(await checkAccessibility(page)).toEqual([]);
      // At a phone's width the page reflows: no horizontal scrolling (WCAG 1.4.10).
      const shots = await screenshot(page, `workspace-${c.name}`);
      expect(shots.map((shot) => [shot.width, shot.overflowPx])).toEqual([
        [1280, 0],
        [390, 0],
      ]);
    },
  );

  it('the CSP blocks an inline script and an inline style, and the watcher reports both', async () => {
    const { page } = s;
    await page.goto(url('/sign-in'));
    // Inserted through the DOM, as an injected payload would be: the browser must refuse both.
    await page.evaluate(`(() => {
      const script = document.createElement('script');
      script.textContent = 'window.inlineRan = true';
      document.body.append(script);
      const style = document.createElement('style');
      style.textContent = 'h1 { color: rgb(1, 2, 3) }';
      document.head.append(style);
    })()`);
    expect(await page.evaluate('window.inlineRan === true')).toBe(false);
    expect(await page.evaluate("getComputedStyle(document.querySelector('h1')).color")).not.toBe(
      'rgb(1, 2, 3)',
    );
    const reported = await waitFor(
      () => {
        const seen = s.problems.list().filter((p) => p.includes('CSP violation'));
        return seen.length >= 2 ? s.problems.take() : undefined;
      },
      { what: 'the two CSP violations to be reported' },
    );
    expect(reported.filter((p) => p.includes('CSP violation: script-src'))).toHaveLength(1);
    expect(reported.filter((p) => p.includes('CSP violation: style-src'))).toHaveLength(1);
  });

  it('the referral page at review shows its id, status, sections and a timeline', async () => {
    const { page } = s;
    await signIn(page, h.service.url, TOKENS.coordinator);
    await page.goto(url(`/workspace/referrals/${reviewId}`));
    expect(await page.locator('h1').textContent()).toContain(reviewId);
    expect(await statusBadge(page)).toBe('pending review');
    for (const heading of ['Reason and codes', 'Candidates', 'Review', 'Timeline']) {
      expect(await page.getByRole('heading', { name: heading, exact: true }).count()).toBe(1);
    }
    expect(
      await page.locator('tr[data-candidate] .badge', { hasText: 'recommended' }).count(),
    ).toBe(1);
    expect(await page.locator('ol.timeline li').count()).toBeGreaterThan(0);
  });

  it('the audit page verifies the hash chain and lists every event of the referral', async () => {
    const { page } = s;
    await signIn(page, h.service.url, TOKENS.coordinator);
    await page.goto(url(`/workspace/referrals/${reviewId}`));
    await Promise.all([
      page.waitForURL(url(`/workspace/referrals/${reviewId}/audit`)),
      page.getByRole('link', { name: 'Audit trail' }).click(),
    ]);
    const notice = page.locator('.notice');
    expect(await notice.getAttribute('class')).toContain('ok');
    expect(await notice.textContent()).toMatch(/^Chain verified: \d+ events checked/);
    const events = await h.api.audit(reviewId);
    expect(await page.locator('table[aria-label="Audit events"] tbody tr').count()).toBe(
      events.length,
    );
    const actions = await page
      .locator('table[aria-label="Audit events"] td[data-label="What"]')
      .allTextContents();
    expect(actions).toEqual(events.map((e) => e.action));
  });

  it('analytics draws every chart from its own script and offers the figures as CSV', async () => {
    const { page } = s;
    await signIn(page, h.service.url, TOKENS.coordinator);
    const res = await page.goto(url('/workspace/analytics'));
    expect(res?.status()).toBe(200);
    await page.waitForSelector('canvas[data-chart]');
    const drawn = (await page.evaluate(
      `Array.from(document.querySelectorAll('canvas[data-chart]')).map((c) => Boolean(window.Chart && window.Chart.getChart(c)))`,
    )) as boolean[];
    expect(drawn.length).toBeGreaterThan(0);
    expect(drawn.every(Boolean)).toBe(true);

    const links = await page
      .locator('a[href*=".csv"]')
      .evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
    expect(links.length).toBeGreaterThan(0);
    const volume = links.find((l) => l.startsWith('/workspace/analytics/volume.csv'));
    if (!volume) throw new Error(`no volume CSV link among ${links.join(', ')}`);
    const csv = await page.request.get(url(volume));
    expect(csv.status()).toBe(200);
    expect(csv.headers()['content-type']).toContain('text/csv');
    const [header, ...rows] = (await csv.text()).trim().split(/\r?\n/);
    expect(header?.length).toBeGreaterThan(0);
    expect(rows.length).toBeGreaterThan(0);
  });
});
