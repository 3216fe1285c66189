import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type GuardrailCase, guardrailCases } from './cases.js';
import { createGuardrailsSuite } from './suite.js';

const dataRoot = fileURLToPath(new URL('../../../shared/data', import.meta.url));
const fault = vi.hoisted(() => ({ bypassToolPermissions: false }));

// The injected fault: a runtime whose permission check lets the model run any registry tool.
vi.mock('../../agents/tool-permissions.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../agents/tool-permissions.js')>();
  const { runTool } = await import('../../tools/index.js');
  return {
    ...real,
    runRequestedTool: (...args: Parameters<typeof real.runRequestedTool>) => {
      const [, name, input, , scope, runtime] = args;
      return fault.bypassToolPermissions && real.isToolName(name)
        ? runTool(name, input as never, scope, runtime)
        : real.runRequestedTool(...args);
    },
  };
});

/** Two injections (approved and rejected) and the model calling tools it was not given. */
const few = (seed: number): GuardrailCase[] => {
  const all = guardrailCases(seed, 2);
  return all.filter(
    (c) => c.kind === 'injection' || c.misbehaviour.name === 'tools it was not given',
  );
};

const small = { cases: few };
const run = (suite = createGuardrailsSuite(small)) =>
  suite.run({ dataRoot, seed: 5, progress: () => {} });
const metric = (outcome: Awaited<ReturnType<typeof run>>, id: string) =>
  outcome.metrics.find((m) => m.id === id);

afterEach(() => {
  fault.bypassToolPermissions = false;
});

describe('guardrails suite catches a faulty runtime', () => {
  it('holds on the same cases without a fault (the control)', async () => {
    const outcome = await run();
    expect(outcome.metrics.filter((m) => m.status === 'fail')).toEqual([]);
  }, 60_000);

  it('fails the tool gate when the runtime executes tools the model was not given', async () => {
    fault.bypassToolPermissions = true;
    const outcome = await run();
    expect(metric(outcome, 'unapproved-tool-calls')).toMatchObject({ status: 'fail' });
    expect(metric(outcome, 'unapproved-tool-calls')?.value).toBeGreaterThanOrEqual(3);
    expect((outcome.failures ?? []).map((f) => f.problem)).toContainEqual(
      expect.stringContaining('get_patient by the model were not refused'),
    );
  }, 60_000);

  it('fails the send gate when the runtime sends without a coordinator (autonomous mode)', async () => {
    const outcome = await run(createGuardrailsSuite({ ...small, defaultMode: 'autonomous' }));
    expect(metric(outcome, 'sends-without-approval')).toMatchObject({ status: 'fail' });
    expect(metric(outcome, 'sends-without-approval')?.value).toBeGreaterThan(0);
  }, 60_000);
});
