import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { killAllChildren, spawnService } from '../support/child-service.js';
import { freePort } from '../support/free-port.js';
import { waitFor } from '../support/wait-for.js';
import { newWebhookSecret } from '../support/webhooks.js';

const secret = (label: string) => `${label}-${randomBytes(12).toString('hex')}`;

/** Runs `src/main.ts` with `env` until it has printed its banner; returns stdout and stderr. */
async function startupOutput(env: Record<string, string>) {
  const dataDir = mkdtempSync(join(tmpdir(), 'startup-'));
  try {
    const port = String(await freePort());
    const child = await spawnService({
      PORT: port,
      HOST: '127.0.0.1',
      SANDBOX_PORT: String(await freePort()),
      DATA_DIR: dataDir,
      DIRECTORY_GENERATE_COUNT: '0',
      LOG_LEVEL: 'debug',
      ...env,
    });
    await waitFor(() => child.output().includes('Review queue'), { what: 'the startup banner' });
    await child.kill('SIGTERM');
    return child.output();
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

describe('startup output', () => {
  afterEach(() => killAllChildren());

  it('prints no token, key or secret, only where the coordinator token comes from', async () => {
    const secrets = {
      DEMO_TOKEN: secret('demo-token'),
      EHR_API_KEY: secret('ehr-key'),
      WEBHOOK_SECRET: newWebhookSecret(),
      AUDIT_ANCHOR_KEY: secret('audit-anchor-key'),
      SESSION_SECRET: secret('session-secret-at-least-32-chars'),
    };
    const other = secret('other-token');
    const output = await startupOutput({
      ...secrets,
      COORDINATOR_TOKENS: JSON.stringify([
        { token: other, practiceId: 'practice-x', role: 'viewer', name: 'x' },
      ]),
    });
    for (const value of [...Object.values(secrets), other]) {
      expect(output).not.toContain(value);
    }
    expect(output).toMatch(/Coordinator token +the value of DEMO_TOKEN/);
    expect(output).not.toContain('AUDIT_ANCHOR_KEY is unset');
    expect(output).not.toContain('SESSION_SECRET is unset');
    expect(output).toMatch(/Workspace +http:\/\/127\.0\.0\.1:\d+\/workspace/);
  });

  it('with the development default, points at the README instead of printing it', async () => {
    const output = await startupOutput({});
    expect(output).not.toContain('demo-coordinator-token');
    expect(output).toMatch(/Coordinator token +DEMO_TOKEN is unset: .*README/);
    expect(output).toContain('AUDIT_ANCHOR_KEY is unset');
    expect(output).toContain('SESSION_SECRET is unset');
  });
});
