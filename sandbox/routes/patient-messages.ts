import { Hono } from 'hono';
import type { SandboxContext } from '../context.js';
import { idempotencyKey, notFound, readJson, validationFailed } from '../http.js';
import { PatientMessageInput } from '../schemas.js';

/** Messages to the patient (the patient-communication channel), deduplicated by Idempotency-Key. */
export function patientMessageRoutes({ world }: SandboxContext): Hono {
  const r = new Hono();

  r.get('/patient-messages', (c) => {
    const referralId = c.req.query('referral_id');
    const data = world.patientMessages.filter((m) => !referralId || m.referral_id === referralId);
    return c.json({ data });
  });

  r.post('/patient-messages', async (c) => {
    const key = idempotencyKey(c);
    const input = await readJson(c, PatientMessageInput);
    const referral = world.referrals.get(input.referral_id);
    if (!referral) throw notFound('Referral');
    if (!world.patients.has(input.patient_id)) throw notFound('Patient');
    if (referral.patient_id !== input.patient_id) {
      throw validationFailed([
        { path: 'patient_id', code: 'mismatch', message: "not the referral's patient" },
      ]);
    }
    return c.json(world.addPatientMessage(input, key).value, 201);
  });

  return r;
}
