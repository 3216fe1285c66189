import type Database from 'better-sqlite3';

const LIMIT = 512;

/**
 * Kysely and the checkpointer call `prepare` for every query, and preparing costs more than
 * running. This reuses prepared statements by SQL text; one busy mid-iteration is never handed
 * out twice. Statements are used without mode changes (`raw`, `pluck`), so sharing is safe.
 */
export function cacheStatements(database: Database.Database): void {
  const prepare = database.prepare.bind(database);
  const cache = new Map<string, Database.Statement>();
  database.prepare = ((sql: string) => {
    const hit = cache.get(sql);
    if (hit && !hit.busy) return hit;
    const statement = prepare(sql);
    cache.set(sql, statement);
    if (cache.size > LIMIT) cache.delete(cache.keys().next().value as string);
    return statement;
  }) as typeof database.prepare;
}
