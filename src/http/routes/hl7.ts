import { timingSafeEqual } from 'node:crypto';
import { OpenAPIHono, z } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import type { Hl7Answer } from '../../../graph/index.js';
import { AppError } from '../../domain/index.js';
import { ErrorResponse } from '../schemas.js';

export interface Hl7RoutesDeps {
  apiKey: string;
  maxBodyBytes: number;
  receive: (raw: string) => Promise<Hl7Answer>;
  /** Wakes the inbox worker: an accepted message's event is applied off the request path. */
  onAccepted: () => void;
}

const HL7_MEDIA_TYPES = ['application/hl7-v2', 'text/plain', 'x-application/hl7-v2+er7'];

function authorized(header: string | undefined, key: string): boolean {
  const given = Buffer.from(header?.replace(/^Bearer\s+/i, '') ?? '');
  const expected = Buffer.from(key);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * `POST /hl7/v2`: one ER7 message for interface engines that speak HTTP. A readable MSH gets 200
 * with the ACK (AA, AE or AR) as `application/hl7-v2`; a repeat of its control id gets the first
 * ACK. A body with no readable MSH is a 400 JSON error.
 */
export function hl7Routes(deps: Hl7RoutesDeps) {
  const app = new OpenAPIHono();
  app.openAPIRegistry.registerPath({
    method: 'post',
    path: '/hl7/v2',
    summary: 'One inbound HL7 v2 message (SIU, ADT, MDM, ORU, REF; versions 2.3 to 2.8)',
    security: [{ hl7Key: [] }],
    request: {
      body: {
        content: {
          'application/hl7-v2': { schema: z.string() },
          'text/plain': { schema: z.string() },
        },
        required: true,
      },
    },
    responses: {
      200: {
        content: { 'application/hl7-v2': { schema: z.string() } },
        description:
          'The HL7 ACK: MSA-1 AA (accepted, including a message handed to a coordinator), AE (error), AR (rejected)',
      },
      400: {
        content: { 'application/json': { schema: ErrorResponse } },
        description: 'No readable MSH (MESSAGE_UNREADABLE)',
      },
      401: {
        content: { 'application/json': { schema: ErrorResponse } },
        description: 'Missing or wrong HL7 key',
      },
      413: {
        content: { 'application/json': { schema: ErrorResponse } },
        description: 'Body too large',
      },
      415: {
        content: { 'application/json': { schema: ErrorResponse } },
        description: 'Not application/hl7-v2 or text/plain',
      },
    },
  });
  app.post(
    '/hl7/v2',
    async (c, next) => {
      if (!authorized(c.req.header('authorization'), deps.apiKey)) {
        throw new AppError('UNAUTHORIZED', 'A valid HL7 key is required');
      }
      const type = c.req.header('content-type')?.split(';')[0]?.trim().toLowerCase() ?? '';
      if (!HL7_MEDIA_TYPES.includes(type)) {
        throw new AppError(
          'UNSUPPORTED_MEDIA_TYPE',
          'Send the message as application/hl7-v2 or text/plain',
        );
      }
      await next();
    },
    bodyLimit({
      maxSize: deps.maxBodyBytes,
      onError: () => {
        throw new AppError(
          'PAYLOAD_TOO_LARGE',
          `HL7 messages are limited to ${deps.maxBodyBytes} bytes`,
        );
      },
    }),
    async (c) => {
      const answer = await deps.receive(await c.req.text());
      if (answer.kind === 'unreadable') {
        throw new AppError('MESSAGE_UNREADABLE', 'The body holds no readable HL7 v2 message', {
          details: { problem: answer.problem },
        });
      }
      if (answer.disposition === 'applied') deps.onAccepted();
      return c.body(answer.ack, 200, { 'content-type': 'application/hl7-v2; charset=utf-8' });
    },
  );
  return app;
}
