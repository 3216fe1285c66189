import { Hono } from 'hono';
import type { SandboxContext } from '../context.js';
import { notFound } from '../http.js';

export function providerRoutes({ world }: SandboxContext): Hono {
  const r = new Hono();

  r.get('/providers', (c) => c.json({ data: [...world.providers.values()] }));

  r.get('/providers/:id', (c) => {
    const provider = world.providers.get(c.req.param('id'));
    if (!provider) throw notFound('Provider');
    return c.json(provider);
  });

  return r;
}
