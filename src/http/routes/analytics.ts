import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import {
  ANALYTICS_RESULTS,
  ANALYTICS_VIEWS,
  AnalyticsFilter,
  type AnalyticsStore,
  type AnalyticsView,
} from '../../domain/index.js';
import { analyticsCsvDownload, readAnalytics } from '../analytics-views.js';
import type { AuthEnv } from '../auth.js';
import { ErrorResponse } from '../schemas.js';
import { validationHook } from '../validation.js';

const json = <T extends z.ZodType>(schema: T, description: string) => ({
  content: { 'application/json': { schema } },
  description,
});
const security = [{ bearer: [] }];

const AnalyticsQuery = AnalyticsFilter.safeExtend({
  /** `csv`: the same figures as a CSV attachment (header row first). */
  format: z.enum(['json', 'csv']).default('json'),
});

const SUMMARIES: Record<AnalyticsView, string> = {
  volume: 'Referrals created per ISO week (Monday start), every week of the range',
  funnel: 'Referrals that reached each step: created, reviewed, sent, scheduled, seen, loop closed',
  'cycle-times':
    'Median and p90 hours: created to reviewed, reviewed to sent, sent to booked, visit to note',
  'loop-closure': 'Consult notes received of referrals sent, overall and per specialty',
  leakage: 'Sent out of network, and no in-network option found, per specialty and per payer',
  specialists:
    'Per specialist: sent, answers, time to answer and to appointment, no-shows, declines, closure',
  exceptions: 'Referrals handed to a coordinator, per exception reason, most frequent first',
  'llm-fallback':
    'Agent steps the rules decided after asking the LLM, of those that asked it, per week',
};

/** 'loop-closure' → 'AnalyticsLoopClosure': the view's component name in the OpenAPI document. */
const componentName = (view: AnalyticsView) =>
  `Analytics${view.replace(/(^|-)([a-z])/g, (_, __, c: string) => c.toUpperCase())}`;

/** Named once: the schema registry refuses a second schema under the same name. */
const NAMED_RESULTS = Object.fromEntries(
  ANALYTICS_VIEWS.map((view) => [view, ANALYTICS_RESULTS[view].meta({ id: componentName(view) })]),
) as typeof ANALYTICS_RESULTS;

/**
 * `GET /api/analytics/<view>`: the practice manager's reports over the caller's practice, for
 * every role. The query filters by creation date, specialty, payer and urgency; `format=csv`
 * downloads the same figures. A bad filter is a 422 VALIDATION_FAILED naming each parameter.
 */
export function analyticsRoutes(deps: { analytics: AnalyticsStore }) {
  const app = new OpenAPIHono<AuthEnv>({ defaultHook: validationHook });
  for (const view of ANALYTICS_VIEWS) {
    app.openapi(
      createRoute({
        method: 'get',
        path: `/analytics/${view}`,
        summary: SUMMARIES[view],
        security,
        request: { query: AnalyticsQuery },
        responses: {
          200: {
            description: 'The report (JSON), or with format=csv the same figures as CSV',
            content: {
              'application/json': { schema: NAMED_RESULTS[view] },
              'text/csv': { schema: z.string() },
            },
          },
          401: json(ErrorResponse, 'Missing or invalid bearer token'),
          422: json(ErrorResponse, 'A query parameter is invalid'),
        },
      }),
      async (c) => {
        const { format, ...filter } = c.req.valid('query');
        const result = await readAnalytics(
          deps.analytics,
          c.get('principal').practiceId,
          view,
          filter,
        );
        if (format === 'json') return c.json(result, 200);
        const csv = analyticsCsvDownload(view, filter, result);
        return c.body(csv.body, 200, csv.headers);
      },
    );
  }
  return app;
}
