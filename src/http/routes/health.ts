import { Hono } from 'hono';

/** `GET /health`: liveness plus what the process runs on. */
export function healthRoutes(health: () => Promise<Record<string, unknown>>) {
  return new Hono().get('/health', async (c) => c.json({ status: 'ok', ...(await health()) }, 200));
}
