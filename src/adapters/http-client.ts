import type { z } from 'zod';
import { AppError } from '../domain/index.js';

export interface HttpClientOptions {
  baseUrl: string;
  apiKey: string;
  timeoutMs: number;
  maxAttempts: number;
  backoffMs: number;
  /** Name of the upstream, for error details and logs. */
  upstream: string;
  sleep?: (ms: number) => Promise<void>;
}

export interface RequestOptions<T extends z.ZodType> {
  method?: 'GET' | 'POST';
  path: string;
  body?: unknown;
  headers?: Record<string, string>;
  schema: T;
}

const RETRYABLE_STATUS = new Set([408, 425, 429, 500, 502, 503, 504]);
const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** JSON over fetch with a per-attempt timeout, bounded retries with jittered backoff, zod parsing. */
export function createHttpClient(options: HttpClientOptions) {
  const sleep = options.sleep ?? defaultSleep;
  const base = options.baseUrl.replace(/\/$/, '');

  async function attempt<T extends z.ZodType>(req: RequestOptions<T>): Promise<z.infer<T>> {
    let response: Response;
    try {
      response = await fetch(`${base}${req.path}`, {
        method: req.method ?? 'GET',
        headers: {
          accept: 'application/json',
          authorization: `Bearer ${options.apiKey}`,
          ...(req.body === undefined ? {} : { 'content-type': 'application/json' }),
          ...req.headers,
        },
        ...(req.body === undefined ? {} : { body: JSON.stringify(req.body) }),
        signal: AbortSignal.timeout(options.timeoutMs),
      });
    } catch (cause) {
      const isTimeout = cause instanceof Error && cause.name === 'TimeoutError';
      throw new AppError(
        isTimeout ? 'TIMEOUT' : 'UPSTREAM_UNAVAILABLE',
        `${options.upstream} unreachable`,
        {
          cause,
          details: { upstream: options.upstream },
        },
      );
    }
    if (!response.ok) {
      await response.body?.cancel();
      const details = { upstream: options.upstream, status: response.status };
      if (response.status === 404)
        throw new AppError('NOT_FOUND', `${options.upstream}: not found`, { details });
      if (RETRYABLE_STATUS.has(response.status)) {
        throw new AppError(
          'UPSTREAM_UNAVAILABLE',
          `${options.upstream} answered ${response.status}`,
          { details },
        );
      }
      throw new AppError('UPSTREAM_REJECTED', `${options.upstream} answered ${response.status}`, {
        details,
      });
    }
    let json: unknown;
    try {
      json = await response.json();
    } catch (cause) {
      throw new AppError(
        'UPSTREAM_UNAVAILABLE',
        `${options.upstream} sent a body that is not JSON`,
        { cause },
      );
    }
    const parsed = req.schema.safeParse(json);
    if (!parsed.success) {
      throw new AppError('UPSTREAM_REJECTED', `${options.upstream} sent an unexpected shape`, {
        cause: parsed.error,
        details: { upstream: options.upstream },
      });
    }
    return parsed.data;
  }

  return {
    async request<T extends z.ZodType>(req: RequestOptions<T>): Promise<z.infer<T>> {
      for (let n = 1; ; n++) {
        try {
          return await attempt(req);
        } catch (error) {
          const retry = error instanceof AppError && error.isRetryable && n < options.maxAttempts;
          if (!retry) throw error;
          const delay = options.backoffMs * 2 ** (n - 1);
          await sleep(delay / 2 + Math.random() * (delay / 2));
        }
      }
    },
  };
}

export type HttpClient = ReturnType<typeof createHttpClient>;
