import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/adapters/log/index.js';
import { openStore } from '../../src/adapters/store/index.js';
import { loadConfig } from '../../src/config.js';
import { startService } from '../../src/service.js';
import { freePort } from '../support/free-port.js';
import { type StoreKind, serviceEnv } from '../support/harness.js';
import { dropPgSchema, randomPgSchema, TEST_DATABASE_URL } from '../support/postgres.js';
import { newWebhookSecret } from '../support/webhooks.js';

const KEY = 'e2e-audit-anchor-key-0123456789abcdef';

describe.each<StoreKind>(['sqlite', 'postgres'])('audit anchoring by the service (%s)', (kind) => {
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('leaves nothing unanchored after each clean shutdown, across restarts', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'anchoring-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const pgSchema = kind === 'postgres' ? randomPgSchema() : undefined;
    if (pgSchema) cleanups.push(() => dropPgSchema(pgSchema));
    const config = loadConfig(
      serviceEnv({
        port: await freePort(),
        sandboxUrl: 'http://127.0.0.1:9',
        webhookSecret: newWebhookSecret(),
        dataDir,
        ...(pgSchema ? { databaseUrl: TEST_DATABASE_URL } : {}),
        extra: { DIRECTORY_GENERATE_COUNT: '0', AUDIT_ANCHOR_KEY: KEY },
      }),
    );
    const options = { logger: createLogger('silent'), ...(pgSchema ? { pgSchema } : {}) };
    const draft = {
      practiceId: 'practice-demo',
      referralId: 'r-1',
      actor: 'system',
      action: 'thread.ended' as const,
      data: {},
    };

    const first = await startService(config, options);
    await first.store.audit.append(draft);
    await first.close();
    const second = await startService(config, options);
    await second.store.audit.append(draft);
    await second.store.audit.append(draft);
    await second.close();

    const opened = await openStore(config.store, {
      auditAnchorKey: KEY,
      ...(pgSchema ? { pgSchema } : {}),
    });
    try {
      expect(await opened.store.audit.verify()).toEqual({
        ok: true,
        checked: 3,
        firstBadSeq: null,
        anchored: 3,
        unanchored: 0,
        problem: null,
      });
      expect(await opened.store.audit.anchor()).toBeNull();
    } finally {
      await opened.close();
    }
  });
});
