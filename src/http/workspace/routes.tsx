import { type Context, Hono } from 'hono';
import { createMiddleware } from 'hono/factory';
import { z } from 'zod';
import type { ReferralRunner } from '../../../graph/index.js';
import {
  ANALYTICS_VIEWS,
  AnalyticsFilter,
  type AnalyticsResults,
  AnalyticsView,
  AppError,
  type Clock,
  type Store,
  Urgency,
} from '../../domain/index.js';
import { analyticsCsvDownload, readAnalytics } from '../analytics-views.js';
import { limitBody } from '../body-limit.js';
import { fromFrameworkError, HTTP_STATUS } from '../errors.js';
import { detailOf } from '../referral-view.js';
import { IdParam } from '../schemas.js';
import { AnalyticsPage } from './analytics-page.js';
import { loadAssets } from './assets.js';
import { AuditPage } from './audit-page.js';
import { completeTaskFromForm, decideFromForm, type FormDeps } from './form-actions.js';
import type { PageContext } from './layout.js';
import { errorPage, sendPage } from './pages.js';
import { FOLLOW_UP_KINDS, QUEUE_VIEWS, QueuePage } from './queue-page.js';
import { ReferralPage } from './referral-page.js';
import { noStore, sameOriginForms, workspaceHeaders } from './security.js';
import type { Session, WorkspaceSessions } from './session.js';
import { SignInPage } from './sign-in-page.js';

export interface WorkspaceDeps {
  store: Store;
  runner: ReferralRunner;
  clock: Clock;
  sessions: WorkspaceSessions;
  /** The specialties a coordinator may pick when resolving an exception. */
  specialtyChoices: { key: string; label: string }[];
  logError: (error: AppError) => void;
}

type WorkspaceEnv = { Variables: { session: Session; page: PageContext } };

const QueueFilter = z.object({
  view: z.enum(QUEUE_VIEWS).catch('review'),
  specialty: z.string().max(100).optional().catch(undefined),
  urgency: Urgency.optional().catch(undefined),
  age: z.coerce.number().int().min(0).max(3650).optional().catch(undefined),
});
/** The open tasks the queue shows, newest first (the counts are of these). */
const TASK_LIMIT = 500;

const DONE_TEXT: Record<string, string> = {
  approve: 'Approved',
  edit: 'Approved with your changes',
  reject: 'Rejected: the next candidates are being found',
  cancel: 'Cancelled',
  retry: 'Retried',
  task: 'Task completed',
};

/** Only local paths after sign-in: never an open redirect. */
const safeNext = (next: unknown) =>
  typeof next === 'string' && /^\/workspace(?:[/?][^\\]*)?$/.test(next) && !next.startsWith('//')
    ? next
    : '/workspace';

/**
 * The coordinator's workspace: server-rendered pages on the same origin as the API, signed in with
 * a session cookie, every action a form that goes through the API's own decision path.
 */
