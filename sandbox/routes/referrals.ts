import { Hono } from 'hono';
import type { SandboxContext } from '../context.js';
import {
  conflict,
  type FieldIssue,
  idempotencyKey,
  notFound,
  readJson,
  readQuery,
  validationFailed,
} from '../http.js';
import { CancelInput, ChangedSinceQuery, ReferralInput, StatusInput } from '../schemas.js';
import type { EventData } from '../webhook-sender.js';
import type { Referral } from '../world-state.js';

/**
 * Referrals: created (and cancelled) by practice staff, read by the service, which writes its
 * status back. `?updated_since=` lists what changed since, for a reconciler.
 */
export function referralRoutes({ world, webhooks }: SandboxContext): Hono {
  const r = new Hono();

  const find = (id: string): Referral => {
    const referral = world.referrals.get(id);
    if (!referral) throw notFound('Referral');
    return referral;
  };

  r.get('/referrals', (c) => {
    if (c.req.query('updated_since') === undefined) {
      return c.json({ data: [...world.referrals.values()] });
    }
    const query = readQuery(c, ChangedSinceQuery);
    const { data, hasMore } = world.changedSince(Date.parse(query.updated_since), query.limit);
    const next = hasMore ? (data.at(-1)?.updated_at ?? null) : null;
    return c.json({ data, next_cursor: next });
  });

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

  r.post('/referrals/:id/cancel', async (c) => {
    const referral = find(c.req.param('id'));
    const input = await readJson(c, CancelInput, { optional: true });
    if (referral.cancelled_at !== null) throw conflict('Referral is already cancelled');
    world.cancelReferral(referral, input.reason);
    const data: EventData = { referral_id: referral.id, practice_id: referral.practice_id };
    if (input.reason !== undefined) data.note = input.reason;
    webhooks.send('referral.cancelled', data);
    return c.json(referral, 200);
  });

  return r;
}
