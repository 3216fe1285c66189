import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { ReferralRunner } from '../../../graph/index.js';
import { AppError, type Clock, type Store } from '../../domain/index.js';
import { type AuthEnv, requireRole } from '../auth.js';
import { decideOnce } from '../decide-once.js';
import { detailOf, summaryOf } from '../referral-view.js';
import {
  AuditEntry,
  ErrorResponse,
  IdParam,
  ListQuery,
  ReferralDetail,
  ReferralSummary,
  ReviewBody,
  ReviewResult,
} from '../schemas.js';
import { validationHook } from '../validation.js';

const json = <T extends z.ZodType>(schema: T, description: string) => ({
  content: { 'application/json': { schema } },
  description,
});
const errors = {
  401: json(ErrorResponse, 'Missing or invalid bearer token'),
  404: json(ErrorResponse, 'No such referral in your practice'),
};
const security = [{ bearer: [] }];

const IdempotencyHeader = z.object({
  'idempotency-key': z.string().min(1).max(255).openapi({
    description: 'Unique per decision; a retry with the same key gets the first answer',
  }),
});

export interface ReferralRoutesDeps {
  store: Store;
  runner: ReferralRunner;
  clock: Clock;
}

/** The coordinator API: the review queue, one referral, its decision, its audit trail. */
export function referralRoutes(deps: ReferralRoutesDeps) {
  const app = new OpenAPIHono<AuthEnv>({ defaultHook: validationHook });

  const find = async (practiceId: string, id: string) => {
    const record = await deps.store.referrals.getReferral(practiceId, id);
    if (!record) throw new AppError('NOT_FOUND', 'Referral not found');
    return record;
  };

  app.openapi(
    createRoute({
      method: 'get',
      path: '/referrals',
      summary: 'List referrals (the review queue with ?status=pending_review)',
      security,
      request: { query: ListQuery },
      responses: {
        200: json(z.object({ data: z.array(ReferralSummary) }), 'Referrals, newest first'),
        401: errors[401],
      },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const { practiceId } = c.get('principal');
      const rows = await deps.store.referrals.listReferrals({
        practiceId,
        limit: q.limit,
        offset: q.offset,
        ...(q.status ? { status: q.status } : {}),
      });
      return c.json({ data: rows.map(summaryOf) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/referrals/{id}',
      summary: 'One referral: status, candidates with reasons, pending review, timeline',
      security,
      request: { params: IdParam },
      responses: { 200: json(ReferralDetail, 'The referral'), ...errors },
    }),
    async (c) => {
      const { practiceId } = c.get('principal');
      const record = await find(practiceId, c.req.valid('param').id);
      const [audit, documents] = await Promise.all([
        deps.store.audit.list(practiceId, record.id),
        deps.store.documents.listForReferral(practiceId, record.id),
      ]);
      const view = { runner: deps.runner, audit, timers: deps.store.timers, documents };
      return c.json(await detailOf(record, view), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/referrals/{id}/review',
      summary: 'Decide a pending review or exception',
      description:
        'A review: `approve`, `edit` (another eligible `candidateId`, a note, the letter, the ' +
        'patient message), `reject` (re-match without it) or `cancel`. An exception: `retry` ' +
        '(re-run from intake), `retry` with `specialty` (a catalog key: match for it, in later ' +
        'rounds too), `retry` with `npi` (and optionally `locationId`: an active specialist of ' +
        'the directory, checked like any candidate and proposed at the review gate; if a check ' +
        'fails the referral comes back to the exception naming it), or `cancel`.',
      security,
      request: {
        params: IdParam,
        headers: IdempotencyHeader,
        body: { content: { 'application/json': { schema: ReviewBody } }, required: true },
      },
      responses: {
        200: json(ReviewResult, 'Decision applied'),
        ...errors,
        403: json(ErrorResponse, 'Viewer tokens cannot decide'),
        409: json(ErrorResponse, 'Nothing is pending, or another decision won'),
        422: json(
          ErrorResponse,
          'Invalid decision (the issue names the field: a specialty off the catalog, an npi the directory does not list as active, a specialty or npi on a review, both at once), or the key was used with other parameters',
        ),
      },
    }),
    async (c) => {
      const principal = c.get('principal');
      requireRole(principal, 'coordinator');
      const { id } = c.req.valid('param');
      await find(principal.practiceId, id);
      const answer = await decideOnce(
        {
          practiceId: principal.practiceId,
          referralId: id,
          key: c.req.valid('header')['idempotency-key'],
          decision: c.req.valid('json'),
          actor: `coordinator:${principal.name}`,
        },
        deps,
      );
      return c.json(answer, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/referrals/{id}/audit',
      summary: "The referral's audit trail, oldest first",
      security,
      request: { params: IdParam },
      responses: { 200: json(z.object({ data: z.array(AuditEntry) }), 'Audit events'), ...errors },
    }),
    async (c) => {
      const { practiceId } = c.get('principal');
      const record = await find(practiceId, c.req.valid('param').id);
      const events = await deps.store.audit.list(practiceId, record.id);
      return c.json(
        {
          data: events.map(({ seq, at, actor, action, data, hash }) => ({
            seq,
            at,
            actor,
            action,
            data,
            hash,
          })),
        },
        200,
      );
    },
  );

  return app;
}
