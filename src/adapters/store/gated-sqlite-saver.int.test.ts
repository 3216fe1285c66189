import { emptyCheckpoint } from '@langchain/langgraph-checkpoint';
import { describe, expect, it } from 'vitest';
import { sleep } from '../../../test/support/store-backends.js';
import { openSqlite } from './sqlite.js';

describe('SQLite checkpointer sharing the store connection', () => {
  it('does not write into a store transaction that later rolls back', async () => {
    const { db, saver } = await openSqlite(':memory:');
    try {
      let release = () => {};
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      let opened = () => {};
      const inside = new Promise<void>((resolve) => {
        opened = resolve;
      });
      const transaction = db.transaction().execute(async (trx) => {
        await trx
          .insertInto('idempotency_keys')
          .values({
            practice_id: 'p',
            key: 'k',
            request_hash: 'h',
            status_code: 200,
            body_json: '{}',
            created_at: '2025-01-01T00:00:00.000Z',
          })
          .execute();
        opened();
        await held;
        throw new Error('roll back');
      });
      await inside;
      const config = { configurable: { thread_id: 'thread-g', checkpoint_ns: '' } };
      const put = saver.put(config, emptyCheckpoint(), { source: 'input', step: -1, parents: {} });
      await sleep(20);
      release();
      await expect(transaction).rejects.toThrow('roll back');
      await put;
      expect(await saver.getTuple(config)).toBeDefined();
      expect(await db.selectFrom('idempotency_keys').selectAll().execute()).toEqual([]);
    } finally {
      await db.destroy();
    }
  });
});
