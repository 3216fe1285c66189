import { afterEach, describe, expect, it } from 'vitest';
import {
  createFakeApp,
  FAKE_APP_PRACTICE,
  FAKE_APP_TOKENS,
} from '../../../test/support/fake-app.js';

type FakeApp = Awaited<ReturnType<typeof createFakeApp>>;
const ORIGIN = 'http://localhost';
let opened: FakeApp | undefined;

async function setup() {
  opened = await createFakeApp();
  await opened.harness.runner.start({ practiceId: FAKE_APP_PRACTICE, referralId: 'ref-1' });
  return opened;
}
afterEach(async () => {
  await opened?.close();
  opened = undefined;
});

/** A browser's cookie jar and form posts, over `app.request`. */
function browser(app: FakeApp['app']) {
  const jar = new Map<string, string>();
  const remember = (res: Response) => {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const [name, ...value] = (pair ?? '').split('=');
      if (!name) continue;
      if (/max-age=0/i.test(line) || value.join('=') === '') jar.delete(name);
      else jar.set(name, value.join('='));
    }
    return res;
  };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  return {
    jar,
    get: async (path: string) =>
      remember(await app.request(path, { headers: { cookie: cookie() } })),
    post: async (path: string, fields: Record<string, string>, origin = ORIGIN) =>
      remember(
        await app.request(path, {
          method: 'POST',
          headers: {
            cookie: cookie(),
            origin,
            'content-type': 'application/x-www-form-urlencoded',
          },
          body: new URLSearchParams(fields).toString(),
        }),
      ),
  };
}

const csrfOf = (html: string) => /name="csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';

async function signIn(b: ReturnType<typeof browser>, token: string) {
  const form = await (await b.get('/sign-in')).text();
  const res = await b.post('/sign-in', { csrf: csrfOf(form), token, next: '/workspace' });
  expect(res.status).toBe(303);
  const queue = await b.get('/workspace');
  const html = await queue.text();
  return { csrf: csrfOf(html), queue, html };
}

