import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import {
  DirectoryDrift,
  DirectoryImport,
  type DirectoryRepo,
  DriftFilter,
} from '../../domain/index.js';
import type { AuthEnv } from '../auth.js';
import { ErrorResponse } from '../schemas.js';
import { validationHook } from '../validation.js';

const json = <T extends z.ZodType>(schema: T, description: string) => ({
  content: { 'application/json': { schema } },
  description,
});
const security = [{ bearer: [] }];

const DriftPage = z
  .object({
    data: z.array(DirectoryDrift),
    /** Pass as `cursor` for the next page; null on the last one. */
    nextCursor: z.number().int().nullable(),
  })
  .openapi('DirectoryDriftPage');

const ImportsQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(20),
});

/**
 * `GET /api/directory/drift` and `/api/directory/imports`: what imports changed in the directory.
 * A bad query string is a 422 VALIDATION_FAILED naming each parameter (as on every /api route).
 */
export function directoryRoutes(deps: { directory: DirectoryRepo }) {
  const app = new OpenAPIHono<AuthEnv>({ defaultHook: validationHook });

  app.openapi(
    createRoute({
      method: 'get',
      path: '/directory/drift',
      summary:
        'Directory drift recorded by imports, newest first (networks added or dropped, acceptance, moves, endpoints, expired qualifications, deactivations)',
      security,
      request: { query: DriftFilter },
      responses: {
        200: json(DriftPage, 'One page of drift, newest first'),
        422: json(ErrorResponse, 'A query parameter is invalid'),
        401: json(ErrorResponse, 'Missing or invalid bearer token'),
      },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const page = await deps.directory.listDrift({
        limit: q.limit,
        ...(q.importId ? { importId: q.importId } : {}),
        ...(q.kind ? { kind: q.kind } : {}),
        ...(q.npi ? { npi: q.npi } : {}),
        ...(q.cursor ? { before: q.cursor } : {}),
      });
      return c.json({ data: page.items, nextCursor: page.nextCursor }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/directory/imports',
      summary: 'The latest directory imports: source, time, counts and drift by kind',
      security,
      request: { query: ImportsQuery },
      responses: {
        200: json(z.object({ data: z.array(DirectoryImport) }), 'Imports, latest first'),
        422: json(ErrorResponse, 'A query parameter is invalid'),
        401: json(ErrorResponse, 'Missing or invalid bearer token'),
      },
    }),
    async (c) => {
      const { limit } = c.req.valid('query');
      return c.json({ data: await deps.directory.listImports(limit) }, 200);
    },
  );
  return app;
}
