import type { FallbackReason } from '../../src/domain/index.js';

const status = (error: unknown): number | undefined => {
  const s = (error as { status?: unknown; response?: { status?: unknown } } | null)?.status;
  return typeof s === 'number' ? s : undefined;
};

/** Maps whatever an LLM call threw to why the deterministic policy runs instead. */
export function fallbackReasonOf(error: unknown): FallbackReason {
  const name = (error as { name?: unknown } | null)?.name;
  const message = error instanceof Error ? error.message : String(error);
  if (name === 'AbortError' || name === 'TimeoutError' || /timed? ?out|abort/i.test(message)) {
    return 'timeout';
  }
  const code = status(error);
  if (code === 429) return 'rate_limited';
  if (code !== undefined && code >= 500) return 'unavailable';
  const isZod = Array.isArray((error as { issues?: unknown } | null)?.issues);
  if (
    isZod ||
    name === 'ZodError' ||
    name === 'OutputParserException' ||
    name === 'SyntaxError' ||
    /parse|json|schema/i.test(message)
  ) {
    return 'invalid_output';
  }
  return 'unavailable';
}