export function workspaceRoutes(deps: WorkspaceDeps) {
  const app = new Hono<WorkspaceEnv>();
  const assets = loadAssets();
  const form: FormDeps = { store: deps.store, runner: deps.runner, clock: deps.clock };

  app.onError((error, c) => {
    const appError = fromFrameworkError(error);
    if (HTTP_STATUS[appError.code] >= 500) deps.logError(appError);
    return errorPage(c, appError, c.get('page') ?? null);
  });
  // Only the workspace's own paths: the API and the reference page keep their headers.
  for (const path of ['/sign-in', '/sign-out', '/assets/*', '/workspace', '/workspace/*']) {
    app.use(path, workspaceHeaders, noStore);
  }

  app.get('/assets/:name', (c) => {
    const asset = assets.get(c.req.param('name'));
    if (!asset) throw new AppError('NOT_FOUND', 'No such asset');
    c.header('content-type', asset.type);
    c.header('cache-control', 'public, max-age=3600');
    return c.body(asset.body);
  });

  // Browsers ask for it on every page; there is none.
  app.get('/favicon.ico', (c) => c.body(null, 204));

  app.get('/sign-in', async (c) =>
    sendPage(
      c,
      <SignInPage csrf={await deps.sessions.signInToken(c)} next={safeNext(c.req.query('next'))} />,
    ),
  );
  app.post('/sign-in', sameOriginForms, limitBody(8 * 1024), async (c) => {
    const body = await c.req.parseBody();
    const next = safeNext(body.next);
    const again = async (error: string) =>
      sendPage(
        c,
        <SignInPage csrf={await deps.sessions.signInToken(c)} next={next} error={error} />,
        422,
      );
    if (!(await deps.sessions.checkSignIn(c, str(body.csrf)))) {
      return again('The sign-in form expired; please try again.');
    }
    const principal = deps.sessions.principalFor(str(body.token) ?? '');
    if (!principal) return again('That token is not valid.');
    await deps.sessions.start(c, principal);
    return c.redirect(next, 303);
  });

  const requireSession = createMiddleware<WorkspaceEnv>(async (c, next) => {
    const session = await deps.sessions.read(c);
    if (!session) {
      const path = c.req.method === 'GET' ? c.req.path + new URL(c.req.url).search : '/workspace';
      return c.redirect(`/sign-in?next=${encodeURIComponent(path)}`, 303);
    }
    c.set('session', session);
    c.set('page', { session, csrf: deps.sessions.csrfToken(session) });
    if (c.req.method === 'POST') {
      const body = await c.req.parseBody();
      if (!deps.sessions.checkCsrf(session, str(body.csrf))) {
        throw new AppError('FORBIDDEN', 'The form expired; reload the page and try again');
      }
    }
    return next();
  });
  const formBodies = limitBody(64 * 1024);

  app.post('/sign-out', sameOriginForms, formBodies, requireSession, (c) => {
    deps.sessions.end(c);
    return c.redirect('/sign-in', 303);
  });

  for (const path of ['/workspace', '/workspace/*']) {
    app.use(path, sameOriginForms, formBodies, requireSession);
  }

  app.get('/workspace', async (c) => {
    const page = c.get('page');
    const { practiceId } = page.session;
    const f = QueueFilter.parse(c.req.query());
    const now = deps.clock.now();
    const gate = f.view === 'review' || f.view === 'exception' ? f.view : null;
    const [items, gates, tasks, specialties] = await Promise.all([
      gate
        ? deps.store.queue.list({
            practiceId,
            gates: [gate],
            limit: 200,
            ...(f.specialty ? { specialty: f.specialty } : {}),
            ...(f.urgency ? { urgency: f.urgency } : {}),
            ...(f.age
              ? { createdBefore: new Date(now.getTime() - f.age * 86_400_000).toISOString() }
              : {}),
          })
        : [],
      deps.store.queue.counts(practiceId),
      deps.store.tasks.list(practiceId, { status: 'open', limit: TASK_LIMIT }),
      deps.store.queue.specialties(practiceId),
    ]);
    const followUps = tasks.filter((t) => FOLLOW_UP_KINDS.includes(t.kind));
    const gaps = tasks.filter((t) => t.kind === 'gap_in_care');
    const done = c.req.query('done');
    return sendPage(
      c,
      <QueuePage
        page={page}
        data={{
          filters: { view: f.view, specialty: f.specialty, urgency: f.urgency, minAgeDays: f.age },
          counts: { ...gates, follow_up: followUps.length, gap_in_care: gaps.length },
          items,
          tasks: f.view === 'gap_in_care' ? gaps : followUps,
          specialties,
          now,
          notice: done && DONE_TEXT[done] ? { kind: 'ok', text: DONE_TEXT[done] } : undefined,
        }}
      />,
    );
  });

  const referralPage = async (
    c: Context<WorkspaceEnv>,
    notice?: { kind: 'ok' | 'error'; text: string },
    status: 200 | 409 | 422 | 403 = 200,
  ) => {
    const page = c.get('page');
    const id = IdParam.parse({ id: c.req.param('id') }).id;
    const { practiceId } = page.session;
    const record = await deps.store.referrals.getReferral(practiceId, id);
    if (!record) throw new AppError('NOT_FOUND', 'Referral not found');
    const [audit, documents, tasks] = await Promise.all([
      deps.store.audit.list(practiceId, id),
      deps.store.documents.listForReferral(practiceId, id),
      deps.store.tasks.list(practiceId, { referralId: id }),
    ]);
    const find = c.req.query('find')?.trim().slice(0, 100);
    const searching =
      find !== undefined && find.length >= 2 && record.pendingInterruptKind === 'exception';
    const found = searching ? await deps.store.directory.findProfiles(find, 20) : [];
    const detail = await detailOf(record, {
      runner: deps.runner,
      audit,
      timers: deps.store.timers,
      documents,
    });
    const done = c.req.query('done');
    const shown =
      notice ??
      (done && DONE_TEXT[done]
        ? {
            kind: 'ok' as const,
            text: `${DONE_TEXT[done]}. Status: ${detail.status.replaceAll('_', ' ')}.`,
          }
        : undefined);
    return sendPage(
      c,
      <ReferralPage
        page={page}
        data={{
          detail,
          audit,
          tasks,
          specialtyChoices: deps.specialtyChoices,
          find: searching ? find : undefined,
          found: found.map((p) => ({
            npi: p.npi,
            name: p.name,
            where: p.locations.map((l) => `${l.name}, ${l.city}`).join('; ') || 'no location',
            acceptingNewPatients: p.acceptingNewPatients,
          })),
          notice: shown,
        }}
      />,
      status,
    );
  };

  app.get('/workspace/referrals/:id', (c) => referralPage(c));

  app.post('/workspace/referrals/:id/decide', async (c) => {
    const result = await decideFromForm(
      c.get('page').session,
      c.req.param('id'),
      await c.req.parseBody(),
      form,
    );
    if (!result.ok) return referralPage(c, { kind: 'error', text: result.message }, result.status);
    const base = `/workspace/referrals/${encodeURIComponent(c.req.param('id'))}`;
    return c.redirect(
      result.back === 'queue'
        ? `/workspace?done=${result.decision}`
        : `${base}?done=${result.decision}`,
      303,
    );
  });

  app.post('/workspace/tasks/:id/complete', async (c) => {
    const body = await c.req.parseBody();
    await completeTaskFromForm(c.get('page').session, c.req.param('id'), body, form);
    const back = str(body.back);
    const referralId = back?.startsWith('referral:') ? back.slice('referral:'.length) : '';
    return c.redirect(
      referralId
        ? `/workspace/referrals/${encodeURIComponent(referralId)}?done=task`
        : '/workspace?view=follow_up&done=task',
      303,
    );
  });

  app.get('/workspace/referrals/:id/audit', async (c) => {
    const page = c.get('page');
    const id = IdParam.parse({ id: c.req.param('id') }).id;
    const record = await deps.store.referrals.getReferral(page.session.practiceId, id);
    if (!record) throw new AppError('NOT_FOUND', 'Referral not found');
    const [events, verification] = await Promise.all([
      deps.store.audit.list(page.session.practiceId, id),
      deps.store.audit.verify(),
    ]);
    return sendPage(
      c,
      <AuditPage referralId={id} events={events} verification={verification} page={page} />,
    );
  });

  app.get('/workspace/referrals/:id/documents/:documentId', async (c) => {
    const { practiceId } = c.get('page').session;
    const doc = await deps.store.documents.get(practiceId, c.req.param('documentId'));
    if (!doc || doc.referralId !== c.req.param('id'))
      throw new AppError('NOT_FOUND', 'Document not found');
    c.header('content-type', 'text/plain; charset=utf-8');
    c.header('content-disposition', 'inline');
    return c.body(doc.content);
  });

  app.get('/workspace/analytics', async (c) => {
    const page = c.get('page');
    const parsed = AnalyticsFilter.safeParse(blankless(c.req.query()));
    const filter = parsed.success ? parsed.data : {};
    const { practiceId } = page.session;
    const [specialties, payers, ...reports] = await Promise.all([
      deps.store.queue.specialties(practiceId),
      deps.store.queue.payers(practiceId),
      ...ANALYTICS_VIEWS.map((view) =>
        readAnalytics(deps.store.analytics, practiceId, view, filter),
      ),
    ]);
    const results = Object.fromEntries(
      ANALYTICS_VIEWS.map((v, i) => [v, reports[i]]),
    ) as AnalyticsResults;
    const error = parsed.success
      ? undefined
      : `Filters ignored: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`;
    return sendPage(
      c,
      <AnalyticsPage
        page={page}
        data={{ filter, results, choices: { specialties, payers }, error }}
      />,
      parsed.success ? 200 : 422,
    );
  });

  app.get('/workspace/analytics/:file{[a-z-]+\\.csv}', async (c) => {
    const view = AnalyticsView.safeParse(c.req.param('file').replace(/\.csv$/, ''));
    if (!view.success) throw new AppError('NOT_FOUND', 'No such report');
    const filter = AnalyticsFilter.safeParse(blankless(c.req.query()));
    if (!filter.success) throw new AppError('VALIDATION_FAILED', 'A filter is invalid');
    const result = await readAnalytics(
      deps.store.analytics,
      c.get('page').session.practiceId,
      view.data,
      filter.data,
    );
    const csv = analyticsCsvDownload(view.data, filter.data, result);
    return c.body(csv.body, 200, csv.headers);
  });

  return app;
}

/** A form's empty fields are no filter. */
const blankless = (query: Record<string, string>) =>
  Object.fromEntries(Object.entries(query).filter(([, v]) => v !== ''));

const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
