/**
 * Resident-memory sampling: the peak of `process.memoryUsage().rss`, read every 100 ms by a timer
 * in a worker thread. RSS is process-wide, and the worker's timer keeps firing while the main
 * thread is busy in synchronous SQLite or scan work (a main-thread timer would not).
 */
import { Worker } from 'node:worker_threads';

const KiB = 1024;
const MiB = 1024 * KiB;

const SAMPLER = `
const { workerData } = require('node:worker_threads');
const slots = new Int32Array(workerData.buffer);
setInterval(() => {
  const kib = Math.round(process.memoryUsage().rss / 1024);
  if (kib > Atomics.load(slots, 0)) Atomics.store(slots, 0, kib);
  Atomics.add(slots, 1, 1);
}, workerData.everyMs);
`;

export interface RssSampler {
  /** Peak RSS in MiB since start (or the last reset), including a reading taken now. */
  peakMiB(): number;
  /** Samples taken so far. */
  samples(): number;
  reset(): void;
  stop(): Promise<void>;
}

export const rssMiB = (): number => process.memoryUsage().rss / MiB;

export function sampleRss(everyMs = 100): RssSampler {
  const buffer = new SharedArrayBuffer(8);
  const slots = new Int32Array(buffer);
  const readNow = () => {
    const kib = Math.round(process.memoryUsage().rss / KiB);
    if (kib > Atomics.load(slots, 0)) Atomics.store(slots, 0, kib);
  };
  readNow();
  const worker = new Worker(SAMPLER, { eval: true, workerData: { buffer, everyMs } });
  worker.unref();
  return {
    peakMiB: () => {
      readNow();
      return Atomics.load(slots, 0) / KiB;
    },
    samples: () => Atomics.load(slots, 1),
    reset: () => {
      Atomics.store(slots, 0, 0);
      readNow();
    },
    stop: async () => void (await worker.terminate()),
  };
}

/** Runs a full GC when the process was started with --expose-gc (the per-size child is). */
export function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}
