import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openStore } from '../adapters/store/index.js';
import { loadConfig } from '../config.js';
import { commands } from './commands.js';

function recorder(status = 200, body: unknown = { ok: true }) {
  const calls: Array<{ url: string; init: RequestInit }> = [];
  const lines: string[] = [];
  const io = {
    out: (l: string) => lines.push(l),
    fetch: (async (url: string, init: RequestInit) => {
      calls.push({ url, init });
      return new Response(JSON.stringify(body), { status });
    }) as typeof fetch,
  };
  return { io, calls, lines };
}

const config = loadConfig({ DEMO_TOKEN: 'cli-test-token-123456' });
const header = (init: RequestInit, name: string) => (init.headers as Record<string, string>)[name];

describe('referrals CLI', () => {
  it('lists the review queue with the demo token', async () => {
    const { io, calls, lines } = recorder(200, { data: [] });
    await commands.list?.(config, [], { status: 'pending_review' }, io);
    expect(calls[0]?.url).toBe('http://127.0.0.1:8787/api/referrals?status=pending_review');
    expect(header(calls[0]?.init ?? {}, 'authorization')).toBe('Bearer cli-test-token-123456');
    expect(JSON.parse(lines[0] ?? '')).toEqual({ data: [] });
  });

  it('posts a review decision with an idempotency key and the options given', async () => {
    const { io, calls } = recorder();
    await commands.review?.(
      config,
      ['ref-1', 'edit'],
      { candidate: 'c@1', note: 'n', key: 'k-1' },
      io,
    );
    expect(calls[0]?.url).toBe('http://127.0.0.1:8787/api/referrals/ref-1/review');
    expect(header(calls[0]?.init ?? {}, 'idempotency-key')).toBe('k-1');
    expect(JSON.parse(String(calls[0]?.init.body))).toEqual({
      decision: 'edit',
      candidateId: 'c@1',
      note: 'n',
    });
  });

  it('fails with the HTTP status when the service refuses, and explains its usage', async () => {
    const { io } = recorder(409, { error: { code: 'CONFLICT' } });
    await expect(commands.review?.(config, ['ref-1', 'approve'], {}, io)).rejects.toThrow(
      'HTTP 409',
    );
    await expect(commands.review?.(config, ['ref-1'], {}, io)).rejects.toThrow(/usage: review/);
  });

  it('creates a referral in the sandbox with the EHR key', async () => {
    const { io, calls } = recorder(201, { id: 'ref-000001' });
    await commands['create-referral']?.(
      config,
      [],
      { patient: 'pat-0002', code: ['H40.1131'] },
      io,
    );
    expect(calls[0]?.url).toBe('http://127.0.0.1:8788/api/referrals');
    expect(header(calls[0]?.init ?? {}, 'authorization')).toBe(`Bearer ${config.ehr.apiKey}`);
    expect(JSON.parse(String(calls[0]?.init.body))).toMatchObject({
      patient_id: 'pat-0002',
      diagnosis_codes: ['H40.1131'],
    });
  });

  it('verifies the audit chain of the configured store', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cli-audit-'));
    const local = loadConfig({ DATA_DIR: dir });
    const opened = await openStore(local.store);
    await opened.store.audit.append({
      practiceId: 'p',
      referralId: 'r',
      actor: 'system',
      action: 'thread.ended',
      data: {},
    });
    await opened.close();
    const { io, lines } = recorder();
    await commands.audit?.(local, ['verify'], {}, io);
    expect(JSON.parse(lines[0] ?? '')).toEqual({
      ok: true,
      checked: 1,
      firstBadSeq: null,
      anchored: 0,
      unanchored: 1,
      problem: null,
    });
    await commands.audit?.(local, ['anchor'], {}, io);
    expect(JSON.parse(lines[1] ?? '')).toMatchObject({ checkpoint: { seq: 1 } });
    await commands.audit?.(local, ['verify'], {}, io);
    expect(JSON.parse(lines[2] ?? '')).toMatchObject({ ok: true, anchored: 1, unanchored: 0 });
    rmSync(dir, { recursive: true, force: true });
  });

  it('fails audit verify, naming the problem, when anchored rows were cut off the chain', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cli-audit-'));
    const local = loadConfig({
      DATA_DIR: dir,
      AUDIT_ANCHOR_KEY: 'cli-test-anchor-key-0123456789abcdef',
    });
    const opened = await openStore(local.store);
    for (const i of [1, 2, 3]) {
      await opened.store.audit.append({
        practiceId: 'p',
        referralId: 'r',
        actor: 'system',
        action: 'tool.called',
        data: { i },
      });
    }
    await opened.close();
    const { io, lines } = recorder();
    await commands.audit?.(local, ['anchor'], {}, io);
    const raw = new Database(join(dir, 'referrals.sqlite'));
    raw.exec('DROP TRIGGER audit_events_no_delete; DELETE FROM audit_events WHERE seq = 3');
    raw.close();
    await expect(commands.audit?.(local, ['verify'], {}, io)).rejects.toThrow(
      'audit chain broken (truncated) at seq 3',
    );
    expect(JSON.parse(lines[1] ?? '')).toMatchObject({
      ok: false,
      checked: 2,
      problem: 'truncated',
    });
    rmSync(dir, { recursive: true, force: true });
  });

  it('explains the directory command and refuses a missing path', async () => {
    const { io } = recorder();
    await expect(commands.directory?.(config, ['import'], {}, io)).rejects.toThrow(
      /usage: directory import/,
    );
    await expect(commands.directory?.(config, ['import', '/no/such/feed'], {}, io)).rejects.toThrow(
      'no such file or folder: /no/such/feed',
    );
  });
});
