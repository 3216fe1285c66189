import type { ServerOptions } from 'node:http';

export interface HttpTimeouts {
  /** The most a client may take to send its request headers. */
  headersTimeoutMs: number;
  /** The most a client may take to send its whole request (headers and body). */
  requestTimeoutMs: number;
}

/**
 * Node `http.Server` options that drop slow clients: a request that declares more body than it
 * sends gets a 408 and a closed connection instead of holding it open. Node checks the timeouts
 * only every `connectionsCheckingInterval` (30 s by default), so the check runs at a fraction of
 * the shorter one. For `serve({ ..., serverOptions })` of `@hono/node-server`.
 */
export function serverTimeouts(t: HttpTimeouts): ServerOptions {
  return {
    headersTimeout: t.headersTimeoutMs,
    requestTimeout: t.requestTimeoutMs,
    connectionsCheckingInterval: Math.max(10, Math.min(1000, Math.floor(t.headersTimeoutMs / 4))),
  };
}
