import { once } from 'node:events';
import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { buildHl7Message } from '../../test/support/hl7-messages.js';
import { buildHl7Ack, readHl7Message } from '../adapters/hl7/index.js';
import type { Logger, Scalar } from '../domain/index.js';
import { createMllpDecoder, frameMllp } from './mllp-framer.js';
import { type MllpListener, type MllpListenerOptions, startMllpListener } from './mllp-listener.js';

type Entry = { level: string; msg: string; fields?: Record<string, Scalar> };
const recordingLogger = () => {
  const entries: Entry[] = [];
  const waiters: Array<{ msg: string; resolve: () => void }> = [];
  const at = (level: string) => (msg: string, fields?: Record<string, Scalar>) => {
    entries.push({ level, msg, ...(fields ? { fields } : {}) });
    for (const w of waiters.filter((w) => w.msg === msg)) w.resolve();
  };
  const logger: Logger = {
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
  };
  /** Resolves when a message with this text is (or was) logged. */
  const logged = (msg: string) =>
    entries.some((e) => e.msg === msg)
      ? Promise.resolve()
      : new Promise<void>((resolve) => waiters.push({ msg, resolve }));
  return { logger, entries, logged };
};

/** The handler a service would use: read, then AA or the reader's refusal. */
async function ackFor(raw: string): Promise<string> {
  const reading = readHl7Message(raw);
  if (reading.kind === 'read') return buildHl7Ack(reading.header, 'AA');
  if (reading.kind === 'unreadable') return buildHl7Ack(null, 'AR', { problem: reading.problem });
  return buildHl7Ack(reading.header, 'AR', { problem: reading.problem });
}
const onError: MllpListenerOptions['onError'] = (failure) =>
  buildHl7Ack(null, 'AR', { problem: failure === 'oversize' ? 'too_large' : 'internal_error' });

const msa = (ack: string) => {
  const fields =
    ack
      .split('\r')
      .find((s) => s.startsWith('MSA|'))
      ?.split('|') ?? [];
  return { code: fields[1], controlId: fields[2] ?? '' };
};
const message = (controlId: string) =>
  buildHl7Message({ type: 'SIU^S12', controlId, family: 'Doe', given: 'Jane' });

/** A test client: collects the ACK frames it receives and lets a test wait for a count. */
class Client {
  readonly acks: string[] = [];
  private readonly decoder = createMllpDecoder({ maxFrameBytes: 4 * 1024 * 1024 });
  private waiters: Array<() => void> = [];
  readonly closed: Promise<void>;
  readonly socket: Socket;

  constructor(socket: Socket) {
    this.socket = socket;
    socket.on('data', (chunk: Buffer) => {
      for (const e of this.decoder.push(chunk)) if (e.kind === 'frame') this.acks.push(e.text);
      for (const w of this.waiters) w();
    });
    socket.on('error', () => {});
    this.closed = new Promise((resolve) => socket.once('close', () => resolve()));
  }

  static async open(port: number): Promise<Client> {
    const socket = connect({ host: '127.0.0.1', port });
    await once(socket, 'connect');
    return new Client(socket);
  }

  send(...texts: string[]) {
    this.socket.write(Buffer.concat(texts.map(frameMllp)));
  }

  async receive(count: number): Promise<string[]> {
    while (this.acks.length < count) {
      await Promise.race([
        new Promise<void>((resolve) => this.waiters.push(resolve)),
        this.closed.then(() => {
          throw new Error(`closed after ${this.acks.length} of ${count} ACKs`);
        }),
      ]);
    }
    return this.acks.slice(0, count);
  }
}

const listeners: MllpListener[] = [];
const clients: Client[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.socket.destroy();
  await Promise.all(listeners.splice(0).map((l) => l.close()));
});

async function start(overrides: Partial<MllpListenerOptions> = {}) {
  const log = recordingLogger();
  const listener = await startMllpListener({
    host: '127.0.0.1',
    port: 0,
    handle: ackFor,
    onError,
    logger: log.logger,
    ...overrides,
  });
  listeners.push(listener);
  const open = async () => {
    const client = await Client.open(listener.port);
    clients.push(client);
    return client;
  };
  return { listener, open, entries: log.entries, logged: log.logged };
}

