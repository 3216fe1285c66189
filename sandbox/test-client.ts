import { createSandboxApp, type SandboxApp } from './app.js';
import type { SandboxAppOptions } from './options.js';

/** Test helpers: an in-process sandbox whose webhook "sends" are recorded, not posted. */

export const API_KEY = 'test-api-key-0123456789';
export const SECRET = `whsec_${Buffer.from('sandbox-test-secret-0123456789ab').toString('base64')}`;

export interface SentWebhook {
  url: string;
  headers: Record<string, string>;
  body: string;
}

export interface TestSandbox extends SandboxApp {
  sent: SentWebhook[];
  call(method: string, path: string, init?: CallInit): Promise<Response>;
}

export interface CallInit {
  body?: unknown;
  headers?: Record<string, string>;
  auth?: boolean;
  idempotencyKey?: string;
}

/** `options` adds to (or overrides) the test defaults: `now`, `hl7`, `offices`… */
export function testSandbox(
  webhookStatus = 204,
  options: Partial<SandboxAppOptions> = {},
): TestSandbox {
  const sent: SentWebhook[] = [];
  const fakeFetch = (async (url: string | URL | Request, init?: RequestInit) => {
    sent.push({
      url: String(url),
      headers: Object.fromEntries(new Headers(init?.headers).entries()),
      body: String(init?.body),
    });
    return new Response(null, { status: webhookStatus });
  }) as typeof fetch;
  const sandbox = createSandboxApp({
    practiceId: 'practice-demo',
    apiKey: API_KEY,
    webhookUrl: 'http://receiver.test/webhooks/ehr',
    webhookSecret: SECRET,
    webhookRetryDelaysMs: [10, 10],
    fetch: fakeFetch,
    ...options,
  });
  return {
    ...sandbox,
    sent,
    call(method, path, init = {}) {
      const headers: Record<string, string> = { ...init.headers };
      if (init.auth !== false) headers.authorization ??= `Bearer ${API_KEY}`;
      if (init.idempotencyKey !== undefined) headers['idempotency-key'] = init.idempotencyKey;
      let body: string | undefined;
      if (init.body !== undefined) {
        headers['content-type'] ??= 'application/json';
        body = typeof init.body === 'string' ? init.body : JSON.stringify(init.body);
      }
      return Promise.resolve(
        sandbox.app.request(path, { method, headers, ...(body === undefined ? {} : { body }) }),
      );
    },
  };
}

export const validReferral = {
  patient_id: 'pat-0001',
  referring_provider_id: 'prov-01',
  reason: 'Suspected wet AMD, left eye',
  diagnosis_codes: ['H35.3221', 'E11.3293'],
  specialty: 'retina',
  urgency: 'urgent',
};

/** Reads a JSON body as a loose record for assertions. */
// biome-ignore lint/suspicious/noExplicitAny: assertions read arbitrary JSON
export async function json(res: Response): Promise<any> {
  return res.json();
}
