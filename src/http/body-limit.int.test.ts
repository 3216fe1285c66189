import { request as httpRequest, type OutgoingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createFakeApp,
  FAKE_APP_TOKENS,
  signedWebhookHeaders,
} from '../../test/support/fake-app.js';

const MiB = 1024 * 1024;
const OFFERED = 50 * MiB;
const API_LIMIT = 64 * 1024;
const WEBHOOK_LIMIT = 16 * 1024;
/** Far below what is offered: the limit plus what the socket buffers on both sides can hold. */
const MOST_PULLED = 16 * MiB;

/** 50 MiB of JSON whitespace in 64 KiB chunks, counting what the client pulls out of it. */
function offeredBody() {
  const source = {
    pulled: 0,
    *chunks(): Generator<Uint8Array> {
      const chunk = new Uint8Array(64 * 1024).fill(0x20);
      for (let sent = 0; sent < OFFERED; sent += chunk.length) {
        source.pulled += chunk.length;
        yield chunk;
      }
    },
  };
  return source;
}

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/**
 * POSTs a body pulled from `chunks` only as fast as the socket takes it (respecting backpressure)
 * over a keep-alive connection, and goes on offering it after the answer, as a careless client
 * would: resolves once the answer is in and the upload has stopped, because the body ran out or
 * the server closed the connection. A write failing after the answer is expected; before it, not.
 */
function postStreaming(
  url: string,
  headers: OutgoingHttpHeaders,
  chunks: Iterator<Uint8Array>,
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    let answer: Answer | undefined;
    let uploadStopped = false;
    const settle = () => {
      if (answer && uploadStopped) resolve(answer);
    };
    const stopUpload = () => {
      uploadStopped = true;
      settle();
    };
    const req = httpRequest(url, {
      method: 'POST',
      headers: { connection: 'keep-alive', ...headers },
      agent: false,
    });
    req.on('response', (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (text: string) => {
        body += text;
      });
      res.on('end', () => {
        answer = { status: res.statusCode ?? 0, headers: res.headers, body };
        settle();
      });
      res.on('error', reject);
    });
    req.on('error', (error) => (answer ? stopUpload() : reject(error)));
    req.on('close', stopUpload);
    const pump = () => {
      while (!req.destroyed) {
        const next = chunks.next();
        if (next.done) {
          req.end(stopUpload);
          return;
        }
        if (!req.write(next.value)) {
          req.once('drain', pump);
          return;
        }
      }
    };
    pump();
  });
}

describe('body limits over a real socket', () => {
  let baseUrl: string;
  let stop: () => Promise<void>;

  beforeAll(async () => {
    const fake = await createFakeApp({ maxApiBytes: API_LIMIT, maxWebhookBytes: WEBHOOK_LIMIT });
    const server = serve({ fetch: fake.app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise<void>((resolve, reject) => {
      server.once('listening', resolve);
      server.once('error', reject);
    });
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    stop = async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        if ('closeAllConnections' in server) server.closeAllConnections();
      });
      await fake.close();
    };
  });
  afterAll(() => stop());

  const api = {
    authorization: `Bearer ${FAKE_APP_TOKENS.coordinator}`,
    'content-type': 'application/json',
  };
  const webhook = { ...signedWebhookHeaders('{}'), 'content-type': 'application/json' };
  const routes = [
    { name: 'POST /api/match', path: '/api/match', headers: api },
    {
      name: 'POST /api/referrals/{id}/review',
      path: '/api/referrals/ref-1/review',
      headers: { ...api, 'idempotency-key': 'key-1' },
    },
    { name: 'POST /webhooks/ehr', path: '/webhooks/ehr', headers: webhook },
  ];

  for (const route of routes) {
    it(`${route.name}: a 50 MiB chunked body gets a 413 and a closed connection long before 50 MiB`, async () => {
      const source = offeredBody();
      const answer = await postStreaming(`${baseUrl}${route.path}`, route.headers, source.chunks());
      expect(answer.status).toBe(413);
      expect(JSON.parse(answer.body)).toMatchObject({ error: { code: 'PAYLOAD_TOO_LARGE' } });
      expect(source.pulled).toBeLessThan(MOST_PULLED);
      expect(answer.headers.connection).toBe('close');
    });

    it(`${route.name}: a declared 50 MiB Content-Length gets a 413 and a closed connection, unread`, async () => {
      const source = offeredBody();
      const answer = await postStreaming(
        `${baseUrl}${route.path}`,
        { ...route.headers, 'content-length': String(OFFERED) },
        source.chunks(),
      );
      expect(answer.status).toBe(413);
      expect(JSON.parse(answer.body)).toMatchObject({ error: { code: 'PAYLOAD_TOO_LARGE' } });
      expect(source.pulled).toBeLessThan(MOST_PULLED);
      expect(answer.headers.connection).toBe('close');
    });
  }

  it('still reads a chunked body under the limit in full', async () => {
    const body = JSON.stringify({
      reason: 'NPDR',
      patient: { lat: 41.8, lon: -71.4, planId: 'p1' },
    });
    const chunks = [new TextEncoder().encode(body)][Symbol.iterator]();
    const answer = await postStreaming(`${baseUrl}/api/match`, api, chunks);
    expect(answer.status).toBe(200);
  });
});
