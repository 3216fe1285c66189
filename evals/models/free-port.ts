import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';

/** The kernel's ephemeral range: every `listen(0)` of every test process draws from it. */
function ephemeralRange(): [number, number] {
  try {
    const [low, high] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8')
      .trim()
      .split(/\s+/)
      .map(Number);
    if (low && high) return [low, high];
  } catch {
    // Not Linux: the IANA dynamic range.
  }
  return [49152, 65535];
}

/** Ports below the ephemeral range, where no `listen(0)` can take one between our check and use. */
function candidatePort(): number {
  const [low] = ephemeralRange();
  const floor = Math.max(10_000, low - 12_000);
  return floor + Math.floor(Math.random() * (low - floor));
}

function tryListen(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
}

/**
 * A TCP port that was free a moment ago, chosen outside the ephemeral range: the servers other
 * test processes start on port 0 (sandboxes, MLLP listeners) can never take it before it is used.
 */
export async function freePort(host = '127.0.0.1'): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = candidatePort();
    if (await tryListen(port, host)) return port;
  }
  throw new Error('freePort: no free port below the ephemeral range after 50 tries');
}
