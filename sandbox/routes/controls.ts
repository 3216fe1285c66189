import { Hono } from 'hono';
import type { SandboxContext } from '../context.js';
import { notFound, readJson } from '../http.js';
import { DropWebhooksInput, FaultInput, NotesInput } from '../schemas.js';

/**
 * Local test controls (no auth): fault injection, the webhook delivery log and dropped webhooks,
 * planted notes.
 */
export function controlRoutes({ faults, webhooks, world }: SandboxContext): Hono {
  const r = new Hono();

  r.get('/faults', (c) => c.json(faults.snapshot()));

  r.post('/faults', async (c) => {
    const input = await readJson(c, FaultInput);
    faults.set(input.target, input.mode, input.delay_ms, input.fail_count);
    return c.json(faults.snapshot(), 200);
  });

  r.post('/reset-faults', (c) => {
    faults.reset();
    webhooks.disarmDrop();
    return c.json(faults.snapshot(), 200);
  });

  r.get('/webhooks', (c) => c.json({ data: webhooks.deliveries() }));

  r.get('/webhooks/drop', (c) => c.json(webhooks.dropState()));

  r.post('/webhooks/drop', async (c) => {
    const input = await readJson(c, DropWebhooksInput);
    return c.json(webhooks.armDrop(input.count, input.types), 200);
  });

  r.post('/patients/:id/notes', async (c) => {
    const patient = world.patients.get(c.req.param('id'));
    if (!patient) throw notFound('Patient');
    const input = await readJson(c, NotesInput);
    return c.json({ data: world.addNotes(patient.id, input.notes) }, 201);
  });

  return r;
}
