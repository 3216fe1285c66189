import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import { AppError } from '../../domain/index.js';

/** A verified delivery: its id, and the practice whose credentials signed it. */
export type VerifyWebhook = (
  rawBody: string,
  headers: Headers,
) => { webhookId: string; practiceId: string };

/**
 * Standard Webhooks v1 (HMAC-SHA256 over `id.timestamp.body`, constant-time compare,
 * 5-minute tolerance both ways) by the reference library. The secret is one practice's EHR
 * connection, so whatever an event's body says, it speaks for that practice only.
 */
export function createWebhookVerifier(credentials: {
  secret: string;
  practiceId: string;
}): VerifyWebhook {
  const { secret, practiceId } = credentials;
  const webhook = new Webhook(secret);
  return (rawBody, headers) => {
    const webhookId = headers.get('webhook-id');
    const timestamp = headers.get('webhook-timestamp');
    const signature = headers.get('webhook-signature');
    if (!webhookId || !timestamp || !signature || !/^[A-Za-z0-9_:-]{1,128}$/.test(webhookId)) {
      throw new AppError('UNAUTHORIZED', 'Missing or malformed webhook signature headers');
    }
    try {
      webhook.verify(
        rawBody,
        {
          'webhook-id': webhookId,
          'webhook-timestamp': timestamp,
          'webhook-signature': signature,
        },
        { jsonParse: false },
      );
    } catch (cause) {
      if (cause instanceof WebhookVerificationError) {
        throw new AppError('UNAUTHORIZED', 'Webhook signature verification failed', { cause });
      }
      throw cause;
    }
    return { webhookId, practiceId };
  };
}
