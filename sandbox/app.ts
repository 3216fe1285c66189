import { Hono, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { bearerAuth } from './auth.js';
import type { SandboxContext } from './context.js';
import { FaultState, faultMiddleware } from './faults.js';
import { errorJson, HttpError, notFound, toHttpError } from './http.js';
import { type OfficePatient, SpecialistOffices } from './offices/index.js';
import {
  DEFAULT_OFFICE_ACK_TIMEOUT_MS,
  DEFAULT_OFFICE_RETRY_DELAYS_MS,
  DEFAULT_PATIENT_COUNT,
  DEFAULT_RETRY_DELAYS_MS,
  DEFAULT_SEED,
  type SandboxAppOptions,
  silent,
} from './options.js';
import { controlRoutes } from './routes/controls.js';
import { documentRoutes } from './routes/documents.js';
import { messageRoutes } from './routes/messages.js';
import { officeRoutes } from './routes/offices.js';
import { patientMessageRoutes } from './routes/patient-messages.js';
import { patientRoutes } from './routes/patients.js';
import { payerRoutes } from './routes/payer.js';
import { providerRoutes } from './routes/providers.js';
import { referralRoutes } from './routes/referrals.js';
import { specialistRoutes } from './routes/specialist.js';
import { WebhookSender } from './webhook-sender.js';
import { generatePractice, type Patient } from './world.js';
import { SandboxWorld } from './world-state.js';

export interface SandboxApp extends SandboxContext {
  app: Hono;
  /** Cancels pending webhook retries, injected delays and office sends. */
  close(): Promise<void>;
}

const STAFF_OR_SPECIALIST = /^\/api\/referrals(\/[^/]+\/(specialist-response|cancel))?\/?$/;
const DOCUMENT_UPLOAD = /^\/api\/referrals\/[^/]+\/documents\/?$/;
const MAX_BODY_BYTES = 1024 * 1024;
/** A 2 MiB document, JSON-escaped (quotes, newlines, non-ASCII as \u escapes), still fits. */
const MAX_DOCUMENT_BODY_BYTES = 8 * 1024 * 1024;

/** Practice staff and the specialist act on the EHR directly: EHR faults do not touch them. */
function isStaffOrSpecialistAction(method: string, path: string): boolean {
  return method === 'POST' && STAFF_OR_SPECIALIST.test(path);
}

/** 1 MiB bodies, except document uploads. */
function bodyLimits(): MiddlewareHandler {
  const limit = (maxSize: number) =>
    bodyLimit({
      maxSize,
      onError: (c) =>
        errorJson(c, new HttpError(413, 'PAYLOAD_TOO_LARGE', 'Request body is too large')),
    });
  const normal = limit(MAX_BODY_BYTES);
  const documents = limit(MAX_DOCUMENT_BODY_BYTES);
  return (c, next) =>
    c.req.method === 'POST' && DOCUMENT_UPLOAD.test(c.req.path)
      ? documents(c, next)
      : normal(c, next);
}

function assertOptions(options: SandboxAppOptions): void {
  if (!options.practiceId) throw new Error('sandbox: practiceId is required');
  if (!options.apiKey) throw new Error('sandbox: apiKey is required');
  if (!URL.canParse(options.webhookUrl)) throw new Error('sandbox: webhookUrl must be a URL');
  const delays = options.webhookRetryDelaysMs ?? [];
  if (delays.some((d) => !Number.isFinite(d) || d < 0)) {
    throw new Error('sandbox: webhookRetryDelaysMs must be non-negative numbers');
  }
  const { hl7, offices = {} } = options;
  if (hl7 && (!hl7.host || !Number.isInteger(hl7.port) || hl7.port < 1 || hl7.port > 65_535)) {
    throw new Error('sandbox: hl7 needs a host and a port 1-65535');
  }
  const scale = offices.timeScale ?? 1;
  if (!Number.isFinite(scale) || scale <= 0) {
    throw new Error('sandbox: offices.timeScale must be a positive number');
  }
  if ((offices.retryDelaysMs ?? []).some((d) => !Number.isFinite(d) || d < 0)) {
    throw new Error('sandbox: offices.retryDelaysMs must be non-negative numbers');
  }
  const ack = offices.ackTimeoutMs ?? 1;
  if (!Number.isFinite(ack) || ack <= 0) {
    throw new Error('sandbox: offices.ackTimeoutMs must be a positive number');
  }
}

function toOfficePatient(patient: Patient): OfficePatient {
  const { mrn, given_name, family_name, birth_date, sex, address } = patient;
  return { mrn, given_name, family_name, birth_date, sex, address: { ...address } };
}

export function createSandboxApp(options: SandboxAppOptions): SandboxApp {
  assertOptions(options);
  const logger = options.logger ?? silent;
  const practice = generatePractice(
    options.seed ?? DEFAULT_SEED,
    options.practiceId,
    options.patientCount ?? DEFAULT_PATIENT_COUNT,
  );
  const now = options.now ?? (() => new Date());
  const world = new SandboxWorld(practice, now);
  const officeOptions = options.offices ?? {};
  const offices = new SpecialistOffices({
    practiceId: options.practiceId,
    hl7: options.hl7,
    lookup: (referralId) => {
      const referral = world.referrals.get(referralId);
      const patient = referral && world.patients.get(referral.patient_id);
      if (!referral || !patient) return undefined;
      const { id, reason, diagnosis_codes, specialty } = referral;
      return {
        referral: { id, reason, diagnosis_codes: [...diagnosis_codes], specialty },
        patient: toOfficePatient(patient),
      };
    },
    now,
    timeScale: officeOptions.timeScale ?? 1,
    retryDelaysMs: officeOptions.retryDelaysMs ?? DEFAULT_OFFICE_RETRY_DELAYS_MS,
    ackTimeoutMs: officeOptions.ackTimeoutMs ?? DEFAULT_OFFICE_ACK_TIMEOUT_MS,
    ...(officeOptions.profiles ? { profiles: officeOptions.profiles } : {}),
    logger,
  });
  const ctx: SandboxContext = {
    world,
    faults: new FaultState(),
    offices,
    logger,
    webhooks: new WebhookSender({
      url: options.webhookUrl,
      secret: options.webhookSecret,
      retryDelaysMs: options.webhookRetryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS,
      logger,
      now,
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
  app.use(bodyLimits());
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
    documentRoutes,
  ]) {
    app.route('/api', routes(ctx));
  }
  app.route('/payer', payerRoutes(ctx));
  app.route('/sandbox', controlRoutes(ctx));
  app.route('/sandbox', officeRoutes(ctx));

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
      await Promise.all([ctx.webhooks.close(), ctx.offices.close()]);
    },
  };
}
