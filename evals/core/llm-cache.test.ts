import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cachingFetch } from './llm-cache.js';

const URL_ = 'http://127.0.0.1:1/v1/chat/completions';

/** A model endpoint that counts its calls and answers JSON naming the call (or a fixed status). */
function fakeEndpoint(status = 200) {
  const calls: { url: string; body: unknown }[] = [];
  const inner: typeof fetch = async (input, init) => {
    calls.push({ url: String(input), body: init?.body });
    return new Response(JSON.stringify({ answer: `call ${calls.length}` }), {
      status,
      headers: { 'content-type': 'application/json; charset=utf-8' },
    });
  };
  return { inner, calls };
}

const post = (body: unknown): RequestInit => ({
  method: 'POST',
  body: body as NonNullable<RequestInit['body']>,
});

describe('cachingFetch', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'llm-cache-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers the second identical request from the cache without calling the model', async () => {
    const { inner, calls } = fakeEndpoint();
    const { fetch: f, counts } = cachingFetch(dir, inner);
    const body = JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'hi' }] });

    const first = await f(URL_, post(body));
    expect(await first.json()).toEqual({ answer: 'call 1' });
    expect(counts).toEqual({ cached: 0, fresh: 1 });

    const second = await f(URL_, post(body));
    expect(second.status).toBe(200);
    expect(second.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await second.json()).toEqual({ answer: 'call 1' });
    expect(calls).toHaveLength(1);
    expect(counts).toEqual({ cached: 1, fresh: 1 });
  });

  it('keeps answers on disk for a later fetch over the same folder', async () => {
    const body = JSON.stringify({ model: 'm', messages: [] });
    const a = fakeEndpoint();
    await (await cachingFetch(dir, a.inner).fetch(URL_, post(body))).text();
    const b = fakeEndpoint();
    const later = cachingFetch(dir, b.inner);
    expect(await (await later.fetch(URL_, post(body))).json()).toEqual({ answer: 'call 1' });
    expect(b.calls).toHaveLength(0);
    expect(later.counts).toEqual({ cached: 1, fresh: 0 });
  });

  it('calls the model for a different body, and for the same body at another URL', async () => {
    const { inner, calls } = fakeEndpoint();
    const { fetch: f, counts } = cachingFetch(dir, inner);
    await f(URL_, post('{"model":"m","messages":["a"]}'));
    const other = await f(URL_, post('{"model":"m","messages":["b"]}'));
    expect(await other.json()).toEqual({ answer: 'call 2' });
    await f('http://127.0.0.1:2/v1/chat/completions', post('{"model":"m","messages":["a"]}'));
    expect(calls).toHaveLength(3);
    expect(counts).toEqual({ cached: 0, fresh: 3 });
  });

  it('does not keep an answer that is not ok', async () => {
    const { inner, calls } = fakeEndpoint(500);
    const { fetch: f, counts } = cachingFetch(dir, inner);
    const body = '{"model":"m"}';
    const first = await f(URL_, post(body));
    expect(first.status).toBe(500);
    const second = await f(URL_, post(body));
    expect(second.status).toBe(500);
    expect(calls).toHaveLength(2);
    expect(counts).toEqual({ cached: 0, fresh: 2 });
    expect(readdirSync(dir)).toEqual([]);
  });

  it('passes a request whose body is not a string through, uncached', async () => {
    const { inner, calls } = fakeEndpoint();
    const { fetch: f, counts } = cachingFetch(dir, inner);
    const bytes = new TextEncoder().encode('{"model":"m"}');
    await f(URL_, post(bytes));
    await f(URL_, post(bytes));
    await f(URL_);
    expect(calls).toHaveLength(3);
    expect(calls[0]?.body).toBe(bytes);
    expect(counts.cached).toBe(0);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('treats a corrupt cache file as a miss, and replaces it', async () => {
    const body = '{"model":"m","messages":["x"]}';
    const seed = fakeEndpoint();
    await (await cachingFetch(dir, seed.inner).fetch(URL_, post(body))).text();
    const [file] = readdirSync(dir);
    expect(file).toMatch(/^[0-9a-f]{64}\.json$/);
    writeFileSync(join(dir, file as string), '{"status": 200, "body": ');

    const { inner, calls } = fakeEndpoint();
    const { fetch: f, counts } = cachingFetch(dir, inner);
    expect(await (await f(URL_, post(body))).json()).toEqual({ answer: 'call 1' });
    expect(calls).toHaveLength(1);
    expect(counts).toEqual({ cached: 0, fresh: 1 });
    await f(URL_, post(body));
    expect(calls).toHaveLength(1);
    expect(counts).toEqual({ cached: 1, fresh: 1 });
  });

  it('treats a cache file of the wrong shape as a miss', async () => {
    const body = '{"model":"m","messages":["y"]}';
    const seed = fakeEndpoint();
    await (await cachingFetch(dir, seed.inner).fetch(URL_, post(body))).text();
    const [file] = readdirSync(dir);
    writeFileSync(join(dir, file as string), JSON.stringify({ status: 'ok', text: 'x' }));

    const { inner, calls } = fakeEndpoint();
    const { fetch: f, counts } = cachingFetch(dir, inner);
    await f(URL_, post(body));
    expect(calls).toHaveLength(1);
    expect(counts).toEqual({ cached: 0, fresh: 1 });
  });

  it('creates its folder', async () => {
    const nested = join(dir, 'a', 'b');
    const { inner } = fakeEndpoint();
    await (await cachingFetch(nested, inner).fetch(URL_, post('{}'))).text();
    expect(readdirSync(nested)).toHaveLength(1);
  });
});
