import type { Kysely } from 'kysely';
import type { Clock } from '../../domain/index.js';
import type { StoreDatabase } from './schema.js';

export type StoreDialect = 'sqlite' | 'postgres';

/** What every repository needs: the query builder, which dialect it speaks, and the time. */
export interface StoreContext {
  db: Kysely<StoreDatabase>;
  dialect: StoreDialect;
  clock: Clock;
}

export const systemClock: Clock = { now: () => new Date() };

export function nowIso(ctx: StoreContext): string {
  return ctx.clock.now().toISOString();
}
