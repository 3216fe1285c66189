import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { pushToLangfuse } from './langfuse-push.js';
import { type EvalRun, summarize } from './run-evals.js';
import { SuiteResult } from './suite.js';

interface Recorded {
  method: string;
  path: string;
  auth: string;
  body: Record<string, unknown>;
}

/** A Langfuse public API that records what it is sent and answers as Langfuse does (or fails). */
async function fakeLangfuse(failPath?: string) {
  const requests: Recorded[] = [];
  const server: Server = createServer((req, res) => {
    let text = '';
    req.on('data', (c) => {
      text += c;
    });
    req.on('end', () => {
      const body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
      requests.push({
        method: req.method ?? '',
        path: req.url ?? '',
        auth: req.headers.authorization ?? '',
        body,
      });
      const status = failPath && req.url?.startsWith(failPath) ? 500 : 200;
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify(
          req.url?.includes('ingestion') ? { successes: [], errors: [] } : { id: 'x', name: 'x' },
        ),
      );
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, requests, close: () => new Promise<void>((r) => server.close(() => r())) };
}

const result = (path: string) =>
  SuiteResult.parse({
    suite: 'specialty',
    title: 'Specialty',
    path,
    dataset: { name: 'dev', version: 'abc123', cases: 3 },
    metrics: [
      {
        id: 'top1',
        label: 'top-1',
        better: 'higher',
        unit: 'ratio',
        value: 0.9,
        n: 3,
        ci: [0.8, 1],
        gate: { min: 0.8 },
        status: 'pass',
      },
      {
        id: 'unscored',
        label: 'no value',
        better: 'higher',
        unit: 'ratio',
        value: null,
        n: 0,
        status: 'info',
      },
    ],
    seconds: 1,
  });

const run: EvalRun = summarize({
  id: '20261203T000000Z-abcd',
  createdAt: '2026-12-03T00:00:00.000Z',
  commit: 'c0ffee',
  seed: 7,
  paths: ['rules', 'llm:m'],
  results: [result('rules'), result('llm:m')],
});

describe('pushToLangfuse', () => {
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => close?.());

  it('creates the dataset once, an item for the dataset version, and per path a run item whose trace carries the scores', async () => {
    const lf = await fakeLangfuse();
    close = lf.close;
    const pushed = await pushToLangfuse(run, {
      publicKey: 'pk',
      secretKey: 'sk',
      baseUrl: lf.url,
      environment: null,
    });
    expect(pushed).toEqual({ datasets: 1, runItems: 2, scores: 2 });
    const paths = lf.requests.map((r) => `${r.method} ${r.path.split('?')[0]}`);
    expect(
      paths.filter(
        (p) => p === 'POST /api/public/v2/datasets' || p === 'POST /api/public/datasets',
      ),
    ).toHaveLength(1);
    expect(lf.requests[0]?.auth).toBe(`Basic ${Buffer.from('pk:sk').toString('base64')}`);
    const item = lf.requests.find((r) => r.path.startsWith('/api/public/dataset-items'));
    expect(item?.body).toMatchObject({
      datasetName: 'referrals-specialty',
      id: 'referrals-specialty-abc123',
    });
    const runItems = lf.requests.filter((r) => r.path.startsWith('/api/public/dataset-run-items'));
    expect(runItems.map((r) => r.body.runName)).toEqual([`${run.id} rules`, `${run.id} llm:m`]);
    const batches = lf.requests.filter((r) => r.path.startsWith('/api/public/ingestion'));
    const events = batches.flatMap(
      (b) => b.body.batch as { type: string; body: Record<string, unknown> }[],
    );
    const traces = events.filter((e) => e.type === 'trace-create');
    const scores = events.filter((e) => e.type === 'score-create');
    expect(traces.map((t) => t.body.id)).toEqual(runItems.map((r) => r.body.traceId));
    expect(scores.map((s) => [s.body.name, s.body.value])).toEqual([
      ['top1', 0.9],
      ['top1', 0.9],
    ]);
  });

  it('throws when Langfuse refuses, so the caller can report it', async () => {
    const lf = await fakeLangfuse('/api/public/dataset-items');
    close = lf.close;
    await expect(
      pushToLangfuse(run, { publicKey: 'pk', secretKey: 'sk', baseUrl: lf.url, environment: null }),
    ).rejects.toThrow();
  });
});
