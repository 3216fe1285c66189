import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSandbox, startSandbox } from '../../sandbox/index.js';
import { createLogger } from '../../src/adapters/log/index.js';
import { EHR_API_KEY, type Harness, startHarness, TOKENS } from '../support/harness.js';

/** Writes `text` on a raw socket; resolves with what the server wrote once it closes the socket. */
function sendRaw(baseUrl: string, text: string) {
  const { hostname, port } = new URL(baseUrl);
  const socket = connect(Number(port), hostname);
  let received = '';
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => {
    received += chunk;
  });
  socket.on('error', () => {});
  socket.write(text);
  return new Promise<string>((resolve) => socket.on('close', () => resolve(received)));
}

/**
 * Sends the headers of a request that declares a 1000-byte body and only 10 bytes of it. On a
 * server without request timeouts the answer never comes (the test then fails on its own timeout).
 */
function sendTenOfThousandBytes(baseUrl: string, path: string, headers: Record<string, string>) {
  const head = Object.entries({ host: 'localhost', ...headers, 'content-length': '1000' })
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('');
  return sendRaw(baseUrl, `POST ${path} HTTP/1.1\r\n${head}\r\n{"reason":`);
}

const json = { 'content-type': 'application/json' };

describe('slow clients lose their connection', () => {
  let harness: Harness;
  let sandbox: RunningSandbox;
  const errorLines: string[] = [];

  beforeAll(async () => {
    harness = await startHarness({
      env: {
        HTTP_HEADERS_TIMEOUT_MS: '200',
        HTTP_REQUEST_TIMEOUT_MS: '200',
        DIRECTORY_GENERATE_COUNT: '0',
      },
      logger: createLogger('error', (line) => errorLines.push(line)),
    });
    sandbox = await startSandbox({
      port: 0,
      practiceId: 'practice-slow',
      apiKey: EHR_API_KEY,
      webhookUrl: 'http://127.0.0.1:9/webhooks/ehr',
      webhookSecret: harness.webhookSecret,
      headersTimeoutMs: 200,
      requestTimeoutMs: 200,
    });
  });
  afterAll(async () => {
    await sandbox?.close();
    await harness?.close();
  });

  it('the service answers a body that never completes with 408 and closes (the API)', async () => {
    const written = await sendTenOfThousandBytes(harness.service.url, '/api/match', {
      ...json,
      authorization: `Bearer ${TOKENS.coordinator}`,
    });
    expect(written).toMatch(/^HTTP\/1\.1 408 /);
  });

  it('the service answers a body that never completes with 408 and closes (the webhook)', async () => {
    const written = await sendTenOfThousandBytes(harness.service.url, '/webhooks/ehr', json);
    expect(written).toMatch(/^HTTP\/1\.1 408 /);
  });

  it('the service answers headers that never complete with 408 and closes', async () => {
    const written = await sendRaw(
      harness.service.url,
      'GET /health HTTP/1.1\r\nhost: localhost\r\n',
    );
    expect(written).toMatch(/^HTTP\/1\.1 408 /);
  });

  it('the sandbox answers a body that never completes with 408 and closes', async () => {
    const written = await sendTenOfThousandBytes(sandbox.url, '/api/referrals', {
      ...json,
      authorization: `Bearer ${EHR_API_KEY}`,
    });
    expect(written).toMatch(/^HTTP\/1\.1 408 /);
  });

  it('logged none of the cut-off requests above as a server failure', () => {
    expect(errorLines).toEqual([]);
  });
});
