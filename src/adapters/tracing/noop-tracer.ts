import type { Tracer } from '../../domain/index.js';

/** Tracing off: runs everything untouched, with no callbacks, and exports nothing. */
export function createNoopTracer(): Tracer {
  return {
    run: (_ctx, fn) => fn([]),
    tool: (_name, fn) => fn(),
    flush: async () => {},
    shutdown: async () => {},
  };
}
