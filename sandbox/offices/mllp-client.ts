import { connect } from 'node:net';
import { type Hl7Ack, parseAck } from './hl7.js';

const START = Buffer.from([0x0b]);
const END = Buffer.from([0x1c, 0x0d]);

export interface MllpTarget {
  host: string;
  port: number;
}

/** A send that got no usable acknowledgement; `message` never holds message content. */
export class MllpError extends Error {
  override readonly name = 'MllpError';
}

/** One message in one MLLP frame on a fresh connection; resolves with the ACK's MSA. */
export function sendMllp(
  target: MllpTarget,
  message: string,
  { timeoutMs, signal }: { timeoutMs: number; signal?: AbortSignal },
): Promise<Hl7Ack> {
  return new Promise((resolve, reject) => {
    let received = Buffer.alloc(0);
    let settled = false;
    const socket = connect({ host: target.host, port: target.port });
    const finish = (outcome: Hl7Ack | MllpError) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      socket.destroy();
      if (outcome instanceof MllpError) reject(outcome);
      else resolve(outcome);
    };
    const onAbort = () => finish(new MllpError('cancelled'));
    const timer = setTimeout(() => finish(new MllpError('no ACK in time')), timeoutMs);
    if (signal?.aborted) return onAbort();
    signal?.addEventListener('abort', onAbort, { once: true });

    socket.on('connect', () => {
      socket.write(Buffer.concat([START, Buffer.from(message, 'utf8'), END]));
    });
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      const end = received.indexOf(END);
      if (end === -1) return;
      const start = received.indexOf(START);
      const frame = received.subarray(start === -1 || start > end ? 0 : start + 1, end);
      finish(parseAck(frame.toString('utf8')) ?? new MllpError('ACK without MSA'));
    });
    socket.on('error', (err: NodeJS.ErrnoException) => {
      finish(new MllpError(`network error: ${err.code ?? err.name}`));
    });
    socket.on('close', () => finish(new MllpError('connection closed before the ACK')));
  });
}
