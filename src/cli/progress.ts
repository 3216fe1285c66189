export interface Progress {
  update(done: number, label?: string): void;
  finish(summary: string): void;
}

/**
 * A progress line on stderr: redrawn in place on a terminal, a line every `everyMs` otherwise
 * (so CI logs stay readable).
 */
export function createProgress(
  title: string,
  stream: NodeJS.WriteStream = process.stderr,
  everyMs = 2000,
): Progress {
  const started = Date.now();
  let last = 0;
  const line = (done: number, label: string) => {
    const seconds = (Date.now() - started) / 1000;
    const rate = seconds > 0 ? Math.round(done / seconds) : 0;
    return `${title}: ${done.toLocaleString('en-US')} ${label} (${rate.toLocaleString('en-US')}/s)`;
  };
  return {
    update(done, label = 'records') {
      const now = Date.now();
      if (stream.isTTY) {
        if (now - last < 100) return;
        stream.write(`\r${line(done, label)}`);
      } else {
        if (now - last < everyMs) return;
        stream.write(`${line(done, label)}\n`);
      }
      last = now;
    },
    finish(summary) {
      stream.write(
        `${stream.isTTY ? '\r\x1b[K' : ''}${title}: ${summary} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
      );
    },
  };
}
