import { Hono } from 'hono';
import type { SandboxContext } from '../context.js';
import { readJson } from '../http.js';
import { FaultInput } from '../schemas.js';

/** Local test controls (no auth): fault injection and the webhook delivery log. */
export function controlRoutes({ faults, webhooks }: SandboxContext): Hono {
  const r = new Hono();

  r.get('/faults', (c) => c.json(faults.snapshot()));

  r.post('/faults', async (c) => {
    const input = await readJson(c, FaultInput);
    faults.set(input.target, input.mode, input.delay_ms, input.fail_count);
    return c.json(faults.snapshot(), 200);
  });

  r.post('/reset-faults', (c) => {
    faults.reset();
    return c.json(faults.snapshot(), 200);
  });

  r.get('/webhooks', (c) => c.json({ data: webhooks.deliveries() }));

  return r;
}
