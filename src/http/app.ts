import { randomBytes } from 'node:crypto';
import { OpenAPIHono } from '@hono/zod-openapi';
import { requestId } from 'hono/request-id';
import { type ReferralRunner, SPECIALTY_CHOICES } from '../../graph/index.js';
import { AppError, type Clock, type ConsultNoteReader, type Store } from '../domain/index.js';
import { bearerAuth, type Grant } from './auth.js';
import { limitBody } from './body-limit.js';
import { renderDocsPage } from './docs-page.js';
import { toHttpResponse } from './errors.js';
import { gateJsonBodies } from './media-type.js';
import { analyticsRoutes } from './routes/analytics.js';
import { directoryRoutes } from './routes/directory.js';
import { documentRoutes, isDocumentUpload, MAX_DOCUMENT_BYTES } from './routes/documents.js';
import { healthRoutes } from './routes/health.js';
import { type Hl7RoutesDeps, hl7Routes } from './routes/hl7.js';
import { type MatchFn, matchRoutes } from './routes/match.js';
import { referralRoutes } from './routes/referrals.js';
import { taskRoutes } from './routes/tasks.js';
import { webhookRoutes } from './routes/webhooks.js';
import { workspaceRoutes } from './workspace/routes.js';
import { workspaceSessions } from './workspace/session.js';

export interface AppDeps {
  store: Store;
  runner: ReferralRunner;
  clock: Clock;
  grants: readonly Grant[];
  verifyWebhook: (rawBody: string, headers: Headers) => { webhookId: string; practiceId: string };
  maxWebhookBytes: number;
  /** Every `/api` request body; over it, 413 before (or while) reading. */
  maxApiBytes: number;
  /** A consult document upload's body (instead of `maxApiBytes`); default `MAX_DOCUMENT_BYTES`. */
  maxDocumentBytes?: number;
  /** Reads uploaded C-CDA consult notes. */
  ccda: ConsultNoteReader;
  onWebhookAccepted: () => void;
  health: () => Promise<Record<string, unknown>>;
  match: MatchFn;
  /** Inbound HL7 v2 over HTTP (the same intake as the MLLP listener). */
  hl7: Omit<Hl7RoutesDeps, 'onAccepted'>;
  logError: (error: AppError) => void;
  /**
   * The browser workspace's sessions: the key that signs them, how long they last, TLS or not.
   * Default: a key of this app's own (sessions end with it), 8 hours, plain HTTP.
   */
  workspace?: { sessionSecret: string; sessionMs: number; secureCookies: boolean };
}

/**
 * The HTTP surface: EHR webhooks, the coordinator API, health, OpenAPI and its reference page.
 * @example serve({ fetch: createApp(deps).fetch, port: 8787 })
 */
export function createApp(deps: AppDeps) {
  const app = new OpenAPIHono();
  app.use(requestId());
  app.onError((error, c) => toHttpResponse(error, c, deps.logError));
  app.notFound((c) => toHttpResponse(new AppError('NOT_FOUND', 'No such route'), c, deps.logError));

  app.route('/', healthRoutes(deps.health));
  app.route(
    '/',
    webhookRoutes({
      inbox: deps.store.inbox,
      verify: deps.verifyWebhook,
      maxBodyBytes: deps.maxWebhookBytes,
      onAccepted: deps.onWebhookAccepted,
    }),
  );
  app.route('/', hl7Routes({ ...deps.hl7, onAccepted: deps.onWebhookAccepted }));
  const apiBodies = limitBody(deps.maxApiBytes);
  const documentBodies = limitBody(deps.maxDocumentBytes ?? MAX_DOCUMENT_BYTES, 'Documents');
  app.use('/api/*', (c, next) =>
    (isDocumentUpload(c.req.method, c.req.path) ? documentBodies : apiBodies)(c, next),
  );
  app.use('/api/*', bearerAuth(deps.grants));
  for (const routes of [
    referralRoutes({ store: deps.store, runner: deps.runner, clock: deps.clock }),
    taskRoutes({ store: deps.store }),
    documentRoutes({
      store: deps.store,
      clock: deps.clock,
      ccda: deps.ccda,
      onAccepted: deps.onWebhookAccepted,
    }),
    matchRoutes(deps.match),
    directoryRoutes({ directory: deps.store.directory }),
    analyticsRoutes({ analytics: deps.store.analytics }),
  ]) {
    gateJsonBodies(app, '/api', routes);
    app.route('/api', routes);
  }

  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'hl7Key', {
    type: 'http',
    scheme: 'bearer',
    description: 'HL7_API_KEY',
  });
  const info = { title: 'Referral orchestrator', version: '0.1.0' };
  app.doc31('/openapi.json', { openapi: '3.1.0', info });
  app.get('/docs', (c) =>
    c.html(renderDocsPage(app.getOpenAPI31Document({ openapi: '3.1.0', info }))),
  );
  app.route(
    '/',
    workspaceRoutes({
      store: deps.store,
      runner: deps.runner,
      clock: deps.clock,
      specialtyChoices: [...SPECIALTY_CHOICES],
      logError: deps.logError,
      sessions: workspaceSessions({
        secret: deps.workspace?.sessionSecret ?? randomBytes(32).toString('base64url'),
        ttlMs: deps.workspace?.sessionMs ?? 8 * 3_600_000,
        secure: deps.workspace?.secureCookies ?? false,
        clock: deps.clock,
        grants: deps.grants,
      }),
    }),
  );
  app.get('/', (c) => c.redirect('/workspace'));
  return app;
}
