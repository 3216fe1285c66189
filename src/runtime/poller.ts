/** A loop that runs `tick` every `intervalMs`, or at once when nudged; `stop` waits for the tick in flight. */
export function createPoller(
  tick: () => Promise<void>,
  intervalMs: number,
  onError: (e: unknown) => void,
) {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let again = false;
  let stopped = true;

  const schedule = (ms: number) => {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(run, ms);
  };
  function run(): void {
    if (running) {
      again = true;
      return;
    }
    running = tick()
      .catch(onError)
      .finally(() => {
        running = undefined;
        schedule(again ? 0 : intervalMs);
        again = false;
      });
  }
  return {
    start() {
      stopped = false;
      schedule(0);
    },
    nudge() {
      schedule(0);
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
