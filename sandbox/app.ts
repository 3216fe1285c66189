import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { bearerAuth } from './auth.js';
import type { SandboxContext } from './context.js';
import { FaultState, faultMiddleware } from './faults.js';
import { errorJson, HttpError, notFound, toHttpError } from './http.js';
import {
  DEFAULT_PATIENT_COUNT,
  DEFAULT_RETRY_DELAYS_MS,
  DEFAULT_SEED,
  type SandboxAppOptions,
  silent,
} from './options.js';
import { controlRoutes } from './routes/controls.js';
import { messageRoutes } from './routes/messages.js';
import { patientMessageRoutes } from './routes/patient-messages.js';
import { patientRoutes } from './routes/patients.js';
import { payerRoutes } from './routes/payer.js';
import { providerRoutes } from './routes/providers.js';
import { referralRoutes } from './routes/referrals.js';
import { specialistRoutes } from './routes/specialist.js';
import { WebhookSender } from './webhook-sender.js';
import { generatePractice } from './world.js';
import { SandboxWorld } from './world-state.js';

export interface SandboxApp extends SandboxContext {
  app: Hono;
  /** Cancels pending webhook retries and injected delays. */
  close(): Promise<void>;
}

const SPECIALIST_RESPONSE = /^\/api\/referrals\/[^/]+\/specialist-response\/?$/;

/** Practice staff and the specialist act on the EHR directly: EHR faults do not touch them. */
function isStaffOrSpecialistAction(method: string, path: string): boolean {
  if (method !== 'POST') return false;
  return /^\/api\/referrals\/?$/.test(path) || SPECIALIST_RESPONSE.test(path);
}

function assertOptions(options: SandboxAppOptions): void {
  if (!options.practiceId) throw new Error('sandbox: practiceId is required');
  if (!options.apiKey) throw new Error('sandbox: apiKey is required');
  if (!URL.canParse(options.webhookUrl)) throw new Error('sandbox: webhookUrl must be a URL');
  const delays = options.webhookRetryDelaysMs ?? [];
  if (delays.some((d) => !Number.isFinite(d) || d < 0)) {
    throw new Error('sandbox: webhookRetryDelaysMs must be non-negative numbers');
  }
}

export function createSandboxApp(options: SandboxAppOptions): SandboxApp {
  assertOptions(options);
  const logger = options.logger ?? silent;
  const practice = generatePractice(
    options.seed ?? DEFAULT_SEED,
    options.practiceId,
    options.patientCount ?? DEFAULT_PATIENT_COUNT,
  );
  const ctx: SandboxContext = {
    world: new SandboxWorld(practice),
    faults: new FaultState(),
    logger,
    webhooks: new WebhookSender({
      url: options.webhookUrl,
      secret: options.webhookSecret,
      retryDelaysMs: options.webhookRetryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS,
      logger,
      ...(options.fetch ? { fetch: options.fetch } : {}),
    }),
  };

  const app = new Hono();
  app.use(async (c, next) => {
    const started = performance.now();
    await next();
    const ms = Math.round(performance.now() - started);
    logger({
      level: 'info',
      msg: 'request',
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      ms,
    });
  });
  app.use(
    bodyLimit({
      maxSize: 1024 * 1024,
      onError: (c) =>
        errorJson(c, new HttpError(413, 'PAYLOAD_TOO_LARGE', 'Request body is too large')),
    }),
  );
  app.use('/api/*', bearerAuth(options.apiKey));
  app.use('/payer/*', bearerAuth(options.apiKey));
  app.use('/api/*', faultMiddleware(ctx.faults, 'ehr', isStaffOrSpecialistAction));
  app.use('/payer/*', faultMiddleware(ctx.faults, 'payer'));

  app.get('/health', (c) => c.json({ status: 'ok', practice_id: ctx.world.practiceId }));
  for (const routes of [
    patientRoutes,
    providerRoutes,
    referralRoutes,
    specialistRoutes,
    messageRoutes,
    patientMessageRoutes,
  ]) {
    app.route('/api', routes(ctx));
  }
  app.route('/payer', payerRoutes(ctx));
  app.route('/sandbox', controlRoutes(ctx));

  app.notFound((c) => errorJson(c, notFound('Route')));
  app.onError((err, c) => {
    const httpError = toHttpError(err);
    if (httpError.status >= 500) {
      logger({
        level: 'error',
        msg: 'unhandled',
        error: err instanceof Error ? err.name : 'unknown',
      });
    }
    return errorJson(c, httpError);
  });

  return {
    app,
    ...ctx,
    async close() {
      ctx.faults.dispose();
      await ctx.webhooks.close();
    },
  };
}
