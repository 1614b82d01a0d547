/**
 * For load balancers and orchestrators: /healthz answers while the process runs, /readyz only
 * when the database answers too (503 otherwise). Neither reads a season nor needs a login, and
 * neither is cached.
 */
import { Hono } from 'hono';
import type { Env } from '../context.js';

export const healthRoutes = new Hono<Env>();

healthRoutes.get('/healthz', (c) => {
  c.header('Cache-Control', 'no-store');
  return c.json({ status: 'ok' });
});

healthRoutes.get('/readyz', async (c) => {
  c.header('Cache-Control', 'no-store');
  try {
    await c.var.deps.paddock.listSeries();
    return c.json({ status: 'ready' });
  } catch (e) {
    return c.json(
      { status: 'unavailable', reason: `the database does not answer: ${(e as Error).message}` },
      503,
    );
  }
});
