export type { LangfuseTracerOptions } from './langfuse-tracer.js';
export { createLangfuseTracer } from './langfuse-tracer.js';
export { createNoopTracer } from './noop-tracer.js';
export type { Mask } from './redact-span.js';
export { INTERRUPTED, REDACTED, RedactingSpanProcessor, redactSpan } from './redact-span.js';
