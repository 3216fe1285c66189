import { createServer, type Socket } from 'node:net';
import type { Logger } from '../domain/index.js';
import { createMllpDecoder, frameMllp, type MllpFrameEvent } from './mllp-framer.js';

/** Why the listener answers by itself: the handler threw, or the frame was too large to read. */
export type MllpFailure = 'handler_failed' | 'oversize';

export interface MllpListenerOptions {
  /** Interface to bind; never all interfaces unless this says so ('0.0.0.0', '::'). */
  host: string;
  /** 0 picks a free port. */
  port: number;
  /** One message in, its ACK out. */
  handle: (raw: string) => Promise<string>;
  /** The answer (an AR ACK) when `handle` throws or a frame is over `maxFrameBytes`. */
  onError: (failure: MllpFailure) => string;
  logger: Logger;
  /** Default 2 MiB: above the reader's own cap, so it can still answer `too_large` with the header. */
  maxFrameBytes?: number;
  /** A connection with no traffic (and no message being handled) for this long is closed. Default 60 s. */
  idleTimeoutMs?: number;
  /** Reading pauses while this many frames wait on one connection. Default 32. */
  maxQueuedFrames?: number;
  /** How long `close()` lets a connection finish its current message. Default 5 s. */
  closeGraceMs?: number;
}

export interface MllpListener {
  port: number;
  close(): Promise<void>;
}

interface Connection {
  shutdown(): void;
  closed: Promise<void>;
}

/**
 * An HL7 v2 MLLP listener on node:net. Each connection's frames are handled one at a time, in
 * order, each answered with its ACK; nothing a client sends or fails to read stops the listener.
 */
export function startMllpListener(options: MllpListenerOptions): Promise<MllpListener> {
  const { handle, onError, logger } = options;
  const maxFrameBytes = options.maxFrameBytes ?? 2 * 1024 * 1024;
  const idleTimeoutMs = options.idleTimeoutMs ?? 60_000;
  const maxQueued = options.maxQueuedFrames ?? 32;
  const closeGraceMs = options.closeGraceMs ?? 5_000;
  const connections = new Set<Connection>();
  let closing = false;
  let stopping: Promise<void> | undefined;
  let nextId = 0;

  function serve(socket: Socket): Connection {
    const id = ++nextId;
    const decoder = createMllpDecoder({ maxFrameBytes });
    const queue: MllpFrameEvent[] = [];
    let working = false;
    let handling = false;
    let ending = false;
    let peerEnded = false;
    let gone = false;
    let answered = 0;
    let resolveClosed = () => {};
    const closed = new Promise<void>((resolve) => {
      resolveClosed = resolve;
    });

    const failure = (kind: MllpFailure): string | undefined => {
      try {
        return onError(kind);
      } catch {
        logger.error('mllp onError failed; closing the connection', { connection: id });
        socket.destroy();
        return undefined;
      }
    };

    async function answer(event: MllpFrameEvent): Promise<string | undefined> {
      if (event.kind === 'oversize') {
        logger.warn('mllp frame over the size limit', { connection: id, maxFrameBytes });
        return failure('oversize');
      }
      if (event.kind !== 'frame') return undefined;
      handling = true;
      try {
        return await handle(event.text);
      } catch {
        logger.error('mllp handler failed', { connection: id });
        return failure('handler_failed');
      } finally {
        handling = false;
      }
    }

    const writable = () =>
      new Promise<void>((resolve) => {
        const done = () => {
          socket.off('drain', done);
          socket.off('close', done);
          resolve();
        };
        socket.on('drain', done);
        socket.on('close', done);
      });

    async function drain(): Promise<void> {
      if (working) return;
      working = true;
      try {
        for (let event = queue.shift(); event && !gone; event = queue.shift()) {
          const reply = await answer(event);
          if (reply === undefined || gone) continue;
          answered++;
          if (!socket.write(frameMllp(reply))) await writable();
          if (socket.isPaused() && queue.length < maxQueued && !ending) socket.resume();
        }
      } catch {
        logger.error('mllp connection failed', { connection: id });
        socket.destroy();
      } finally {
        working = false;
      }
      if ((ending || peerEnded) && !gone) socket.end();
    }

    socket.setTimeout(idleTimeoutMs, () => {
      if (handling) return;
      logger.info('mllp connection idle; closing', { connection: id, answered });
      socket.destroy();
    });
    socket.on('data', (chunk: Buffer) => {
      if (ending) return;
      for (const event of decoder.push(chunk)) {
        if (event.kind === 'garbage') {
          logger.debug('mllp bytes outside a frame dropped', {
            connection: id,
            bytes: event.bytes,
          });
        } else queue.push(event);
      }
      if (queue.length >= maxQueued) socket.pause();
      void drain();
    });
    socket.on('end', () => {
      peerEnded = true;
      void drain();
    });
    socket.on('error', (error: NodeJS.ErrnoException) => {
      logger.warn('mllp socket error', { connection: id, code: error.code ?? 'unknown' });
    });
    socket.on('close', () => {
      gone = true;
      queue.length = 0;
      logger.debug('mllp connection closed', { connection: id, answered });
      resolveClosed();
    });

    return {
      closed,
      shutdown() {
        ending = true;
        queue.length = 0;
        setTimeout(() => socket.destroy(), closeGraceMs).unref();
        if (!working) socket.end();
      },
    };
  }

  // Half-open: a client that sends its last message and ends its side still gets every ACK.
  const server = createServer({ allowHalfOpen: true }, (socket) => {
    if (closing) {
      socket.destroy();
      return;
    }
    const connection = serve(socket);
    connections.add(connection);
    void connection.closed.then(() => connections.delete(connection));
  });

  return new Promise<MllpListener>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      server.on('error', (error: NodeJS.ErrnoException) => {
        logger.error('mllp listener error', { code: error.code ?? 'unknown' });
      });
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : options.port;
      logger.info('mllp listener started', { host: options.host, port });
      resolve({
        port,
        close() {
          closing = true;
          stopping ??= (async () => {
            const stopped = new Promise<void>((done) => server.close(() => done()));
            const open = [...connections];
            for (const connection of open) connection.shutdown();
            await Promise.all([stopped, ...open.map((c) => c.closed)]);
            logger.info('mllp listener stopped', { port });
          })();
          return stopping;
        },
      });
    });
  });
}
