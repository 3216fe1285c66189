import { Hono } from 'hono';
import type { SandboxContext } from '../context.js';
import { idempotencyKey, notFound, readJson } from '../http.js';
import { DocumentInput } from '../schemas.js';
import type { Referral } from '../world-state.js';

/** Documents the integration files against a referral (a consult note, a report). */
export function documentRoutes({ world }: SandboxContext): Hono {
  const r = new Hono();

  const find = (id: string): Referral => {
    const referral = world.referrals.get(id);
    if (!referral) throw notFound('Referral');
    return referral;
  };

  r.post('/referrals/:id/documents', async (c) => {
    const key = idempotencyKey(c);
    const referral = find(c.req.param('id'));
    const input = await readJson(c, DocumentInput);
    return c.json(world.addDocument(referral, input, key).value, 201);
  });

  r.get('/referrals/:id/documents', (c) => {
    const referral = find(c.req.param('id'));
    return c.json({ data: world.documentsOf(referral.id) });
  });

  r.get('/documents/:id', (c) => {
    const document = world.documents.get(c.req.param('id'));
    if (!document) throw notFound('Document');
    return c.json(document);
  });

  return r;
}
