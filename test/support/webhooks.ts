import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { type HttpResult, request } from './http.js';

export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

export function newWebhookId(): string {
  return `evt_e2e_${randomBytes(8).toString('hex')}`;
}

export interface HandMadeWebhook {
  /** Raw body, sent byte for byte (default: `JSON.stringify(event)`). */
  body: string;
  /** Default: a fresh id. */
  id?: string;
  /** Signing time, also sent as webhook-timestamp (default: now). */
  at?: Date;
  /** Signs this instead of `body` (a valid signature over other bytes). */
  signedBody?: string;
  /** Signs with this secret instead of the service's. */
  secret?: string;
  contentType?: string;
  /** Header names to leave out (e.g. 'webhook-signature'). */
  omit?: readonly ('webhook-id' | 'webhook-timestamp' | 'webhook-signature')[];
}

/** A referral event envelope as the EHR would send it. */
export function referralEvent(
  type: string,
  data: Record<string, string>,
  timestamp = new Date().toISOString(),
): string {
  return JSON.stringify({ type, timestamp, data });
}

/** Signs `body` the Standard Webhooks way and POSTs it to the service's `/webhooks/ehr`. */
export function postWebhook(
  serviceUrl: string,
  secret: string,
  hook: HandMadeWebhook,
): Promise<HttpResult> {
  const id = hook.id ?? newWebhookId();
  const at = hook.at ?? new Date();
  const headers: Record<string, string> = {
    'content-type': hook.contentType ?? 'application/json',
    'webhook-id': id,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': new Webhook(hook.secret ?? secret).sign(
      id,
      at,
      hook.signedBody ?? hook.body,
    ),
  };
  for (const name of hook.omit ?? []) delete headers[name];
  return request(`${serviceUrl}/webhooks/ehr`, { method: 'POST', headers, body: hook.body });
}
