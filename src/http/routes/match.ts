import { createRoute, OpenAPIHono, type z } from '@hono/zod-openapi';
import {
  MatchRequest,
  MatchResponse,
  type MatchResponse as MatchResponseType,
} from '../../domain/index.js';
import type { AuthEnv } from '../auth.js';
import { ErrorResponse } from '../schemas.js';
import { validationHook } from '../validation.js';

export type MatchFn = (request: MatchRequest, practiceId: string) => Promise<MatchResponseType>;

const json = (schema: z.ZodType, description: string) => ({
  content: { 'application/json': { schema } },
  description,
});

/** `POST /api/match`: the matcher, ad hoc, for a coordinator looking for an alternative. */
export function matchRoutes(match: MatchFn) {
  const app = new OpenAPIHono<AuthEnv>({ defaultHook: validationHook });
  app.openapi(
    createRoute({
      method: 'post',
      path: '/match',
      summary: 'Find and rank specialists for one referral-shaped request',
      security: [{ bearer: [] }],
      request: {
        body: { content: { 'application/json': { schema: MatchRequest } }, required: true },
      },
      responses: {
        200: json(MatchResponse, 'Ranked candidates, or an exception with the nearest ways out'),
        401: json(ErrorResponse, 'Missing or invalid bearer token'),
        422: json(ErrorResponse, 'Invalid request, or an unknown planId'),
      },
    }),
    async (c) => c.json(await match(c.req.valid('json'), c.get('principal').practiceId), 200),
  );
  return app;
}
