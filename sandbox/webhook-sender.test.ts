import { afterEach, describe, expect, it, vi } from 'vitest';
import { SECRET } from './test-client.js';
import { WebhookSender } from './webhook-sender.js';

const data = { referral_id: 'ref-000001', practice_id: 'practice-demo' };
let sender: WebhookSender | undefined;

function make(fetchImpl: typeof fetch, retryDelaysMs: number[], timeoutMs?: number) {
  sender = new WebhookSender({
    url: 'http://receiver.test/hook',
    secret: SECRET,
    retryDelaysMs,
    fetch: fetchImpl,
    ...(timeoutMs === undefined ? {} : { timeoutMs }),
  });
  return sender;
}

/** A fetch that never answers: it only settles when its signal aborts. */
const hangingFetch = () =>
  vi.fn(
    (_url: string | URL | Request, init?: RequestInit) =>
      new Promise<Response>((_resolve, reject) => {
        init?.signal?.addEventListener('abort', () => reject(init.signal?.reason));
      }),
  ) as unknown as typeof fetch;

afterEach(async () => {
  vi.useRealTimers();
  vi.restoreAllMocks();
  await sender?.close();
});

describe('WebhookSender', () => {
  it('gives up after delays.length + 1 attempts on network errors', async () => {
    const refused = vi.fn(async () => {
      throw new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } });
    });
    const s = make(refused as unknown as typeof fetch, [5, 5]);
    s.send('referral.created', data);
    await vi.waitFor(() => expect(s.deliveries()[0]?.attempts).toBe(3));
    await new Promise((r) => setTimeout(r, 50));
    expect(refused).toHaveBeenCalledTimes(3);
    expect(s.deliveries()[0]).toMatchObject({
      delivered: false,
      last_status: null,
      last_error: 'network error: ECONNREFUSED',
    });
  });

  it('times a hanging request out', async () => {
    const s = make(hangingFetch(), [], 30);
    s.send('referral.created', data);
    await vi.waitFor(() => expect(s.deliveries()[0]?.last_error).toBe('timeout'));
    expect(s.deliveries()[0]?.attempts).toBe(1);
  });

  it('close() aborts a request in flight and schedules nothing more', async () => {
    const hanging = hangingFetch();
    const s = make(hanging, [5, 5]);
    s.send('referral.created', data);
    await vi.waitFor(() => expect(hanging).toHaveBeenCalled());
    await s.close();
    expect(s.deliveries()[0]).toMatchObject({ attempts: 1, last_error: 'cancelled' });
    await new Promise((r) => setTimeout(r, 50));
    expect(s.deliveries()[0]?.attempts).toBe(1);
    s.send('referral.created', data);
    await new Promise((r) => setTimeout(r, 20));
    expect(s.deliveries()[1]).toMatchObject({ attempts: 0, last_error: 'sender closed' });
  });

  it.each([
    [0, 900],
    [0.99999, 1100],
  ])('jitters a 1000 ms delay within ±10%% (random %d → %d ms)', async (random, expected) => {
    vi.useFakeTimers();
    vi.spyOn(Math, 'random').mockReturnValue(random);
    const failing = vi.fn(async () => new Response(null, { status: 503 }));
    const s = make(failing as unknown as typeof fetch, [1000]);
    s.send('referral.created', data);
    await vi.advanceTimersByTimeAsync(0);
    expect(failing).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(expected - 1);
    expect(failing).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(failing).toHaveBeenCalledTimes(2);
    expect(s.deliveries()[0]).toMatchObject({ attempts: 2, delivered: false, last_status: 503 });
  });
});
