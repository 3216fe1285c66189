import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import type { Comparison } from './compare.js';
import { renderReport } from './report-html.js';
import type { EvalRun } from './run-evals.js';
import { SuiteResult } from './suite.js';

const EvalRunFile = z.object({
  id: z.string(),
  createdAt: z.string(),
  commit: z.string().nullable(),
  seed: z.number(),
  paths: z.array(z.string()),
  results: z.array(SuiteResult),
  gate: z.object({ passed: z.boolean(), failures: z.array(z.string()) }),
  warnings: z.array(z.string()),
});

export interface WrittenRun {
  dir: string;
  json: string;
  html: string;
}

/** `<reports>/<run id>/report.json` and `report.html` (self-contained: no script, no CDN). */
export function writeRun(
  run: EvalRun,
  comparison: Comparison | null,
  reportsDir: string,
): WrittenRun {
  const dir = join(reportsDir, run.id);
  mkdirSync(dir, { recursive: true });
  const json = join(dir, 'report.json');
  const html = join(dir, 'report.html');
  writeFileSync(json, `${JSON.stringify({ ...run, comparison }, null, 2)}\n`);
  writeFileSync(html, renderReport(run, comparison));
  return { dir, json, html };
}

/** The runs under a reports folder, oldest first. */
export function listRuns(reportsDir: string): string[] {
  if (!existsSync(reportsDir)) return [];
  return readdirSync(reportsDir)
    .filter((name) => existsSync(join(reportsDir, name, 'report.json')))
    .sort();
}

/**
 * A run by id (under the reports folder), by its folder or its report.json, or `latest`
 * (the newest run other than `except`). A missing or unreadable run is an error with a message.
 */
export function readRun(ref: string, reportsDir: string, except?: string): EvalRun {
  const file = locate(ref, reportsDir, except);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    throw new Error(`${file} is not a readable eval report`);
  }
  const parsed = EvalRunFile.safeParse(raw);
  if (!parsed.success)
    throw new Error(`${file} is not an eval report (${parsed.error.issues[0]?.message})`);
  return parsed.data;
}

function locate(ref: string, reportsDir: string, except?: string): string {
  if (ref === 'latest') {
    const runs = listRuns(reportsDir).filter((id) => id !== except);
    const last = runs.at(-1);
    if (!last) throw new Error(`no earlier run under ${reportsDir}`);
    return join(reportsDir, last, 'report.json');
  }
  for (const candidate of [join(reportsDir, ref), resolve(ref)]) {
    if (!existsSync(candidate)) continue;
    return statSync(candidate).isDirectory() ? join(candidate, 'report.json') : candidate;
  }
  throw new Error(`no run "${ref}" (give a run id under ${reportsDir}, a folder or a report.json)`);
}
