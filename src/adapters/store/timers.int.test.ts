import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  postgresBackend,
  sqliteBackend,
  TickingClock,
} from '../../../test/support/store-backends.js';
import type { ReferralTimer, Store } from '../../domain/index.js';
import type { OpenStore } from './open-store.js';

const timer = (practiceId: string, referralId: string, dueAt: string): ReferralTimer => ({
  practiceId,
  referralId,
  waitKey: `${referralId}|r0|await-response|acknowledgement`,
  kind: 'acknowledgement',
  dueAt,
});
const NOW = new Date('2026-01-06T15:00:00.000Z');

describe.each([sqliteBackend(), postgresBackend()])('timers ($name)', (backend) => {
  let opened: OpenStore;
  let store: Store;

  beforeAll(async () => {
    opened = await backend.open({ clock: new TickingClock() });
    store = opened.store;
  });
  afterAll(async () => {
    await opened?.close();
    await backend.cleanup();
  });

  const timeouts = async () =>
    (await store.inbox.pending(100)).flatMap((e) =>
      e.origin === 'loop' && e.event.type === 'timeout'
        ? [`${e.practiceId}/${e.event.waitKey}`]
        : [],
    );

  it('fires what is due in one batch: one timeout event and one audit row each, the rest kept', async () => {
    const due = [
      timer('p-a', 'r-1', '2026-01-06T09:00:00.000Z'),
      timer('p-b', 'r-1', '2026-01-06T14:59:59.000Z'),
      timer('p-a', 'r-2', '2026-01-06T15:00:00.000Z'),
    ];
    const later = timer('p-a', 'r-3', '2026-01-06T15:00:01.000Z');
    for (const t of [...due, later]) await store.timers.set(t);

    const fired = await store.timers.fireDue(NOW, 10);
    expect(fired.map((t) => `${t.practiceId}/${t.referralId}`)).toEqual([
      'p-a/r-1',
      'p-b/r-1',
      'p-a/r-2',
    ]);
    expect((await timeouts()).sort()).toEqual(
      due.map((t) => `${t.practiceId}/${t.waitKey}`).sort(),
    );
    for (const t of due) expect(await store.timers.get(t.practiceId, t.referralId)).toBeUndefined();
    expect(await store.timers.get('p-a', 'r-3')).toEqual(later);
    const verified = await store.audit.verify();
    expect(verified.ok).toBe(true);
    const recorded = (await store.audit.list('p-a', 'r-1')).filter(
      (e) => e.action === 'event.recorded',
    );
    expect(recorded.map((e) => e.data)).toEqual([
      { type: 'timeout', source: 'timer', timer: 'acknowledgement' },
    ]);
    expect(await store.timers.fireDue(NOW, 10)).toEqual([]);
  });

  it('a wait set again after it fired times out once: the second firing records nothing new', async () => {
    const again = timer('p-a', 'r-1', '2026-01-06T09:00:00.000Z');
    await store.timers.set(again);
    const before = (await store.audit.verify()).checked;
    expect(await store.timers.fireDue(NOW, 10)).toHaveLength(1);
    expect((await timeouts()).filter((k) => k === `p-a/${again.waitKey}`)).toHaveLength(1);
    expect((await store.audit.verify()).checked).toBe(before);
    expect(await store.timers.get('p-a', 'r-1')).toBeUndefined();
  });

  it('fires at most `limit`, earliest first', async () => {
    for (let i = 0; i < 5; i++) {
      await store.timers.set(timer('p-c', `r-${i}`, `2026-01-06T1${i}:00:00.000Z`));
    }
    const first = await store.timers.fireDue(NOW, 2);
    expect(first.map((t) => t.referralId)).toEqual(['r-0', 'r-1']);
    expect((await store.timers.fireDue(NOW, 10)).map((t) => t.referralId)).toEqual([
      'r-2',
      'r-3',
      'r-4',
    ]);
  });
});
