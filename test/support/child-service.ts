import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { waitFor } from './wait-for.js';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface ChildService {
  url: string;
  child: ChildProcess;
  /** stdout and stderr so far, for failure messages. */
  output(): string;
  /** Sends `signal` and resolves with the exit code (or signal) once the process is gone. */
  kill(signal: NodeJS.Signals): Promise<number | NodeJS.Signals | null>;
}

const alive = new Set<ChildService>();

/**
 * Runs `src/main.ts` in its own Node process (`node --import tsx`), the way an operator would,
 * with exactly `env` (plus PATH), and resolves once `/health` answers.
 */
export async function spawnService(env: Record<string, string>): Promise<ChildService> {
  const port = env.PORT;
  if (!port) throw new Error('spawnService: env.PORT is required');
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = new Promise<number | NodeJS.Signals | null>((resolve) => {
    child.once('exit', (code, signal) => resolve(code ?? signal));
  });
  const service: ChildService = {
    url: `http://127.0.0.1:${port}`,
    child,
    output: () => output,
    async kill(signal) {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      const result = await exited;
      alive.delete(service);
      return result;
    },
  };
  alive.add(service);
  try {
    await waitFor(
      async () => {
        if (child.exitCode !== null || child.signalCode !== null) {
          throw new Error(`the service exited early (${child.exitCode ?? child.signalCode})`);
        }
        const res = await fetch(`${service.url}/health`).catch(() => undefined);
        return res?.status === 200;
      },
      {
        timeoutMs: 30_000,
        intervalMs: 50,
        what: `the child service on port ${port} to be healthy`,
      },
    );
  } catch (error) {
    await service.kill('SIGKILL');
    throw new Error(`${(error as Error).message}\n--- child output ---\n${output}`);
  }
  return service;
}

/** Kills every child still running (afterEach), so no test leaves a process behind. */
export async function killAllChildren(): Promise<void> {
  await Promise.all([...alive].map((c) => c.kill('SIGKILL')));
}
