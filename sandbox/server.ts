import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createSandboxApp } from './app.js';
import type { SpecialistOffices } from './offices/index.js';
import {
  DEFAULT_HEADERS_TIMEOUT_MS,
  DEFAULT_OFFICE_TICK_MS,
  DEFAULT_REQUEST_TIMEOUT_MS,
  type SandboxOptions,
} from './options.js';
import type { SandboxWorld } from './world-state.js';

export interface RunningSandbox {
  url: string;
  port: number;
  /** Stops the server, every pending webhook retry and the offices. */
  close(): Promise<void>;
  /** Read access for tests. */
  world: SandboxWorld;
  /** The simulated specialist offices (`runDue()` sends what is due now). */
  offices: SpecialistOffices;
}

/** Starts the sandbox on a real socket; resolves once it is listening. */
export async function startSandbox(options: SandboxOptions): Promise<RunningSandbox> {
  const {
    port,
    host = '127.0.0.1',
    headersTimeoutMs = DEFAULT_HEADERS_TIMEOUT_MS,
    requestTimeoutMs = DEFAULT_REQUEST_TIMEOUT_MS,
    ...appOptions
  } = options;
  const sandbox = createSandboxApp(appOptions);
  // A client that declares more body than it sends gets a 408 and a closed connection. Node checks
  // only every connectionsCheckingInterval (30 s by default): check at a fraction of the timeout.
  const serverOptions = {
    headersTimeout: headersTimeoutMs,
    requestTimeout: requestTimeoutMs,
    connectionsCheckingInterval: Math.max(10, Math.min(1000, Math.floor(headersTimeoutMs / 4))),
  };
  const server = await new Promise<Server>((resolve, reject) => {
    const s = serve({ fetch: sandbox.app.fetch, port, hostname: host, serverOptions }, () =>
      resolve(s as Server),
    );
    s.once('error', reject);
  });
  const actualPort = (server.address() as AddressInfo).port;
  sandbox.offices.start(appOptions.offices?.tickMs ?? DEFAULT_OFFICE_TICK_MS);
  const urlHost = host.includes(':') ? `[${host}]` : host;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${urlHost}:${actualPort}`,
    port: actualPort,
    world: sandbox.world,
    offices: sandbox.offices,
    close() {
      closing ??= (async () => {
        await sandbox.close();
        // One turn for requests just released from injected delays to write their answers.
        await new Promise((resolve) => setImmediate(resolve));
        await new Promise<void>((resolve, reject) => {
          server.close((err) => (err ? reject(err) : resolve()));
          server.closeAllConnections();
        });
      })();
      return closing;
    },
  };
}
