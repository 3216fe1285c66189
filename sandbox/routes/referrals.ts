import { Hono } from 'hono';
import type { SandboxContext } from '../context.js';
import { type FieldIssue, idempotencyKey, notFound, readJson, validationFailed } from '../http.js';
import { ReferralInput, StatusInput } from '../schemas.js';
import type { Referral } from '../world-state.js';

/** Referrals: created by practice staff, read by the service, which writes its status back. */
export function referralRoutes({ world, webhooks }: SandboxContext): Hono {
  const r = new Hono();

  const find = (id: string): Referral => {
    const referral = world.referrals.get(id);
    if (!referral) throw notFound('Referral');
    return referral;
  };

  r.get('/referrals', (c) => c.json({ data: [...world.referrals.values()] }));

  r.get('/referrals/:id', (c) => c.json(find(c.req.param('id'))));

  r.post('/referrals', async (c) => {
    const input = await readJson(c, ReferralInput);
    const issues: FieldIssue[] = [];
    if (!world.patients.has(input.patient_id)) {
      issues.push({ path: 'patient_id', code: 'not_found', message: 'no such patient' });
    }
    if (!world.providers.has(input.referring_provider_id)) {
      issues.push({
        path: 'referring_provider_id',
        code: 'not_found',
        message: 'no such referring provider',
      });
    }
    if (issues.length > 0) throw validationFailed(issues);
    const referral = world.createReferral(input);
    webhooks.send('referral.created', {
      referral_id: referral.id,
      practice_id: referral.practice_id,
    });
    return c.json(referral, 201);
  });

  r.post('/referrals/:id/status', async (c) => {
    const key = idempotencyKey(c);
    const referral = find(c.req.param('id'));
    const input = await readJson(c, StatusInput);
    const { value } = world.writeStatus(referral, input.status, input.note, key);
    return c.json(value, 200);
  });

  return r;
}
