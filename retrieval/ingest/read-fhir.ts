import { createReadStream } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { FhirResource, type OnIssue } from './fhir-types.js';

export interface ReadFhirOptions {
  onIssue?: OnIssue;
}

interface Origin {
  file: string;
  line?: number;
}

/**
 * Yields FHIR resources from an `.ndjson` file (one per line), a `.json` file (one resource or a
 * Bundle, nested Bundles flattened), or a folder of such files (read in name order, recursively).
 * Malformed lines and non-resources are reported through `onIssue` and skipped.
 */
export async function* readFhir(
  path: string | URL,
  options: ReadFhirOptions = {},
): AsyncGenerator<FhirResource> {
  const file = typeof path === 'string' ? path : fileURLToPath(path);
  const info = await stat(file).catch(() => null);
  if (!info) throw new Error(`FHIR input not found: ${file}`);
  if (info.isDirectory()) {
    const names = (await readdir(file)).sort();
    for (const name of names) {
      const child = join(file, name);
      const childInfo = await stat(child);
      if (childInfo.isDirectory() || isFhirFile(name)) yield* readFhir(child, options);
    }
    return;
  }
  if (extname(file).toLowerCase() === '.ndjson') yield* readNdjson(file, options);
  else yield* readJson(file, options);
}

function isFhirFile(name: string): boolean {
  const ext = extname(name).toLowerCase();
  return ext === '.ndjson' || ext === '.json';
}

async function* readNdjson(file: string, options: ReadFhirOptions): AsyncGenerator<FhirResource> {
  const lines = createInterface({
    input: createReadStream(file, 'utf8'),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  let line = 0;
  for await (const raw of lines) {
    line += 1;
    const text = line === 1 ? stripBom(raw) : raw;
    if (text.trim() === '') continue;
    yield* fromText(text, { file, line }, options);
  }
}

async function* readJson(file: string, options: ReadFhirOptions): AsyncGenerator<FhirResource> {
  const text = stripBom(await readFile(file, 'utf8'));
  if (text.trim() === '') return;
  yield* fromText(text, { file }, options);
}

function* fromText(
  text: string,
  origin: Origin,
  options: ReadFhirOptions,
): Generator<FhirResource> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : 'invalid JSON';
    report(options, origin, 'malformed-line', `not valid JSON (${reason})`);
    return;
  }
  yield* expand(value, origin, options);
}

function* expand(
  value: unknown,
  origin: Origin,
  options: ReadFhirOptions,
): Generator<FhirResource> {
  const parsed = FhirResource.safeParse(value);
  if (!parsed.success) {
    report(options, origin, 'not-a-resource', 'not a FHIR resource (no resourceType)');
    return;
  }
  const resource = parsed.data;
  if (resource.resourceType !== 'Bundle') {
    yield resource;
    return;
  }
  const entries = Array.isArray(resource.entry) ? (resource.entry as unknown[]) : [];
  for (const entry of entries) {
    const inner = (entry as { resource?: unknown } | null)?.resource;
    if (inner !== undefined) yield* expand(inner, origin, options);
  }
}

function report(
  options: ReadFhirOptions,
  origin: Origin,
  kind: 'malformed-line' | 'not-a-resource',
  message: string,
): void {
  const where = origin.line === undefined ? origin.file : `${origin.file}:${origin.line}`;
  options.onIssue?.({ kind, message: `${where}: ${message}`, ...origin });
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
