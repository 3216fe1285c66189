import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

/** Debian's Chromium (`apt-get install chromium`); `.ci/run` installs it. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/** The two widths every page is looked at: a desktop and a phone. */
export const VIEWPORTS = {
  desktop: { width: 1280, height: 900 },
  phone: { width: 390, height: 844 },
} as const;

export const SCREENSHOT_DIR = join('test-results', 'screenshots');

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), {
  encoding: 'utf8',
});

/** A headless Chromium with a fresh temporary profile, nothing talking to the network by itself. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * Everything the pages of a context said went wrong: console errors (Chromium reports a CSP
 * violation as one), uncaught script errors, and `securitypolicyviolation` events.
 */
export interface PageProblems {
  /** The problems seen so far. */
  list(): string[];
  /** Returns what was seen and forgets it (a step that expects an error response checks it). */
  take(): string[];
}

const CSP_PROBE = `document.addEventListener('securitypolicyviolation', (e) => {
  console.error('CSP violation: ' + e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline'));
});`;

/** Watches every page the context has or opens later. */
export async function watchProblems(context: BrowserContext): Promise<PageProblems> {
  let seen: string[] = [];
  // Injected by the browser itself (not by the page), so our CSP does not apply to it.
  await context.addInitScript({ content: CSP_PROBE });
  const watch = (page: Page) => {
    page.on('console', (message) => {
      if (message.type() === 'error') {
        const where = message.location().url;
        seen.push(`console: ${message.text()}${where ? ` (${where})` : ''}`);
      }
    });
    page.on('pageerror', (error) => seen.push(`page error: ${error.message}`));
  };
  context.pages().forEach(watch);
  context.on('page', watch);
  return {
    list: () => [...seen],
    take: () => {
      const taken = seen;
      seen = [];
      return taken;
    },
  };
}

export interface BrowserSession {
  context: BrowserContext;
  /** The context's first page; `context.newPage()` opens more, watched the same way. */
  page: Page;
  problems: PageProblems;
  /** Closes the context; throws if a page reported a problem nobody cleared. */
  close(): Promise<void>;
}

/** A fresh context (no cookies) at the desktop size, with its problems watched. */
export async function openSession(browser: Browser): Promise<BrowserSession> {
  const context = await browser.newContext({ viewport: VIEWPORTS.desktop });
  const problems = await watchProblems(context);
  const page = await context.newPage();
  return {
    context,
    page,
    problems,
    async close() {
      const left = problems.list();
      await context.close();
      if (left.length > 0) {
        throw new Error(`the pages reported problems:\n${left.join('\n')}`);
      }
    },
  };
}

/** Signs in through the form and waits for the page it leads to (the queue by default). */
export async function signIn(page: Page, baseUrl: string, token: string, next?: string) {
  const query = next === undefined ? '' : `?next=${encodeURIComponent(next)}`;
  await page.goto(`${baseUrl}/sign-in${query}`);
  await page.locator('#token').fill(token);
  const target = new URL(next ?? '/workspace', baseUrl).pathname;
  await Promise.all([
    page.waitForURL((url) => url.pathname === target),
    page.locator('form[action="/sign-in"] button[type="submit"]').click(),
  ]);
}

/** The session's CSRF token, as the header's sign-out form carries it. */
export function csrfOf(page: Page): Promise<string> {
  return page.locator('form[action="/sign-out"] input[name="csrf"]').inputValue();
}

export interface AxeProblem {
  id: string;
  impact: string;
  help: string;
  targets: string[];
}

interface AxeViolation {
  id: string;
  impact?: string | null;
  help: string;
  nodes: { target: unknown[] }[];
}

/** Runs axe-core on the page as it is; returns the serious and critical violations. */
export async function checkAccessibility(page: Page): Promise<AxeProblem[]> {
  // `page.evaluate` goes through the DevTools protocol: the page's CSP does not block it.
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(o: object): Promise<unknown> } }).axe;
    const result = (await axe.run({ resultTypes: ['violations'] })) as {
      violations: AxeViolation[];
    };
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact ?? 'unknown',
      help: v.help,
      targets: v.nodes.map((n) => n.target.map(String).join(' ')),
    }));
  });
  const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  for (const v of bad) {
    process.stderr.write(
      `axe ${v.impact} ${v.id} on ${page.url()}: ${v.help}\n  ${v.targets.slice(0, 5).join('\n  ')}\n`,
    );
  }
  return bad;
}

export interface Shot {
  path: string;
  width: number;
  /** How far the page is wider than the window (a horizontal scrollbar); 0 when it reflows. */
  overflowPx: number;
}

/** Two animation frames: what a resize set off (Chart.js redraws, layout) has been painted. */
const SETTLED = 'new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))';

/**
 * Full-page PNGs at the desktop and the phone width under test-results/screenshots/
 * (`<name>-1280.png`, `<name>-390.png`), each with how far the page overflowed the window; the
 * page is left at the size it had.
 */
export async function screenshot(page: Page, name: string): Promise<Shot[]> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const before = page.viewportSize();
  const shots: Shot[] = [];
  try {
    for (const size of [VIEWPORTS.desktop, VIEWPORTS.phone]) {
      await page.setViewportSize(size);
      await page.evaluate(SETTLED);
      const path = join(SCREENSHOT_DIR, `${name}-${size.width}.png`);
      await page.screenshot({ path, fullPage: true, animations: 'disabled' });
      const overflowPx = (await page.evaluate(
        'document.documentElement.scrollWidth - document.documentElement.clientWidth',
      )) as number;
      shots.push({ path, width: size.width, overflowPx });
    }
  } finally {
    if (before) await page.setViewportSize(before);
  }
  return shots;
}
