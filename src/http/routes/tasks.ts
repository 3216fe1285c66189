import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { type Store, TaskKind } from '../../domain/index.js';
import { type AuthEnv, requireRole } from '../auth.js';
import { completeTaskOnce } from '../complete-task-once.js';
import { ErrorResponse, Task } from '../schemas.js';
import { validationHook } from '../validation.js';

const json = <T extends z.ZodType>(schema: T, description: string) => ({
  content: { 'application/json': { schema } },
  description,
});
const security = [{ bearer: [] }];

const TaskQuery = z.object({
  status: z.enum(['open', 'done']).optional().openapi({ description: 'Only tasks in this state' }),
  kind: TaskKind.optional().openapi({ description: 'Only tasks of this kind' }),
});

const TaskIdParam = z.object({
  id: z
    .string()
    .min(1)
    .max(128)
    .regex(/^[A-Za-z0-9_.:-]+$/)
    .openapi({
      param: { name: 'id', in: 'path' },
      example: '0b7f6c1e-5d2a-4c8e-9f1a-2b3c4d5e6f70',
    }),
});

const CompleteTaskBody = z.strictObject({
  note: z.string().max(2000).optional().openapi({
    description: 'What was done; only its length is recorded (in the audit trail)',
  }),
});

const IdempotencyHeader = z.object({
  'idempotency-key': z.string().min(1).max(255).openapi({
    description: 'Unique per completion; a retry with the same key gets the first answer',
  }),
});

/** `GET /api/tasks` and `POST /api/tasks/{id}/complete`: the coordinator's work list. */
export function taskRoutes(deps: { store: Store }) {
  const app = new OpenAPIHono<AuthEnv>({ defaultHook: validationHook });

  app.openapi(
    createRoute({
      method: 'get',
      path: '/tasks',
      summary: 'Coordinator tasks (exceptions, failed deliveries, follow-ups), newest first',
      security,
      request: { query: TaskQuery },
      responses: {
        200: json(z.object({ data: z.array(Task) }), 'Tasks, newest first'),
        401: json(ErrorResponse, 'Missing or invalid bearer token'),
        422: json(ErrorResponse, 'A query parameter is invalid'),
      },
    }),
    async (c) => {
      const { status, kind } = c.req.valid('query');
      const tasks = await deps.store.tasks.list(c.get('principal').practiceId, {
        ...(status ? { status } : {}),
        ...(kind ? { kind } : {}),
      });
      return c.json({ data: tasks }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/tasks/{id}/complete',
      summary: 'Mark a task done (a task already done is answered as it is)',
      description:
        "Audited as `task.completed` with the coordinator's name. Completing a referral's " +
        'exception task does not resolve the referral: decide its exception with ' +
        '`POST /api/referrals/{id}/review`.',
      security,
      request: {
        params: TaskIdParam,
        headers: IdempotencyHeader,
        body: { content: { 'application/json': { schema: CompleteTaskBody } }, required: false },
      },
      responses: {
        200: json(Task, 'The task, done'),
        400: json(ErrorResponse, 'No Idempotency-Key, or a body that is not JSON'),
        401: json(ErrorResponse, 'Missing or invalid bearer token'),
        403: json(ErrorResponse, 'Viewer tokens cannot complete tasks'),
        404: json(ErrorResponse, 'No such task in your practice'),
        415: json(ErrorResponse, 'A body that is not application/json'),
        422: json(
          ErrorResponse,
          'VALIDATION_FAILED: an invalid body; IDEMPOTENCY_MISMATCH: the key was used with other parameters',
        ),
      },
    }),
    async (c) => {
      const principal = c.get('principal');
      requireRole(principal, 'coordinator');
      const task = await completeTaskOnce(
        {
          practiceId: principal.practiceId,
          taskId: c.req.valid('param').id,
          key: c.req.valid('header')['idempotency-key'],
          note: c.req.valid('json').note ?? null,
          actor: `coordinator:${principal.name}`,
        },
        deps,
      );
      return c.json(task, 200);
    },
  );

  return app;
}
