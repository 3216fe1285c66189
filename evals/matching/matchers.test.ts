import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryDirectoryIndex } from '../../src/adapters/directory-index/index.js';
import { loadConfig } from '../../src/config.js';
import { openEvalRuntime } from '../core/eval-runtime.js';
import { generateCases, loadDevLines, type MatchingCase } from './cases.js';
import { loadGenerated } from './directories.js';
import { adHocMatcher, referralMatcher } from './matchers.js';

describe('the two entry points of the matcher', () => {
  const directory = loadGenerated(42, 800);
  const cases: MatchingCase[] = generateCases(directory, loadDevLines().lines, {
    seed: 5,
    count: 60,
    prefix: 'parity',
  });
  let env: Awaited<ReturnType<typeof openEvalRuntime>>;

  beforeAll(async () => {
    env = await openEvalRuntime(createMemoryDirectoryIndex(directory.profiles));
    await env.store.directory.upsertPlans(directory.plans);
  });
  afterAll(() => env.close());

  it('answer alike without a model: the LLM path differs from the rules only by the model', async () => {
    const settings = loadConfig({}).matching;
    const adHoc = adHocMatcher(env.runtime, settings);
    const referral = referralMatcher(env.runtime, settings, null);
    let matched = 0;
    for (const c of cases) {
      const a = await adHoc(c);
      const b = await referral(c);
      expect(b.exception, c.id).toBe(a.exception);
      expect(
        b.candidates.map((x) => [x.candidateId, x.isValid]),
        c.id,
      ).toEqual(a.candidates.map((x) => [x.candidateId, x.isValid]));
      if (!a.exception) matched++;
    }
    expect(matched).toBeGreaterThan(10);
    expect(matched).toBeLessThan(cases.length);
  });
});