describe('workspace sign-in', () => {
  it('sends a visitor without a session to sign in, and back where they were going', async () => {
    const { app } = await setup();
    const b = browser(app);
    const res = await b.get('/workspace/referrals/ref-1');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/sign-in?next=%2Fworkspace%2Freferrals%2Fref-1');
    const form = await (await b.get('/sign-in?next=%2Fworkspace%2Freferrals%2Fref-1')).text();
    const signedIn = await b.post('/sign-in', {
      csrf: csrfOf(form),
      token: FAKE_APP_TOKENS.coordinator,
      next: '/workspace/referrals/ref-1',
    });
    expect(signedIn.headers.get('location')).toBe('/workspace/referrals/ref-1');
    const session = signedIn.headers.getSetCookie().find((c) => c.startsWith('referrals_session='));
    expect(session).toMatch(/HttpOnly/);
    expect(session).toMatch(/SameSite=Strict/);
    expect(session).toMatch(/Path=\//);
  });

  it('refuses a bad token, a forged sign-in and a redirect off the site', async () => {
    const { app } = await setup();
    const b = browser(app);
    const form = await (await b.get('/sign-in')).text();
    const bad = await b.post('/sign-in', { csrf: csrfOf(form), token: 'not-a-token' });
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain('That token is not valid.');
    const forged = await browser(app).post('/sign-in', { token: FAKE_APP_TOKENS.coordinator });
    expect(forged.status).toBe(422);
    expect(forged.headers.getSetCookie().some((c) => c.startsWith('referrals_session='))).toBe(
      false,
    );
    const again = await (await b.get('/sign-in')).text();
    const offSite = await b.post('/sign-in', {
      csrf: csrfOf(again),
      token: FAKE_APP_TOKENS.coordinator,
      next: '//evil.example/workspace',
    });
    expect(offSite.headers.get('location')).toBe('/workspace');
  });

  it('ends the session at sign-out, and ignores a tampered cookie', async () => {
    const { app } = await setup();
    const b = browser(app);
    const { csrf } = await signIn(b, FAKE_APP_TOKENS.coordinator);
    const tampered = browser(app);
    const [value] = [...b.jar].filter(([k]) => k === 'referrals_session').map(([, v]) => v);
    tampered.jar.set('referrals_session', (value ?? '').replace('coordinator', 'coordinatoX'));
    expect((await tampered.get('/workspace')).status).toBe(303);
    expect((await b.post('/sign-out', { csrf })).headers.get('location')).toBe('/sign-in');
    expect((await b.get('/workspace')).status).toBe(303);
  });
});

describe('workspace pages', () => {
  it('serve a strict Content-Security-Policy, no caching, and only local assets', async () => {
    const { app } = await setup();
    const b = browser(app);
    const { queue } = await signIn(b, FAKE_APP_TOKENS.coordinator);
    const csp = queue.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(queue.headers.get('cache-control')).toBe('no-store');
    const html = await (await b.get('/workspace/analytics')).text();
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    for (const src of html.match(/(?:src|href)="[^"]+"/g) ?? []) {
      expect(src).not.toMatch(/https?:\/\//);
    }
    expect(html).not.toMatch(/<script>|style="/);
    const chart = await b.get('/assets/chart.umd.min.js');
    expect(chart.status).toBe(200);
    expect(chart.headers.get('content-type')).toContain('text/javascript');
    expect((await b.get('/assets/..%2Fsession.ts')).status).toBe(404);
    for (const outside of ['/docs', '/openapi.json', '/health']) {
      expect((await b.get(outside)).headers.get('content-security-policy')).toBeNull();
    }
  });

  it('shows the queue of the practice only: another practice sees no count and a 404', async () => {
    const { app } = await setup();
    const mine = browser(app);
    const { html } = await signIn(mine, FAKE_APP_TOKENS.coordinator);
    expect(html).toContain('data-referral="ref-1"');
    expect(html).toMatch(/data-count="review">1</);
    const theirs = browser(app);
    const other = (await signIn(theirs, FAKE_APP_TOKENS.otherPractice)).html;
    expect(other).not.toContain('ref-1');
    expect(other).toMatch(/data-count="review">0</);
    const page = await theirs.get('/workspace/referrals/ref-1');
    expect(page.status).toBe(404);
    expect(await page.text()).toContain('Referral not found');
    expect((await theirs.get('/workspace/referrals/ref-1/audit')).status).toBe(404);
  });

  it('approves from the queue once, through the API decision path, and shows the result', async () => {
    const { app, harness } = await setup();
    const b = browser(app);
    const { csrf, html } = await signIn(b, FAKE_APP_TOKENS.coordinator);
    const key = /name="key" value="([^"]+)"/.exec(html)?.[1] ?? '';
    const interrupt = /name="interrupt" value="([^"]+)"/.exec(html)?.[1] ?? '';
    const fields = { csrf, decision: 'approve', key, interrupt, back: 'queue' };
    const first = await b.post('/workspace/referrals/ref-1/decide', fields);
    expect(first.status).toBe(303);
    expect(first.headers.get('location')).toBe('/workspace?done=approve');
    const again = await b.post('/workspace/referrals/ref-1/decide', fields);
    expect(again.status).toBe(303);
    const record = await harness.store.referrals.getReferral(FAKE_APP_PRACTICE, 'ref-1');
    expect(record?.status).toBe('approved');
    const decided = (await harness.store.audit.list(FAKE_APP_PRACTICE, 'ref-1')).filter(
      (e) => e.action === 'review.decided',
    );
    expect(decided).toHaveLength(1);
    expect(await (await b.get('/workspace?done=approve')).text()).toContain('Approved');
    const stale = await b.post('/workspace/referrals/ref-1/decide', { ...fields, key: 'other' });
    expect(stale.status).toBe(409);
    expect(await stale.text()).toContain('This referral changed since you opened it');
  });

  it('refuses a form without the CSRF token, from another origin, or from a viewer', async () => {
    const { app, harness } = await setup();
    const b = browser(app);
    const { csrf } = await signIn(b, FAKE_APP_TOKENS.coordinator);
    const approve = { decision: 'approve', key: 'k-1' };
    expect((await b.post('/workspace/referrals/ref-1/decide', approve)).status).toBe(403);
    const fromElsewhere = await b.post(
      '/workspace/referrals/ref-1/decide',
      { ...approve, csrf },
      'https://evil.example',
    );
    expect(fromElsewhere.status).toBe(403);
    const viewer = browser(app);
    const seen = await signIn(viewer, FAKE_APP_TOKENS.viewer);
    const page = await (await viewer.get('/workspace/referrals/ref-1')).text();
    expect(page).toContain('Your role can read this referral but not act on it.');
    expect(page).not.toContain('name="decision"');
    const tried = await viewer.post('/workspace/referrals/ref-1/decide', {
      ...approve,
      csrf: seen.csrf,
    });
    expect(tried.status).toBe(403);
    const record = await harness.store.referrals.getReferral(FAKE_APP_PRACTICE, 'ref-1');
    expect(record?.status).toBe('pending_review');
  });

  it('shows the referral with its reason, plan, candidates, how it was prepared and timeline', async () => {
    const { app } = await setup();
    const b = browser(app);
    await signIn(b, FAKE_APP_TOKENS.coordinator);
    const html = await (await b.get('/workspace/referrals/ref-1')).text();
    for (const part of [
      'Reason and codes',
      'Specialty plan',
      'Candidates',
      'recommended',
      'How this was prepared',
      'Timeline',
      'id="packetBody"',
      'Audit trail',
    ]) {
      expect(html).toContain(part);
    }
    const audit = await (await b.get('/workspace/referrals/ref-1/audit')).text();
    expect(audit).toContain('Chain verified');
    expect(audit).toContain('referral.transition');
  });

  it('exports each report as CSV and refuses a bad filter', async () => {
    const { app } = await setup();
    const b = browser(app);
    await signIn(b, FAKE_APP_TOKENS.coordinator);
    const csv = await b.get('/workspace/analytics/funnel.csv?from=2026-01-01&to=2026-12-31');
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-disposition')).toBe(
      'attachment; filename="funnel-2026-01-01-2026-12-31.csv"',
    );
    expect((await csv.text()).split('\n')[0]).toMatch(/step/i);
    expect((await b.get('/workspace/analytics/funnel.csv?from=2026-13-01')).status).toBe(422);
    expect((await b.get('/workspace/analytics/nothing.csv')).status).toBe(404);
    const page = await b.get('/workspace/analytics?from=2026-12-31&to=2026-01-01');
    expect(page.status).toBe(422);
    expect(await page.text()).toContain('Filters ignored');
  });
});
