import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMemoryAudit } from '../../test/fakes/memory-audit.js';
import { createLogger } from '../adapters/log/index.js';
import { openStore } from '../adapters/store/index.js';
import type { AuditDraft, AuditLog } from '../domain/index.js';
import { createAuditAnchorer } from './audit-anchorer.js';

const draft: AuditDraft = {
  practiceId: 'p',
  referralId: 'r',
  actor: 'system',
  action: 'thread.ended',
  data: {},
};

function recordingLogger() {
  const lines: Array<Record<string, unknown>> = [];
  return { lines, logger: createLogger('debug', (l) => lines.push(JSON.parse(l))) };
}

describe('audit anchorer', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('checkpoints at start, then every interval the head has moved, and once more on stop', async () => {
    vi.useFakeTimers();
    const audit = createMemoryAudit();
    const { logger, lines } = recordingLogger();
    const anchorer = createAuditAnchorer({ audit, logger, intervalMs: 60_000 });
    await audit.append(draft);
    anchorer.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(audit.checkpoints.map((c) => c.seq)).toEqual([1]);

    await audit.append(draft);
    await vi.advanceTimersByTimeAsync(59_999);
    expect(audit.checkpoints).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(audit.checkpoints.map((c) => c.seq)).toEqual([1, 2]);

    await vi.advanceTimersByTimeAsync(60_000);
    expect(audit.checkpoints).toHaveLength(2);

    await audit.append(draft);
    await anchorer.stop();
    expect(audit.checkpoints.map((c) => c.seq)).toEqual([1, 2, 3]);
    await vi.advanceTimersByTimeAsync(120_000);
    expect(audit.checkpoints).toHaveLength(3);
    expect(lines.filter((l) => l.msg === 'audit chain anchored').map((l) => l.seq)).toEqual([
      1, 2, 3,
    ]);
  });

  it('logs a refused checkpoint by its code and keeps going', async () => {
    const audit = createMemoryAudit();
    const failing: AuditLog = {
      ...audit,
      anchor: async () => {
        throw new Error('SECRET-DETAIL');
      },
    };
    const { logger, lines } = recordingLogger();
    const anchorer = createAuditAnchorer({ audit: failing, logger, intervalMs: 60_000 });
    await anchorer.stop();
    expect(lines).toEqual([
      expect.objectContaining({ level: 'error', msg: 'audit anchor failed', code: 'INTERNAL' }),
    ]);
    expect(JSON.stringify(lines)).not.toContain('SECRET-DETAIL');
  });

  it('leaves nothing unanchored in the store after a clean stop', async () => {
    const opened = await openStore(
      { kind: 'sqlite', path: ':memory:' },
      { auditAnchorKey: 'anchorer-test-key-0123456789abcdefgh' },
    );
    try {
      const { logger } = recordingLogger();
      const anchorer = createAuditAnchorer({
        audit: opened.store.audit,
        logger,
        intervalMs: 60_000,
      });
      await opened.store.audit.append(draft);
      await anchorer.tick();
      await opened.store.audit.append(draft);
      expect(await opened.store.audit.verify()).toMatchObject({ anchored: 1, unanchored: 1 });
      await anchorer.stop();
      expect(await opened.store.audit.verify()).toMatchObject({
        ok: true,
        checked: 2,
        anchored: 2,
        unanchored: 0,
      });
    } finally {
      await opened.close();
    }
  });
});
