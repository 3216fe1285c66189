import { randomBytes, randomUUID } from 'node:crypto';
import { LangfuseClient } from '@langfuse/client';
import type { TracingConfig } from '../../src/config.js';
import type { EvalRun } from './run-evals.js';
import type { SuiteResult } from './suite.js';

export interface LangfusePushResult {
  datasets: number;
  runItems: number;
  scores: number;
}

const traceIdOf = () => randomBytes(16).toString('hex');

/** Gates and thresholds as the item's expected output: what the run had to reach. */
const expectedOf = (r: SuiteResult) =>
  Object.fromEntries(
    r.metrics
      .filter((m) => m.gate || m.threshold)
      .map((m) => [m.id, { gate: m.gate, threshold: m.threshold }]),
  );

/**
 * Each suite a Langfuse dataset (`referrals-<suite>`) whose item is the dataset version it ran on;
 * each path of this run an experiment run (`<run id> <path>`) with a trace that carries the
 * metrics as scores, so runs sit side by side in Langfuse's dataset view.
 */
export async function pushToLangfuse(
  run: EvalRun,
  config: TracingConfig,
): Promise<LangfusePushResult> {
  const client = new LangfuseClient({
    publicKey: config.publicKey,
    secretKey: config.secretKey,
    baseUrl: config.baseUrl,
  });
  const environment = config.environment ?? undefined;
  const datasets = new Set<string>();
  let runItems = 0;
  let scores = 0;
  for (const r of run.results) {
    const datasetName = `referrals-${r.suite}`;
    if (!datasets.has(datasetName)) {
      await client.api.datasets.create({ name: datasetName, description: r.title });
      datasets.add(datasetName);
    }
    const itemId = `${datasetName}-${r.dataset.version}`;
    await client.api.datasetItems.create({
      datasetName,
      id: itemId,
      input: r.dataset,
      expectedOutput: expectedOf(r),
    });
    const traceId = traceIdOf();
    const timestamp = new Date(run.createdAt).toISOString();
    const scored = r.metrics.filter((m) => m.value !== null);
    await client.api.ingestion.batch({
      batch: [
        {
          type: 'trace-create',
          id: randomUUID(),
          timestamp,
          body: {
            id: traceId,
            name: `eval ${r.suite} ${r.path}`,
            input: r.dataset,
            output: {
              status: r.metrics.some((m) => m.status === 'fail') ? 'fail' : 'pass',
              failures: r.failures.length,
            },
            metadata: { runId: run.id, commit: run.commit, seed: run.seed, path: r.path },
            tags: ['eval', r.suite],
            ...(environment ? { environment } : {}),
          },
        },
        ...scored.map((m) => ({
          type: 'score-create' as const,
          id: randomUUID(),
          timestamp,
          body: {
            traceId,
            name: m.id,
            value: m.value as number,
            dataType: 'NUMERIC' as const,
            comment: `${m.label}${m.ci ? ` (95% ${m.ci[0].toFixed(3)}–${m.ci[1].toFixed(3)})` : ''}: ${m.status}`,
            ...(environment ? { environment } : {}),
          },
        })),
      ],
    });
    await client.api.datasetRunItems.create({
      runName: `${run.id} ${r.path}`,
      runDescription: `referrals eval run ${run.id} (${r.path})`,
      metadata: { commit: run.commit, seed: run.seed },
      datasetItemId: itemId,
      traceId,
    });
    runItems++;
    scores += scored.length;
  }
  return { datasets: datasets.size, runItems, scores };
}
