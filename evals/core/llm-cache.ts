import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

const CachedResponse = z.object({
  status: z.number().int(),
  contentType: z.string(),
  body: z.string(),
});

export interface LlmCallCounts {
  cached: number;
  fresh: number;
}

/**
 * A fetch for the model client that answers a request it has seen from disk: the key is the
 * request itself (URL, model, messages, tools, schema), so a re-run costs nothing, while a new
 * prompt version or another model is a new key. Only successful answers are kept.
 */
export function cachingFetch(dir: string, inner: typeof fetch = fetch) {
  mkdirSync(dir, { recursive: true });
  const counts: LlmCallCounts = { cached: 0, fresh: 0 };
  const cached: typeof fetch = async (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    const body = init?.body;
    if (typeof body !== 'string') return inner(input, init);
    const key = createHash('sha256')
      .update(`${init?.method ?? 'GET'} ${url}\n${body}`)
      .digest('hex');
    const file = join(dir, `${key}.json`);
    const hit = readCached(file);
    if (hit) {
      counts.cached++;
      return new Response(hit.body, {
        status: hit.status,
        headers: { 'content-type': hit.contentType },
      });
    }
    const res = await inner(input, init);
    counts.fresh++;
    if (!res.ok) return res;
    const text = await res.text();
    const contentType = res.headers.get('content-type') ?? 'application/json';
    writeFileSync(file, JSON.stringify({ status: res.status, contentType, body: text }));
    return new Response(text, { status: res.status, headers: { 'content-type': contentType } });
  };
  return { fetch: cached, counts };
}

function readCached(file: string) {
  try {
    const parsed = CachedResponse.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
