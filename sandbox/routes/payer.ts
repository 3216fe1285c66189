import { Hono } from 'hono';
import type { SandboxContext } from '../context.js';
import { notFound } from '../http.js';

/** The payer's network-status lookup for the plans of the catalog. */
export function payerRoutes({ world }: SandboxContext): Hono {
  const r = new Hono();

  r.get('/plans/:planId/network-status', (c) => {
    const plan = world.practice.plans.find((p) => p.plan_id === c.req.param('planId'));
    if (!plan) throw notFound('Plan');
    return c.json({
      payer_id: plan.payer_id,
      plan_id: plan.plan_id,
      coverage_active: plan.coverage_active,
      network_ids: plan.network_ids,
    });
  });

  return r;
}
