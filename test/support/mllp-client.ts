import { connect } from 'node:net';
import { createMllpDecoder, frameMllp } from '../../src/runtime/index.js';

/** Sends one message over MLLP to 127.0.0.1:`port` and resolves with the ACK. */
export function sendMllp(port: number, message: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port });
    const decoder = createMllpDecoder({ maxFrameBytes: 4 * 1024 * 1024 });
    socket.on('connect', () => socket.write(frameMllp(message)));
    socket.on('data', (chunk) => {
      const frame = decoder.push(chunk).find((e) => e.kind === 'frame');
      if (frame?.kind === 'frame') {
        socket.end();
        resolve(frame.text);
      }
    });
    socket.on('error', reject);
  });
}
