import { connect, type Socket } from 'node:net';
import {
  createMllpDecoder,
  MLLP_END,
  MLLP_START,
  type MllpFrameEvent,
} from '../../src/runtime/index.js';

/** The listener's default frame limit (`startMllpListener`), as the service starts it. */
export const LISTENER_MAX_FRAME_BYTES = 2 * 1024 * 1024;

/**
 * What the listener's decoder makes of one message framed as VT, payload, FS CR: one answer per
 * frame or oversize event. A VT or FS inside the payload splits or restarts frames, so a damaged
 * message may hold more than one frame (and the bytes between them are dropped unanswered).
 */
export function framesOf(
  payload: string | Buffer,
  maxFrameBytes = LISTENER_MAX_FRAME_BYTES,
): Array<Exclude<MllpFrameEvent, { kind: 'garbage' }>> {
  return createMllpDecoder({ maxFrameBytes })
    .push(framed(payload))
    .filter((e): e is Exclude<MllpFrameEvent, { kind: 'garbage' }> => e.kind !== 'garbage');
}

/** VT, the payload (a string goes as UTF-8; bytes as they are, in whatever encoding), FS CR. */
export function framed(payload: string | Buffer): Buffer {
  const bytes = typeof payload === 'string' ? Buffer.from(payload, 'utf8') : payload;
  return Buffer.concat([Buffer.from([MLLP_START]), bytes, Buffer.from([MLLP_END, 0x0d])]);
}

export interface MllpSession {
  /** Sends one framed message and resolves with the next `answers` ACK frames. */
  send(payload: string | Buffer, answers: number): Promise<string[]>;
  /** Frames received that no `send` asked for (an extra answer would show up here). */
  unclaimed(): number;
  close(): Promise<void>;
}

/** One MLLP connection to 127.0.0.1:`port`, used for many messages, one at a time. */
export function openMllpSession(
  port: number,
  options: { answerTimeoutMs?: number } = {},
): Promise<MllpSession> {
  const answerTimeoutMs = options.answerTimeoutMs ?? 15_000;
  return new Promise((resolve, reject) => {
    const socket: Socket = connect({ host: '127.0.0.1', port });
    const decoder = createMllpDecoder({ maxFrameBytes: 16 * 1024 * 1024 });
    const received: string[] = [];
    let failure: Error | undefined;
    let wake = () => {};
    socket.on('data', (chunk: Buffer) => {
      for (const event of decoder.push(chunk)) {
        if (event.kind === 'frame') received.push(event.text);
      }
      wake();
    });
    socket.on('error', (error) => {
      failure = error;
      wake();
      reject(error);
    });
    socket.on('close', () => {
      failure ??= new Error('the MLLP connection closed');
      wake();
    });
    const session: MllpSession = {
      async send(payload, answers) {
        if (failure) throw failure;
        socket.write(framed(payload));
        const deadline = setTimeout(() => {
          failure = new Error(`no answer within ${answerTimeoutMs} ms`);
          wake();
        }, answerTimeoutMs);
        try {
          while (received.length < answers) {
            if (failure) throw failure;
            await new Promise<void>((done) => {
              wake = done;
            });
          }
        } finally {
          clearTimeout(deadline);
          wake = () => {};
        }
        return received.splice(0, answers);
      },
      unclaimed: () => received.length,
      close: () =>
        new Promise<void>((done) => {
          if (socket.destroyed) {
            done();
            return;
          }
          socket.once('close', () => done());
          socket.end();
        }),
    };
    socket.once('connect', () => resolve(session));
  });
}
