import { OpenAPIHono, z } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { AppError, type Inbox, issuesFromZod, ReferralEvent } from '../../domain/index.js';
import { isJsonContentType } from '../media-type.js';
import { ErrorResponse } from '../schemas.js';

export interface WebhookRoutesDeps {
  inbox: Inbox;
  verify: (rawBody: string, headers: Headers) => { webhookId: string; practiceId: string };
  maxBodyBytes: number;
  /** Wakes the inbox worker; the graph never runs on the request path. */
  onAccepted: () => void;
}

const Accepted = z
  .object({ status: z.literal('accepted'), webhook_id: z.string() })
  .openapi('WebhookAccepted');

/** `POST /webhooks/ehr`: verify, validate, record durably (deduped by webhook-id), answer 202. */
export function webhookRoutes(deps: WebhookRoutesDeps) {
  const app = new OpenAPIHono();
  const json = (schema: z.ZodType, description: string) => ({
    content: { 'application/json': { schema } },
    description,
  });
  app.openAPIRegistry.registerPath({
    method: 'post',
    path: '/webhooks/ehr',
    summary: 'EHR referral events (Standard Webhooks signed)',
    request: {
      headers: z.object({
        'webhook-id': z.string(),
        'webhook-timestamp': z.string(),
        'webhook-signature': z.string(),
      }),
      body: {
        content: { 'application/json': { schema: ReferralEvent } },
        required: true,
      },
    },
    responses: {
      202: json(
        Accepted,
        'Recorded; a retry of the same webhook-id gets the same answer and starts nothing',
      ),
      400: json(ErrorResponse, 'Body is not JSON'),
      401: json(ErrorResponse, 'Missing, stale or wrong signature'),
      413: json(ErrorResponse, 'Body too large'),
      415: json(ErrorResponse, 'Not application/json'),
      422: json(
        ErrorResponse,
        'Body does not match the event schema (field-level issues, no echo)',
      ),
    },
  });

  app.post(
    '/webhooks/ehr',
    bodyLimit({
      maxSize: deps.maxBodyBytes,
      onError: () => {
        throw new AppError(
          'PAYLOAD_TOO_LARGE',
          `Webhook bodies are limited to ${deps.maxBodyBytes} bytes`,
        );
      },
    }),
    async (c) => {
      if (!isJsonContentType(c.req.header('content-type'))) {
        throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Webhook bodies must be application/json');
      }
      const raw = await c.req.text();
      const { webhookId, practiceId } = deps.verify(raw, c.req.raw.headers);
      let body: unknown;
      try {
        body = JSON.parse(raw);
      } catch {
        throw new AppError('BAD_REQUEST', 'The body is not valid JSON');
      }
      const parsed = ReferralEvent.safeParse(body);
      if (!parsed.success) {
        throw new AppError('VALIDATION_FAILED', 'The event failed validation', {
          issues: issuesFromZod(parsed.error),
        });
      }
      await deps.inbox.record({ webhookId, practiceId, event: parsed.data });
      deps.onAccepted();
      return c.json({ status: 'accepted' as const, webhook_id: webhookId }, 202);
    },
  );
  return app;
}
