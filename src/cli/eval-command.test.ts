import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  cooperativeReply,
  type OpenAiServer,
  startOpenAiServer,
} from '../../evals/models/index.js';
import { loadConfig } from '../config.js';
import { evalCommand } from './eval-command.js';

const dataRoot = new URL('../../../shared/data', import.meta.url).pathname;

function cli(env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io = {
    out: (l: string) => out.push(l),
    err: { write: (s: string) => err.push(s) > 0, isTTY: false } as unknown as NodeJS.WriteStream,
    now: () => new Date(),
  };
  const config = loadConfig(env);
  return {
    out,
    err,
    run: (args: string[], flags: Record<string, string | boolean | string[]> = {}) =>
      evalCommand(config, args, { data: dataRoot, ...flags }, io),
  };
}

describe('referrals eval', () => {
  const reports = mkdtempSync(join(tmpdir(), 'eval-reports-'));
  afterAll(() => rmSync(reports, { recursive: true, force: true }));

  it('refuses an unknown command or suite with the usage and exit 2', async () => {
    const c = cli();
    expect(await c.run(['run', 'specialty', 'nonsense'], { reports })).toBe(2);
    expect(c.err.join('')).toContain('unknown suite "nonsense"');
    expect(await c.run(['frobnicate'])).toBe(2);
    expect(await c.run([])).toBe(2);
    expect(c.err.join('')).toContain('usage: referrals eval');
  });

  it('runs a suite, writes the JSON and HTML reports, and compares the next run with the latest', async () => {
    const first = cli();
    expect(await first.run(['run', 'specialty'], { reports })).toBe(0);
    expect(first.out.join('\n')).toContain('gate: PASS');
    const jsonPath = first.out.join('\n').match(/(\S+report\.json)/)?.[1] ?? '';
    const report = JSON.parse(readFileSync(jsonPath, 'utf8'));
    expect(report.results[0].suite).toBe('specialty');
    expect(readFileSync(jsonPath.replace('.json', '.html'), 'utf8')).toContain('<svg');

    const second = cli();
    expect(await second.run(['run', 'specialty'], { reports })).toBe(0);
    expect(second.out.join('\n')).toMatch(/Against \S+: 0 regression/);
  });

  it('compare exits 1 and names the metric when a run regressed', async () => {
    const c = cli();
    await c.run(['run', 'specialty'], { reports, baseline: 'none' });
    const path = c.out.join('\n').match(/(\S+report\.json)/)?.[1] ?? '';
    const worse = JSON.parse(readFileSync(path, 'utf8'));
    worse.id = 'worse';
    const top1 = worse.results[0].metrics.find((m: { id: string }) => m.id === 'top1');
    Object.assign(top1, { value: 0.5, status: 'fail' });
    const worsePath = join(reports, 'worse.json');
    writeFileSync(worsePath, JSON.stringify(worse));
    const cmp = cli();
    expect(await cmp.run(['compare', path, worsePath], { reports })).toBe(1);
    expect(cmp.out.join('\n')).toMatch(/regressed\s+specialty \[rules\] top-1 accuracy/);
    expect(await cli().run(['compare', path, path], { reports })).toBe(0);
    const missing = cli();
    expect(await missing.run(['compare', path, 'no-such-run'], { reports })).toBe(2);
    expect(missing.err.join('')).toContain('no run "no-such-run"');
  });

  it('asks for a model when --llm is given without one', async () => {
    const c = cli();
    expect(await c.run(['run', 'specialty'], { reports, llm: true })).toBe(2);
    expect(c.err.join('')).toContain('set OPENAI_API_KEY');
  });

  it('checks drift on the configured store: quiet records, no alert, exit 0; a bad window is a usage error', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'eval-drift-'));
    try {
      const c = cli({ DATA_DIR: dataDir });
      expect(await c.run(['drift'], { reports })).toBe(0);
      const out = c.out.join('\n');
      expect(out).toContain('Drift: directory imports and recommendations [records]');
      expect(out).toContain('No directory import is recorded');
      expect(out).not.toContain('ALERT');
      const bad = cli({ DATA_DIR: dataDir });
      expect(await bad.run(['drift'], { reports, 'current-days': 'a week' })).toBe(2);
      expect(bad.err.join('')).toContain('--current-days takes a whole number, not "a week"');
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  describe('the LLM path', () => {
    let server: OpenAiServer;
    beforeAll(async () => {
      server = await startOpenAiServer((req) => cooperativeReply(req));
    });
    afterAll(() => server.close());

    it('runs beside the rules when a model is configured, and a re-run is answered from the response cache', async () => {
      const env = {
        OPENAI_API_KEY: 'k',
        OPENAI_BASE_URL: server.url,
        LLM_MODEL: 'model-a',
        LLM_MAX_RETRIES: '0',
      };
      const first = cli(env);
      await first.run(['run', 'specialty'], { reports, baseline: 'none', json: true });
      const run1 = JSON.parse(first.out.slice(0, -1).join('\n'));
      expect(run1.paths).toEqual(['rules', 'llm:model-a']);
      const llm1 = run1.results.find((r: { path: string }) => r.path === 'llm:model-a');
      expect(llm1.llmCalls.fresh).toBeGreaterThan(0);
      const asked = server.requests.length;

      const second = cli(env);
      await second.run(['run', 'specialty'], { reports, llm: true, baseline: 'none', json: true });
      const run2 = JSON.parse(second.out.slice(0, -1).join('\n'));
      const llm2 = run2.results.find((r: { path: string }) => r.path === 'llm:model-a');
      expect(llm2.llmCalls).toEqual({ cached: llm1.llmCalls.fresh, fresh: 0 });
      expect(server.requests.length).toBe(asked);

      const rulesOnly = cli(env);
      await rulesOnly.run(['run', 'specialty'], {
        reports,
        'no-llm': true,
        baseline: 'none',
        json: true,
      });
      expect(JSON.parse(rulesOnly.out.slice(0, -1).join('\n')).paths).toEqual(['rules']);

      const both = cli(env);
      await both.run(['run', 'specialty'], {
        reports,
        model: ['model-a', 'model-b'],
        baseline: 'none',
        json: true,
      });
      const run3 = JSON.parse(both.out.slice(0, -1).join('\n'));
      expect(run3.paths).toEqual(['rules', 'llm:model-a', 'llm:model-b']);
      expect(
        run3.results.find((r: { path: string }) => r.path === 'llm:model-b').llmCalls.fresh,
      ).toBeGreaterThan(0);
    });
  });
});
