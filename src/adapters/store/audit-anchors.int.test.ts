import { afterEach, describe, expect, it } from 'vitest';
import {
  postgresBackend,
  sqliteBackend,
  type TestBackend,
  TickingClock,
} from '../../../test/support/store-backends.js';
import type { AuditCheckpoint, AuditEvent, Store } from '../../domain/index.js';
import { checkpointMac } from './audit-anchors.js';
import { chainHash, GENESIS_HASH } from './audit-chain.js';
import { sha256Hex } from './canonical-json.js';

const KEY = 'audit-anchor-test-key-0123456789abcdef';
const OTHER_KEY = 'another-anchor-key-0123456789abcdefghij';
const P = 'practice-a';
const R = 'r-audit';

type Unhashed = Omit<AuditEvent, 'seq' | 'prevHash' | 'hash'>;

const lit = (v: string | number | null) =>
  v === null ? 'NULL' : typeof v === 'number' ? String(v) : `'${v.replaceAll("'", "''")}'`;

const insertRow = (e: AuditEvent) =>
  'INSERT INTO audit_events (seq, at, practice_id, referral_id, actor, action, data_json, prev_hash, hash) ' +
  `VALUES (${[e.seq, e.at, e.practiceId, e.referralId, e.actor, e.action, JSON.stringify(e.data), e.prevHash, e.hash].map(lit).join(', ')})`;

const insertCheckpoint = (c: AuditCheckpoint) =>
  'INSERT INTO audit_anchors (seq, hash, at, prev_mac, mac) ' +
  `VALUES (${[c.seq, c.hash, c.at, c.prevMac, c.mac].map(lit).join(', ')})`;

/** What an attacker with database rights can do without the key: number and hash a chain anew. */
function rechain(events: Unhashed[]): AuditEvent[] {
  let prevHash = GENESIS_HASH;
  return events.map((event, i) => {
    const fields = { ...event, seq: i + 1 };
    const hash = chainHash(prevHash, fields);
    const linked = { ...fields, prevHash, hash };
    prevHash = hash;
    return linked;
  });
}

const unhashed = ({ seq: _s, prevHash: _p, hash: _h, ...rest }: AuditEvent): Unhashed => rest;

/** The chain check alone (the verify before checkpoints): consecutive seqs, each row hashing onto the last. */
async function chainAloneOk(store: Store): Promise<boolean> {
  let prevHash = GENESIS_HASH;
  return (await store.audit.list(P, R)).every((e, i) => {
    const sound = e.seq === i + 1 && e.prevHash === prevHash && chainHash(prevHash, e) === e.hash;
    prevHash = e.hash;
    return sound;
  });
}

const backends: Array<[string, () => TestBackend]> = [
  ['sqlite', sqliteBackend],
  ['postgres', () => postgresBackend()],
];

