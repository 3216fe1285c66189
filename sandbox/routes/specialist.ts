import { Hono } from 'hono';
import type { SandboxContext } from '../context.js';
import { notFound, readJson } from '../http.js';
import { SpecialistResponseInput } from '../schemas.js';
import type { EventData } from '../webhook-sender.js';

/** The simulated specialist office answering a referral; each answer becomes a webhook. */
export function specialistRoutes({ world, webhooks }: SandboxContext): Hono {
  const r = new Hono();

  r.post('/referrals/:id/specialist-response', async (c) => {
    const referral = world.referrals.get(c.req.param('id'));
    if (!referral) throw notFound('Referral');
    const input = await readJson(c, SpecialistResponseInput);
    world.recordSpecialistResponse(referral, {
      type: input.type,
      note: input.note ?? null,
      appointment_at: input.appointment_at ?? null,
    });
    const data: EventData = { referral_id: referral.id, practice_id: referral.practice_id };
    if (input.note !== undefined) data.note = input.note;
    if (input.appointment_at !== undefined) data.appointment_at = input.appointment_at;
    const webhookId = webhooks.send(`referral.${input.type}`, data);
    return c.json({ webhook_id: webhookId }, 202);
  });

  return r;
}
