import { Hono } from 'hono';
import type { SandboxContext } from '../context.js';
import { readJson } from '../http.js';
import { OfficeProfileInput } from '../schemas.js';

/** Local controls of the simulated specialist offices (no auth). */
export function officeRoutes({ offices }: SandboxContext): Hono {
  const r = new Hono();

  r.get('/offices', (c) =>
    c.json({
      enabled: offices.enabled,
      profiles: offices.overridesSnapshot(),
      data: offices.snapshot(c.req.query('referral_id')),
    }),
  );

  r.post('/offices/profile', async (c) => {
    const { npi, profile } = await readJson(c, OfficeProfileInput);
    offices.setProfile(npi, profile);
    return c.json({ npi, profile }, 200);
  });

  r.post('/offices/run-due', async (c) => c.json({ data: await offices.runDue() }, 200));

  return r;
}
