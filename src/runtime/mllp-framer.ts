/** MLLP start block (VT). */
export const MLLP_START = 0x0b;
/** MLLP end block (FS), normally followed by CR. */
export const MLLP_END = 0x1c;
const CR = 0x0d;

export type MllpFrameEvent =
  | { kind: 'frame'; text: string }
  /** A frame that grew past `maxFrameBytes`; its content was dropped. */
  | { kind: 'oversize' }
  /** Bytes outside any frame (or of a frame restarted by a new VT), dropped. */
  | { kind: 'garbage'; bytes: number };

export interface MllpDecoder {
  push(chunk: Buffer): MllpFrameEvent[];
}

/**
 * An incremental MLLP decoder: VT, payload, FS CR. Frames may be split across chunks or share
 * one; a VT inside a frame restarts it; FS without CR still ends the frame (a CR right after it is
 * swallowed). Payloads are UTF-8 decoded.
 */
export function createMllpDecoder(options: { maxFrameBytes: number }): MllpDecoder {
  const { maxFrameBytes } = options;
  let inFrame = false;
  let oversize = false;
  let parts: Buffer[] = [];
  let size = 0;
  let garbage = 0;
  let swallowCr = false;

  const startFrame = () => {
    inFrame = true;
    oversize = false;
    parts = [];
    size = 0;
  };

  return {
    push(chunk) {
      const events: MllpFrameEvent[] = [];
      const flushGarbage = () => {
        if (garbage > 0) events.push({ kind: 'garbage', bytes: garbage });
        garbage = 0;
      };
      let i = 0;
      if (swallowCr && chunk.length > 0) {
        if (chunk[0] === CR) i = 1;
        swallowCr = false;
      }
      while (i < chunk.length) {
        if (!inFrame) {
          const start = chunk.indexOf(MLLP_START, i);
          const end = start < 0 ? chunk.length : start;
          garbage += end - i;
          if (start < 0) break;
          flushGarbage();
          startFrame();
          i = start + 1;
          continue;
        }
        const stop = nextDelimiter(chunk, i);
        if (!oversize) {
          size += stop - i;
          if (size > maxFrameBytes) {
            oversize = true;
            parts = [];
          } else if (stop > i) parts.push(chunk.subarray(i, stop));
        }
        if (stop >= chunk.length) break;
        if (chunk[stop] === MLLP_START) {
          if (oversize) events.push({ kind: 'oversize' });
          else garbage += size + 1;
          flushGarbage();
          startFrame();
          i = stop + 1;
          continue;
        }
        events.push(
          oversize
            ? { kind: 'oversize' }
            : { kind: 'frame', text: Buffer.concat(parts).toString('utf8') },
        );
        inFrame = false;
        parts = [];
        size = 0;
        i = stop + 1;
        if (i >= chunk.length) swallowCr = true;
        else if (chunk[i] === CR) i++;
      }
      flushGarbage();
      return events;
    },
  };
}

function nextDelimiter(chunk: Buffer, from: number): number {
  const start = chunk.indexOf(MLLP_START, from);
  const end = chunk.indexOf(MLLP_END, from);
  if (start < 0) return end < 0 ? chunk.length : end;
  return end < 0 ? start : Math.min(start, end);
}

/** One message framed for MLLP: VT, UTF-8 payload, FS CR. */
export function frameMllp(text: string): Buffer {
  return Buffer.concat([
    Buffer.from([MLLP_START]),
    Buffer.from(text, 'utf8'),
    Buffer.from([MLLP_END, CR]),
  ]);
}