describe('startMllpListener', () => {
  it('answers three messages on one connection one at a time, in order', async () => {
    let release = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const seen: string[] = [];
    const { open, entries } = await start({
      handle: async (raw) => {
        const reading = readHl7Message(raw);
        const id = reading.kind === 'read' ? reading.header.controlId : '?';
        seen.push(`start ${id}`);
        if (id === 'C1') await gate;
        seen.push(`end ${id}`);
        return ackFor(raw);
      },
    });
    const client = await open();
    client.send(message('C1'));
    client.send(message('C2'));
    client.send(message('C3'));
    await new Promise((resolve) => setImmediate(resolve));
    release();
    const acks = await client.receive(3);
    expect(acks.map(msa)).toEqual([
      { code: 'AA', controlId: 'C1' },
      { code: 'AA', controlId: 'C2' },
      { code: 'AA', controlId: 'C3' },
    ]);
    expect(seen).toEqual(['start C1', 'end C1', 'start C2', 'end C2', 'start C3', 'end C3']);
    expect(JSON.stringify(entries)).not.toMatch(/Doe|Jane/);
  });

  it('answers two frames sent in one write, and garbage before a frame costs nothing', async () => {
    const { open, entries } = await start();
    const client = await open();
    client.send(message('T1'), message('T2'));
    expect((await client.receive(2)).map((a) => msa(a).controlId)).toEqual(['T1', 'T2']);
    client.socket.write(Buffer.concat([Buffer.from('junk\r\n'), frameMllp(message('T3'))]));
    expect(msa((await client.receive(3))[2] ?? '')).toEqual({ code: 'AA', controlId: 'T3' });
    expect(entries).toContainEqual(
      expect.objectContaining({
        msg: 'mllp bytes outside a frame dropped',
        fields: { connection: 1, bytes: 6 },
      }),
    );
  });

  it('lets the handler answer framed garbage (AR with an empty control id)', async () => {
    const { open } = await start();
    const client = await open();
    client.send('this is not HL7');
    expect(msa((await client.receive(1))[0] ?? '')).toEqual({ code: 'AR', controlId: '' });
  });

  it('answers AR when the handler throws, and keeps serving', async () => {
    const { open, entries } = await start({
      handle: async (raw) => {
        if (raw.includes('|BOOM|')) throw new Error('handler exploded with Doe');
        return ackFor(raw);
      },
    });
    const first = await open();
    first.send(message('BOOM'), message('OK1'));
    const acks = await first.receive(2);
    expect(acks.map(msa)).toEqual([
      { code: 'AR', controlId: '' },
      { code: 'AA', controlId: 'OK1' },
    ]);
    const second = await open();
    second.send(message('OK2'));
    expect(msa((await second.receive(1))[0] ?? '').code).toBe('AA');
    expect(entries.filter((e) => e.level === 'error').map((e) => e.msg)).toEqual([
      'mllp handler failed',
    ]);
    expect(JSON.stringify(entries)).not.toContain('Doe');
  });

  it('answers AR to an oversize frame and keeps the connection', async () => {
    const { open } = await start({ maxFrameBytes: 2_000 });
    const client = await open();
    client.send(`${message('BIG')}\rNTE|1||${'x'.repeat(5_000)}`, message('SMALL'));
    const acks = await client.receive(2);
    expect(acks.map(msa)).toEqual([
      { code: 'AR', controlId: '' },
      { code: 'AA', controlId: 'SMALL' },
    ]);
    expect(acks[0]).toContain('207^Message too large^HL70357');
  });

  it('serves 50 concurrent connections of 5 messages each: 250 ACKs, each in its order', async () => {
    const { open } = await start();
    const all = await Promise.all(
      Array.from({ length: 50 }, async (_, c) => {
        const client = await open();
        const ids = Array.from({ length: 5 }, (_, m) => `K${c}-${m}`);
        for (const id of ids) client.send(message(id));
        const acks = await client.receive(5);
        expect(acks.map((a) => msa(a).controlId)).toEqual(ids);
        return acks.length;
      }),
    );
    expect(all.reduce((a, b) => a + b, 0)).toBe(250);
  });

  it('survives abrupt disconnects: mid-frame, and while a message is being handled', async () => {
    let release = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let handled = 0;
    const { open } = await start({
      handle: async (raw) => {
        handled++;
        if (raw.includes('|SLOW|')) await gate;
        return ackFor(raw);
      },
    });
    const midFrame = await open();
    midFrame.socket.write(frameMllp(message('CUT')).subarray(0, 40));
    midFrame.socket.destroy();
    const busy = await open();
    busy.send(message('SLOW'));
    while (handled === 0) await new Promise((resolve) => setImmediate(resolve));
    busy.socket.destroy();
    await busy.closed;
    release();
    const next = await open();
    next.send(message('AFTER'));
    expect(msa((await next.receive(1))[0] ?? '')).toEqual({ code: 'AA', controlId: 'AFTER' });
  });

  it('closes idle connections', async () => {
    const { open, entries } = await start({ idleTimeoutMs: 50 });
    const client = await open();
    client.send(message('I1'));
    await client.receive(1);
    await client.closed;
    expect(entries.map((e) => e.msg)).toContain('mllp connection idle; closing');
  });

  it('drops a client that never reads, and keeps serving others', async () => {
    const bigAck = `MSH|^~\\&|||||||ACK|X|P|2.5.1\rMSA|AA|X|${'y'.repeat(256 * 1024)}`;
    const { open, logged } = await start({ idleTimeoutMs: 100, handle: async () => bigAck });
    const stuck = await open();
    stuck.socket.pause();
    for (let i = 0; i < 64; i++) stuck.send(message(`S${i}`));
    await logged('mllp connection idle; closing');
    await logged('mllp connection closed');
    const other = await open();
    other.send(message('O1'));
    expect(await other.receive(1)).toEqual([bigAck]);
  });

  it('close() resolves while a client is connected, and ends that connection', async () => {
    const { listener, open } = await start();
    const client = await open();
    client.send(message('L1'));
    await client.receive(1);
    await listener.close();
    await client.closed;
    await listener.close();
  });

  it('close() waits for the message being handled, then answers it', async () => {
    let release = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let started = false;
    const { listener, open } = await start({
      handle: async (raw) => {
        started = true;
        await gate;
        return ackFor(raw);
      },
    });
    const client = await open();
    client.send(message('W1'));
    while (!started) await new Promise((resolve) => setImmediate(resolve));
    const closing = listener.close();
    release();
    await closing;
    expect(client.acks.map((a) => msa(a).controlId)).toEqual(['W1']);
  });

  it('refuses a port already in use', async () => {
    const { listener } = await start();
    await expect(
      startMllpListener({
        host: '127.0.0.1',
        port: listener.port,
        handle: ackFor,
        onError,
        logger: recordingLogger().logger,
      }),
    ).rejects.toThrow(/EADDRINUSE/);
  });
});
