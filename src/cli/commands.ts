import { randomUUID } from 'node:crypto';
import { startSandbox } from '../../sandbox/index.js';
import { openStore } from '../adapters/store/index.js';
import type { Config } from '../config.js';
import { directoryCommand } from './directory-commands.js';

export interface CliIo {
  out: (line: string) => void;
  fetch: typeof fetch;
}

type Flags = Record<string, string | boolean | string[] | undefined>;

async function call(io: CliIo, url: string, init: RequestInit & { token: string }) {
  const res = await io.fetch(url, {
    ...init,
    headers: {
      authorization: `Bearer ${init.token}`,
      'content-type': 'application/json',
      ...init.headers,
    },
  });
  const body = await res.text();
  io.out(body.startsWith('{') ? JSON.stringify(JSON.parse(body), null, 2) : body);
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
}

const str = (v: Flags[string]) => (typeof v === 'string' ? v : undefined);

/** Each command: what it needs from config, flags and positionals; errors are thrown with a message. */
export const commands: Record<
  string,
  (c: Config, args: string[], flags: Flags, io: CliIo) => Promise<void>
> = {
  async list(config, _args, flags, io) {
    const status = str(flags.status);
    await call(io, `${config.http.publicUrl}/api/referrals${status ? `?status=${status}` : ''}`, {
      token: str(flags.token) ?? config.auth.grants[0]?.token ?? '',
    });
  },
  async show(config, [id], flags, io) {
    if (!id) throw new Error('usage: show <referral-id>');
    await call(io, `${config.http.publicUrl}/api/referrals/${encodeURIComponent(id)}`, {
      token: str(flags.token) ?? config.auth.grants[0]?.token ?? '',
    });
  },
  async review(config, [id, decision], flags, io) {
    if (!id || !decision)
      throw new Error(
        'usage: review <referral-id> <approve|edit|reject|retry|cancel> [--candidate ID] [--note TEXT]',
      );
    const candidateId = str(flags.candidate);
    const note = str(flags.note);
    await call(io, `${config.http.publicUrl}/api/referrals/${encodeURIComponent(id)}/review`, {
      method: 'POST',
      token: str(flags.token) ?? config.auth.grants[0]?.token ?? '',
      headers: { 'idempotency-key': str(flags.key) ?? randomUUID() },
      body: JSON.stringify({
        decision,
        ...(candidateId ? { candidateId } : {}),
        ...(note ? { note } : {}),
      }),
    });
  },
  async audit(config, [id], flags, io) {
    if (id === 'verify' || id === 'anchor') {
      const opened = await openStore(config.store, { auditAnchorKey: config.audit.anchorKey });
      try {
        if (id === 'anchor') {
          io.out(JSON.stringify({ checkpoint: await opened.store.audit.anchor() }, null, 2));
          return;
        }
        const result = await opened.store.audit.verify();
        io.out(JSON.stringify(result, null, 2));
        if (!result.ok)
          throw new Error(`audit chain broken (${result.problem}) at seq ${result.firstBadSeq}`);
      } finally {
        await opened.close();
      }
      return;
    }
    if (!id) throw new Error('usage: audit <referral-id> | audit verify | audit anchor');
    await call(io, `${config.http.publicUrl}/api/referrals/${encodeURIComponent(id)}/audit`, {
      token: str(flags.token) ?? config.auth.grants[0]?.token ?? '',
    });
  },
  async 'create-referral'(config, _args, flags, io) {
    const codes = flags.code;
    await call(io, `${config.ehr.baseUrl}/api/referrals`, {
      method: 'POST',
      token: config.ehr.apiKey,
      body: JSON.stringify({
        patient_id: str(flags.patient) ?? 'pat-0001',
        referring_provider_id: str(flags.provider) ?? 'prov-01',
        reason: str(flags.reason) ?? 'Suspected wet AMD, left eye',
        diagnosis_codes: Array.isArray(codes) ? codes : ['H35.3211'],
        ...(str(flags.specialty) ? { specialty: str(flags.specialty) } : {}),
        urgency: str(flags.urgency) ?? 'routine',
      }),
    });
  },
  async respond(config, [id, type], _flags, io) {
    if (!id || !type)
      throw new Error('usage: respond <referral-id> <acknowledged|scheduled|declined>');
    await call(
      io,
      `${config.ehr.baseUrl}/api/referrals/${encodeURIComponent(id)}/specialist-response`,
      {
        method: 'POST',
        token: config.ehr.apiKey,
        body: JSON.stringify({ type }),
      },
    );
  },
  directory: directoryCommand,
  async sandbox(config, _args, _flags, io) {
    const sandbox = await startSandbox({
      port: config.sandbox.port,
      practiceId: config.sandbox.practiceId,
      apiKey: config.sandbox.apiKey,
      webhookUrl: config.sandbox.webhookUrl,
      webhookSecret: config.sandbox.webhookSecret,
    });
    io.out(
      `Sandbox EHR ${sandbox.url} (practice ${config.sandbox.practiceId}) → webhooks to ${config.sandbox.webhookUrl}`,
    );
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    await sandbox.close();
  },
};
