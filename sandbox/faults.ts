import type { MiddlewareHandler } from 'hono';
import { errorJson, HttpError } from './http.js';

export type FaultTarget = 'ehr' | 'payer';
export type FaultMode = 'ok' | 'down' | 'slow';

export interface Fault {
  mode: FaultMode;
  delay_ms: number;
  /** Affected requests left before the fault clears itself; null = until reset. */
  fail_count: number | null;
}

interface Sleeper {
  timer: NodeJS.Timeout;
  wake: () => void;
}

const DEFAULT_SLOW_MS = 1000;
const ok = (): Fault => ({ mode: 'ok', delay_ms: 0, fail_count: null });

/** Injected upstream faults, per target, plus the delay timers they hold (cancelled on dispose). */
export class FaultState {
  private faults: Record<FaultTarget, Fault> = { ehr: ok(), payer: ok() };
  private readonly sleepers = new Set<Sleeper>();

  set(target: FaultTarget, mode: FaultMode, delayMs?: number, failCount?: number): void {
    this.faults[target] = {
      mode,
      delay_ms: mode === 'slow' ? (delayMs ?? DEFAULT_SLOW_MS) : 0,
      fail_count: mode === 'ok' ? null : (failCount ?? null),
    };
  }

  reset(): void {
    this.faults = { ehr: ok(), payer: ok() };
  }

  snapshot(): Record<FaultTarget, Fault> {
    return { ehr: { ...this.faults.ehr }, payer: { ...this.faults.payer } };
  }

  /** Consumes one affected request and tells what to do with it. */
  take(target: FaultTarget): Fault {
    const fault = { ...this.faults[target] };
    const current = this.faults[target];
    if (current.fail_count !== null) {
      current.fail_count -= 1;
      if (current.fail_count <= 0) this.faults[target] = ok();
    }
    return fault;
  }

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const sleeper: Sleeper = {
        wake: () => {
          clearTimeout(sleeper.timer);
          this.sleepers.delete(sleeper);
          resolve();
        },
        timer: setTimeout(() => sleeper.wake(), ms),
      };
      this.sleepers.add(sleeper);
    });
  }

  /** Ends every pending delay at once, so a closing server is not held open. */
  dispose(): void {
    for (const sleeper of [...this.sleepers]) sleeper.wake();
  }
}

/** Applies the target's fault to matching requests; `exempt` requests pass untouched. */
export function faultMiddleware(
  state: FaultState,
  target: FaultTarget,
  exempt: (method: string, path: string) => boolean = () => false,
): MiddlewareHandler {
  return async (c, next) => {
    if (exempt(c.req.method, c.req.path)) return next();
    const fault = state.take(target);
    if (fault.mode === 'down') {
      return errorJson(
        c,
        new HttpError(503, 'UPSTREAM_UNAVAILABLE', `The ${target} is unavailable (injected fault)`),
      );
    }
    if (fault.mode === 'slow') await state.sleep(fault.delay_ms);
    return next();
  };
}
