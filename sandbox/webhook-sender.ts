import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { type Logger, silent } from './options.js';

export interface DeliveryRecord {
  webhook_id: string;
  type: string;
  referral_id: string;
  attempts: number;
  delivered: boolean;
  last_status: number | null;
  last_error: string | null;
  /** Never sent: swallowed by an armed drop (`POST /sandbox/webhooks/drop`). */
  dropped: boolean;
}

/** What an armed drop still swallows; `types` null = any type. */
export interface DropState {
  remaining: number;
  types: string[] | null;
}

export interface WebhookSenderOptions {
  url: string;
  secret: string;
  retryDelaysMs: readonly number[];
  timeoutMs?: number;
  logger?: Logger;
  fetch?: typeof fetch;
  /** The sender's clock: event and attempt timestamps. */
  now?: () => Date;
}

export type EventData = { referral_id: string; practice_id: string } & Record<string, string>;

/**
 * Sends Standard Webhooks v1 events like a real sender: the same webhook-id on every attempt, a
 * fresh timestamp and signature each time, retries with jittered backoff on network errors and
 * non-2xx answers, and an immediate stop on 410 Gone. `close()` cancels everything pending.
 */
export class WebhookSender {
  private readonly now: () => Date;
  private readonly signer: Webhook;
  private readonly records: DeliveryRecord[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly inFlight = new Set<Promise<void>>();
  private readonly abort = new AbortController();
  private readonly fetchImpl: typeof fetch;
  private readonly logger: Logger;
  private readonly options: WebhookSenderOptions;
  private closed = false;
  private drop: DropState = { remaining: 0, types: null };

  constructor(options: WebhookSenderOptions) {
    this.options = options;
    this.signer = new Webhook(options.secret);
    this.fetchImpl = options.fetch ?? fetch;
    this.logger = options.logger ?? silent;
    this.now = options.now ?? (() => new Date());
  }

  /** Queues an event for delivery (first attempt on the next turn) and returns its webhook-id. */
  send(type: string, data: EventData): string {
    const id = `evt_${randomBytes(12).toString('hex')}`;
    const body = JSON.stringify({ type, timestamp: this.now().toISOString(), data });
    const record: DeliveryRecord = {
      webhook_id: id,
      type,
      referral_id: data.referral_id,
      attempts: 0,
      delivered: false,
      last_status: null,
      last_error: null,
      dropped: this.takeDrop(type),
    };
    this.records.push(record);
    if (record.dropped)
      this.logger({ level: 'info', msg: 'webhook.dropped', webhook_id: id, type });
    else if (this.closed) record.last_error = 'sender closed';
    else this.schedule(0, () => this.attempt(record, body, 0));
    return id;
  }

  /** Swallows the next `count` events (of `types`, when given); replaces any drop armed before. */
  armDrop(count: number, types: readonly string[] | undefined): DropState {
    this.drop = { remaining: count, types: types ? [...types] : null };
    return this.dropState();
  }

  disarmDrop(): void {
    this.drop = { remaining: 0, types: null };
  }

  dropState(): DropState {
    return { remaining: this.drop.remaining, types: this.drop.types && [...this.drop.types] };
  }

  /** The delivery log, oldest first (copies). */
  deliveries(): DeliveryRecord[] {
    return this.records.map((r) => ({ ...r }));
  }

  /** Stops all pending retries and aborts requests in flight. */
  async close(): Promise<void> {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.abort.abort();
    await Promise.allSettled([...this.inFlight]);
  }

  private takeDrop(type: string): boolean {
    const { remaining, types } = this.drop;
    if (remaining <= 0 || (types !== null && !types.includes(type))) return false;
    this.drop.remaining -= 1;
    if (this.drop.remaining === 0) this.disarmDrop();
    return true;
  }

  private schedule(delayMs: number, run: () => Promise<void>): void {
    if (this.closed) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      const running = run();
      this.inFlight.add(running);
      void running.finally(() => this.inFlight.delete(running));
    }, delayMs);
    this.timers.add(timer);
  }

  private async attempt(record: DeliveryRecord, body: string, index: number): Promise<void> {
    if (this.closed) return;
    record.attempts += 1;
    const { status, error } = await this.post(record.webhook_id, body);
    record.last_status = status;
    record.last_error = error;
    const line = { webhook_id: record.webhook_id, type: record.type, attempt: record.attempts };
    if (status !== null && status >= 200 && status < 300) {
      record.delivered = true;
      this.logger({ level: 'info', msg: 'webhook.delivered', ...line, status });
      return;
    }
    const delay = this.options.retryDelaysMs[index];
    if (this.closed || status === 410 || delay === undefined) {
      this.logger({ level: 'warn', msg: 'webhook.abandoned', ...line, status, error });
      return;
    }
    this.logger({ level: 'warn', msg: 'webhook.retrying', ...line, status, error });
    this.schedule(jitter(delay), () => this.attempt(record, body, index + 1));
  }

  private async post(
    id: string,
    body: string,
  ): Promise<{ status: number | null; error: string | null }> {
    const now = this.now();
    try {
      const res = await this.fetchImpl(this.options.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'webhook-id': id,
          'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
          'webhook-signature': this.signer.sign(id, now, body),
        },
        body,
        signal: AbortSignal.any([
          AbortSignal.timeout(this.options.timeoutMs ?? 15_000),
          this.abort.signal,
        ]),
      });
      await res.arrayBuffer().catch(() => undefined);
      return { status: res.status, error: res.ok ? null : `HTTP ${res.status}` };
    } catch (err) {
      return { status: null, error: describe(err) };
    }
  }
}

/** ±10% so many senders retrying together do not stay in lockstep. */
function jitter(ms: number): number {
  return Math.max(0, Math.round(ms * (0.9 + Math.random() * 0.2)));
}

function describe(err: unknown): string {
  if (!(err instanceof Error)) return 'unknown error';
  if (err.name === 'TimeoutError') return 'timeout';
  if (err.name === 'AbortError') return 'cancelled';
  const code = (err.cause as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? `network error: ${code}` : `network error: ${err.name}`;
}
