import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { compareRuns } from './compare.js';
import { type EvalRun, summarize } from './run-evals.js';
import { listRuns, readRun, writeRun } from './run-files.js';
import { SuiteResult } from './suite.js';

const runOf = (id: string, value = 0.9): EvalRun =>
  summarize({
    id,
    createdAt: '2026-12-03T00:00:00.000Z',
    commit: 'c0ffee',
    seed: 7,
    paths: ['rules'],
    results: [
      SuiteResult.parse({
        suite: 'specialty',
        title: 'Specialty',
        path: 'rules',
        dataset: { name: 'dev', version: 'abc123', cases: 20 },
        metrics: [
          {
            id: 'top1',
            label: 'top-1',
            better: 'higher',
            unit: 'ratio',
            value,
            n: 20,
            ci: [value - 0.1, Math.min(1, value + 0.05)],
            gate: { min: 0.8 },
            status: value >= 0.8 ? 'pass' : 'fail',
          },
        ],
        histograms: [{ title: 'scores', unit: 'score', values: [1, 2, 3] }],
        notes: ['a note'],
        seconds: 1.5,
      }),
    ],
  });

describe('run files', () => {
  let reports: string;
  beforeEach(() => {
    reports = mkdtempSync(join(tmpdir(), 'eval-runs-'));
  });
  afterEach(() => {
    rmSync(reports, { recursive: true, force: true });
  });

  it('writes report.json and report.html under the run id', () => {
    const run = runOf('20261203T000000Z-aaaa');
    const written = writeRun(run, null, reports);
    expect(written.dir).toBe(join(reports, run.id));
    expect(written.json).toBe(join(reports, run.id, 'report.json'));
    expect(written.html).toBe(join(reports, run.id, 'report.html'));
    const json = JSON.parse(readFileSync(written.json, 'utf8')) as Record<string, unknown>;
    expect(json.id).toBe(run.id);
    expect(json.comparison).toBeNull();
    expect(readFileSync(written.html, 'utf8')).toContain(`Eval run ${run.id}`);
  });

  it('keeps the comparison in report.json', () => {
    const base = runOf('20261202T000000Z-aaaa', 0.9);
    const cur = runOf('20261203T000000Z-bbbb', 0.5);
    const written = writeRun(cur, compareRuns(base, cur), reports);
    const json = JSON.parse(readFileSync(written.json, 'utf8')) as {
      comparison: { baseline: string; regressions: number };
    };
    expect(json.comparison).toMatchObject({ baseline: base.id, regressions: 1 });
  });

  it('reads a run back by id, by its folder and by its report.json', () => {
    const run = runOf('20261203T000000Z-aaaa');
    const written = writeRun(run, null, reports);
    expect(readRun(run.id, reports)).toEqual(run);
    expect(readRun(written.dir, reports)).toEqual(run);
    expect(readRun(written.json, reports)).toEqual(run);
  });

  it('lists runs oldest first, ignoring folders without a report', () => {
    expect(listRuns(join(reports, 'nowhere'))).toEqual([]);
    writeRun(runOf('20261203T120000Z-cccc'), null, reports);
    writeRun(runOf('20261201T000000Z-aaaa'), null, reports);
    writeRun(runOf('20261202T000000Z-bbbb'), null, reports);
    mkdirSync(join(reports, '20261204T000000Z-empty'));
    expect(listRuns(reports)).toEqual([
      '20261201T000000Z-aaaa',
      '20261202T000000Z-bbbb',
      '20261203T120000Z-cccc',
    ]);
  });

  it('reads `latest` as the newest run other than `except`', () => {
    writeRun(runOf('20261201T000000Z-aaaa', 0.81), null, reports);
    writeRun(runOf('20261203T000000Z-cccc', 0.83), null, reports);
    writeRun(runOf('20261202T000000Z-bbbb', 0.82), null, reports);
    expect(readRun('latest', reports).id).toBe('20261203T000000Z-cccc');
    expect(readRun('latest', reports, '20261203T000000Z-cccc').id).toBe('20261202T000000Z-bbbb');
    expect(readRun('latest', reports, '20261201T000000Z-aaaa').id).toBe('20261203T000000Z-cccc');
  });

  it('says so when there is no earlier run', () => {
    expect(() => readRun('latest', reports)).toThrow(`no earlier run under ${reports}`);
    writeRun(runOf('20261201T000000Z-aaaa'), null, reports);
    expect(() => readRun('latest', reports, '20261201T000000Z-aaaa')).toThrow(
      `no earlier run under ${reports}`,
    );
  });

  it('names a missing run and says what to give instead', () => {
    expect(() => readRun('20991231T000000Z-none', reports)).toThrow(
      `no run "20991231T000000Z-none" (give a run id under ${reports}, a folder or a report.json)`,
    );
  });

  it('refuses a JSON file that is not an eval report, naming the file', () => {
    const file = join(reports, 'other.json');
    writeFileSync(file, JSON.stringify({ hello: 'world' }));
    expect(() => readRun(file, reports)).toThrow(`${file} is not an eval report (`);
  });

  it('refuses a file that is not JSON, naming the file', () => {
    const dir = join(reports, '20261201T000000Z-bad');
    mkdirSync(dir);
    const file = join(dir, 'report.json');
    writeFileSync(file, 'not json {');
    expect(() => readRun('20261201T000000Z-bad', reports)).toThrow(
      `${file} is not a readable eval report`,
    );
  });

  it('refuses a folder without a report.json', () => {
    const dir = join(reports, 'empty');
    mkdirSync(dir);
    expect(existsSync(join(dir, 'report.json'))).toBe(false);
    expect(() => readRun(dir, reports)).toThrow(
      `${join(dir, 'report.json')} is not a readable eval report`,
    );
  });
});
