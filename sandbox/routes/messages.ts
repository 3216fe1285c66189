import { Hono } from 'hono';
import type { SandboxContext } from '../context.js';
import { idempotencyKey, readJson, validationFailed } from '../http.js';
import { MessageInput, TaskInput } from '../schemas.js';
import type { SandboxWorld } from '../world-state.js';

function requireReferral(world: SandboxWorld, referralId: string): void {
  if (!world.referrals.has(referralId)) {
    throw validationFailed([
      { path: 'referral_id', code: 'not_found', message: 'no such referral' },
    ]);
  }
}

/**
 * Messages to specialists and EHR tasks for staff; both deduplicated by Idempotency-Key. A new
 * message reaches the simulated office of its recipient's NPI.
 */
export function messageRoutes({ world, offices }: SandboxContext): Hono {
  const r = new Hono();

  r.get('/messages', (c) => {
    const referralId = c.req.query('referral_id');
    const data = world.messages.filter((m) => !referralId || m.referral_id === referralId);
    return c.json({ data });
  });

  r.post('/messages', async (c) => {
    const key = idempotencyKey(c);
    const input = await readJson(c, MessageInput);
    requireReferral(world, input.referral_id);
    const { replayed, value } = world.addMessage(input, key);
    if (!replayed) offices.receive(input);
    return c.json(value, 201);
  });

  r.get('/tasks', (c) => {
    const referralId = c.req.query('referral_id');
    const data = world.tasks.filter((t) => !referralId || t.referral_id === referralId);
    return c.json({ data });
  });

  r.post('/tasks', async (c) => {
    const key = idempotencyKey(c);
    const input = await readJson(c, TaskInput);
    requireReferral(world, input.referral_id);
    return c.json(world.addTask(input, key).value, 201);
  });

  return r;
}