describe.each(backends)('audit chain checkpoints (%s)', (_name, makeBackend) => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  /** `null`: opened without an anchor key. */
  async function open(backend: TestBackend, auditAnchorKey: string | null = KEY) {
    const opened = await backend.open({
      clock: new TickingClock(),
      ...(auditAnchorKey === null ? {} : { auditAnchorKey }),
    });
    cleanups.push(() => opened.close());
    return opened.store;
  }

  async function append(store: Store, count: number) {
    for (let i = 0; i < count; i += 1) {
      await store.audit.append({
        practiceId: P,
        referralId: R,
        actor: 'tool:test',
        action: 'tool.called',
        data: { i },
      });
    }
  }

  /** Rows 1–12, checkpoints at 3, 6 and 9; rows 10–12 not yet anchored. */
  async function seeded() {
    const backend = makeBackend();
    cleanups.push(() => backend.cleanup());
    const store = await open(backend);
    const checkpoints: AuditCheckpoint[] = [];
    for (let i = 0; i < 3; i += 1) {
      await append(store, 3);
      const checkpoint = await store.audit.anchor();
      if (checkpoint) checkpoints.push(checkpoint);
    }
    await append(store, 3);
    expect(checkpoints.map((c) => c.seq)).toEqual([3, 6, 9]);
    const events = await store.audit.list(P, R);
    return { backend, store, checkpoints, events };
  }

  async function rewrite(backend: TestBackend, events: AuditEvent[]) {
    await backend.raw([
      ...backend.disableAuditTriggers,
      'DELETE FROM audit_events',
      ...events.map(insertRow),
    ]);
  }

  const forgedEvent = (at: string): Unhashed => ({
    at,
    practiceId: P,
    referralId: R,
    actor: 'coordinator:mallory',
    action: 'review.decided',
    data: { decision: 'approve' },
  });

  it('verifies an untampered chain and reports the rows after the last checkpoint', async () => {
    const { store } = await seeded();
    expect(await store.audit.verify()).toEqual({
      ok: true,
      checked: 12,
      firstBadSeq: null,
      anchored: 9,
      unanchored: 3,
      problem: null,
    });
  });

  it('writes no checkpoint while the head has not moved, and chains the next one onto the last', async () => {
    const backend = makeBackend();
    cleanups.push(() => backend.cleanup());
    const store = await open(backend);
    expect(await store.audit.anchor()).toBeNull();
    await append(store, 2);
    const first = await store.audit.anchor();
    expect(first).toMatchObject({ seq: 2 });
    expect(await store.audit.anchor()).toBeNull();
    await append(store, 1);
    const next = await store.audit.anchor();
    expect(next).toMatchObject({ seq: 3, prevMac: first?.mac });
    expect(await store.audit.verify()).toMatchObject({ ok: true, anchored: 3, unanchored: 0 });
  });

  it('writes one checkpoint when several writers anchor the same head at once', async () => {
    const backend = makeBackend();
    cleanups.push(() => backend.cleanup());
    const a = await open(backend);
    // SQLite is written through one connection; PostgreSQL by many processes.
    const b = backend.name === 'postgres' ? await open(backend) : a;
    await append(a, 4);
    const written = await Promise.all([a, b, a, b].map((s) => s.audit.anchor()));
    expect(written.filter((c) => c !== null).map((c) => c?.seq)).toEqual([4]);
    await append(b, 1);
    expect(await b.audit.anchor()).toMatchObject({ seq: 5 });
    expect(await a.audit.verify()).toMatchObject({ ok: true, anchored: 5 });
  });

  it('refuses UPDATE and DELETE on the checkpoint table', async () => {
    const { backend, store } = await seeded();
    await expect(backend.raw(["UPDATE audit_anchors SET mac = 'x' WHERE seq = 3"])).rejects.toThrow(
      /append-only/,
    );
    await expect(backend.raw(['DELETE FROM audit_anchors WHERE seq = 9'])).rejects.toThrow(
      /append-only/,
    );
    expect((await store.audit.verify()).ok).toBe(true);
  });

  it('(a) catches a truncated tail', async () => {
    const { backend, store } = await seeded();
    await backend.raw([...backend.disableAuditTriggers, 'DELETE FROM audit_events WHERE seq >= 8']);
    expect(await chainAloneOk(store)).toBe(true);
    expect(await store.audit.verify()).toEqual({
      ok: false,
      checked: 7,
      firstBadSeq: 8,
      anchored: 6,
      unanchored: 1,
      problem: 'truncated',
    });
    await expect(store.audit.anchor()).rejects.toThrow(/no longer extends its last checkpoint/);
  });

  it('(b) catches a chain emptied of every row', async () => {
    const { backend, store } = await seeded();
    await backend.raw([...backend.disableAuditTriggers, 'DELETE FROM audit_events']);
    expect(await store.audit.list(P, R)).toEqual([]);
    expect(await store.audit.verify()).toMatchObject({
      ok: false,
      checked: 0,
      firstBadSeq: 1,
      anchored: 0,
      problem: 'truncated',
    });
    await expect(store.audit.anchor()).rejects.toThrow(/no longer extends/);
  });

  it('(c) catches a row edited and every later row re-hashed', async () => {
    const { backend, store, events } = await seeded();
    const edited = events.map(unhashed);
    edited[4] = { ...(edited[4] as Unhashed), data: { i: 99 } };
    await rewrite(backend, rechain(edited));
    expect((await store.audit.list(P, R))[4]?.data).toEqual({ i: 99 });
    expect(await chainAloneOk(store)).toBe(true);
    expect(await store.audit.verify()).toMatchObject({
      ok: false,
      checked: 6,
      firstBadSeq: 4,
      anchored: 3,
      problem: 'anchor_mismatch',
    });
    await expect(store.audit.anchor()).rejects.toThrow(/no longer extends/);
  });

  it('(d) catches a forged row inserted in the middle, the rest renumbered and re-hashed', async () => {
    const { backend, store, events } = await seeded();
    const forged = events.map(unhashed);
    forged.splice(4, 0, forgedEvent(events[3]?.at ?? ''));
    await rewrite(backend, rechain(forged));
    expect(await store.audit.list(P, R)).toHaveLength(13);
    expect(await chainAloneOk(store)).toBe(true);
    expect(await store.audit.verify()).toMatchObject({
      ok: false,
      firstBadSeq: 4,
      anchored: 3,
      problem: 'anchor_mismatch',
    });
    await expect(store.audit.anchor()).rejects.toThrow(/no longer extends/);
  });

  it('(e) catches a middle row deleted, the rest renumbered and re-hashed', async () => {
    const { backend, store, events } = await seeded();
    const fewer = events.map(unhashed);
    fewer.splice(4, 1);
    await rewrite(backend, rechain(fewer));
    expect(await store.audit.list(P, R)).toHaveLength(11);
    expect(await chainAloneOk(store)).toBe(true);
    expect(await store.audit.verify()).toMatchObject({
      ok: false,
      firstBadSeq: 4,
      anchored: 3,
      problem: 'anchor_mismatch',
    });
    await expect(store.audit.anchor()).rejects.toThrow(/no longer extends/);
  });

  it('(f) catches a checkpoint forged without the key', async () => {
    const { backend, store, checkpoints, events } = await seeded();
    const head = events[11] as AuditEvent;
    const fields = { seq: 12, hash: head.hash, at: head.at, prevMac: checkpoints[2]?.mac ?? '' };
    await backend.raw([insertCheckpoint({ ...fields, mac: sha256Hex(JSON.stringify(fields)) })]);
    expect(await chainAloneOk(store)).toBe(true);
    expect(await store.audit.verify()).toMatchObject({
      ok: false,
      checked: 12,
      firstBadSeq: 10,
      anchored: 9,
      problem: 'anchor_mac_invalid',
    });
    await expect(store.audit.anchor()).rejects.toThrow(/no longer extends/);
  });

  it('(f) catches a rewritten chain that a keyless checkpoint tries to vouch for', async () => {
    const { backend, store, events } = await seeded();
    const edited = events.map(unhashed);
    edited[1] = { ...(edited[1] as Unhashed), data: { i: 42 } };
    const rewritten = rechain(edited);
    await rewrite(backend, rewritten);
    const head = rewritten[11] as AuditEvent;
    await backend.raw([
      insertCheckpoint({ seq: 12, hash: head.hash, at: head.at, prevMac: '', mac: '0'.repeat(64) }),
    ]);
    expect(await chainAloneOk(store)).toBe(true);
    expect(await store.audit.verify()).toMatchObject({
      ok: false,
      firstBadSeq: 1,
      anchored: 0,
      problem: 'anchor_mismatch',
    });
  });

  it('(g) catches a checkpoint whose MAC was made with another key', async () => {
    const { backend, store, checkpoints, events } = await seeded();
    const head = events[11] as AuditEvent;
    const fields = { seq: 12, hash: head.hash, at: head.at, prevMac: checkpoints[2]?.mac ?? '' };
    await backend.raw([insertCheckpoint({ ...fields, mac: checkpointMac(OTHER_KEY, fields) })]);
    expect(await store.audit.verify()).toMatchObject({
      ok: false,
      firstBadSeq: 10,
      anchored: 9,
      problem: 'anchor_mac_invalid',
    });
  });

  it('(g) fails every checkpoint when checked with a key other than the one that wrote them', async () => {
    const { backend } = await seeded();
    const wrongKey = await open(backend, OTHER_KEY);
    expect(await wrongKey.audit.verify()).toMatchObject({
      ok: false,
      firstBadSeq: 1,
      anchored: 0,
      problem: 'anchor_mac_invalid',
    });
  });

  it('catches a checkpoint removed from between two others', async () => {
    const { backend, store } = await seeded();
    await backend.raw(
      backend.name === 'sqlite'
        ? ['DROP TRIGGER audit_anchors_no_delete', 'DELETE FROM audit_anchors WHERE seq = 6']
        : [
            'ALTER TABLE audit_anchors DISABLE TRIGGER audit_anchors_no_modify',
            'DELETE FROM audit_anchors WHERE seq = 6',
          ],
    );
    expect(await store.audit.verify()).toMatchObject({
      ok: false,
      firstBadSeq: 4,
      anchored: 3,
      problem: 'anchor_mac_invalid',
    });
  });

  it('without the key, refuses to anchor and does not vouch for existing checkpoints', async () => {
    const { backend } = await seeded();
    const keyless = await open(backend, null);
    await expect(keyless.audit.anchor()).rejects.toThrow(/without an audit anchor key/);
    expect(await keyless.audit.verify()).toMatchObject({
      ok: false,
      anchored: 0,
      problem: 'anchor_key_missing',
    });
  });
});
