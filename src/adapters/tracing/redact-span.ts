import {
  type Attributes,
  type AttributeValue,
  type Context,
  SpanStatusCode,
} from '@opentelemetry/api';
import type { ReadableSpan, Span, SpanProcessor, TimedEvent } from '@opentelemetry/sdk-trace-base';

/** Masks PHI patterns in one string; must return non-PHI text unchanged. */
export type Mask = (text: string) => string;

export const REDACTED = {
  state: '[redacted: graph state]',
  tool: '[redacted: tool data]',
  metadata: '[redacted: metadata]',
  maskFailed: '[redacted: mask failed]',
} as const;

/** What an interrupted node's status message becomes (the raw one carries the interrupt payload). */
export const INTERRUPTED = 'interrupted: awaiting resume';
const HANDED_TO_PARENT = 'control flow: command to parent graph';

const TYPE = 'langfuse.observation.type';
const LEVEL = 'langfuse.observation.level';
const STATUS_MESSAGE = 'langfuse.observation.status_message';
const OBSERVATION_METADATA = 'langfuse.observation.metadata';
const TRACE_METADATA = 'langfuse.trace.metadata';
const OBSERVATION_IO = new Set(['langfuse.observation.input', 'langfuse.observation.output']);
const TRACE_IO = new Set(['langfuse.trace.input', 'langfuse.trace.output']);

/** Metadata keys whose values are identifiers or LangGraph bookkeeping, never patient data. */
const METADATA_KEYS = new Set([
  'thread_id',
  'referral_id',
  'practice_id',
  'run',
  'tool',
  'outcome',
  'error_code',
  'interrupted',
  'tags',
  'checkpoint_ns',
  'checkpoint_id',
  'versions',
]);
const METADATA_PREFIXES = ['langgraph_', 'ls_', '__pregel_'];
/**
 * LangGraph's own bookkeeping (node names, steps, checkpoint namespaces and ids), exported as is:
 * masking would turn its UUIDs into placeholders, and a trace could no longer be tied to its
 * checkpoints. The other allowed values are still masked.
 */
const VERBATIM_KEYS = new Set(['checkpoint_ns', 'checkpoint_id']);
const isVerbatim = (name: string) => VERBATIM_KEYS.has(name) || name.startsWith('langgraph_');

const INTERRUPT = /^(GraphInterrupt|NodeInterrupt)\b/;
const TO_PARENT = /^(ParentCommand|GraphBubbleUp)\b/;

/** The non-PHI marker for a LangGraph control-flow "error" (an interrupt), or null for a real one. */
export function controlFlowMarker(message: string | undefined): string | null {
  if (message === undefined) return null;
  if (INTERRUPT.test(message)) return INTERRUPTED;
  if (TO_PARENT.test(message)) return HANDED_TO_PARENT;
  return null;
}

/** The key's name inside observation or trace metadata; '' for a whole-object blob; null if not metadata. */
function metadataName(key: string): string | null {
  for (const prefix of [OBSERVATION_METADATA, TRACE_METADATA]) {
    if (key === prefix) return '';
    if (key.startsWith(`${prefix}.`)) return key.slice(prefix.length + 1);
  }
  return null;
}

function isAllowedMetadata(name: string): boolean {
  return METADATA_KEYS.has(name) || METADATA_PREFIXES.some((p) => name.startsWith(p));
}

function maskValue(value: AttributeValue, mask: Mask): AttributeValue {
  if (typeof value === 'string') return mask(value);
  if (Array.isArray(value)) {
    return value.map((item) => (typeof item === 'string' ? mask(item) : item)) as AttributeValue;
  }
  return value;
}

function maskAttributes(attributes: Attributes, mask: Mask): Attributes {
  const out: Attributes = {};
  for (const [key, value] of Object.entries(attributes)) {
    if (value !== undefined) out[key] = maskValue(value, mask);
  }
  return out;
}

function redactAttributes(span: ReadableSpan, mask: Mask, marker: string | null): Attributes {
  const type = span.attributes[TYPE];
  const ioMarker = type === 'tool' ? REDACTED.tool : REDACTED.state;
  const out: Attributes = {};
  for (const [key, value] of Object.entries(span.attributes)) {
    if (value === undefined) continue;
    if (TRACE_IO.has(key) || (OBSERVATION_IO.has(key) && type !== 'generation')) {
      out[key] = ioMarker;
      continue;
    }
    const name = metadataName(key);
    if (name === null) out[key] = maskValue(value, mask);
    else if (!isAllowedMetadata(name)) out[key] = REDACTED.metadata;
    else out[key] = isVerbatim(name) ? value : maskValue(value, mask);
  }
  if (marker !== null) {
    out[LEVEL] = 'DEFAULT';
    out[STATUS_MESSAGE] = marker;
    out[`${OBSERVATION_METADATA}.interrupted`] = 'true';
  }
  return out;
}

function redactEvents(events: TimedEvent[], mask: Mask, marker: string | null): TimedEvent[] {
  return events
    .filter((event) => marker === null || event.name !== 'exception')
    .map((event) => ({
      ...event,
      name: mask(event.name),
      ...(event.attributes ? { attributes: maskAttributes(event.attributes, mask) } : {}),
    }));
}

/**
 * A copy of `span` fit to leave the process: graph state and tool data replaced by markers,
 * metadata outside the allow-list dropped, every other string masked, interrupts not errors.
 */
export function redactSpan(span: ReadableSpan, unsafeMask: Mask): ReadableSpan {
  const mask: Mask = (text) => {
    try {
      return unsafeMask(text);
    } catch {
      return REDACTED.maskFailed;
    }
  };
  const rawMessage = span.attributes[STATUS_MESSAGE];
  const marker =
    controlFlowMarker(typeof rawMessage === 'string' ? rawMessage : undefined) ??
    controlFlowMarker(span.status.message);
  const status =
    marker !== null
      ? { code: SpanStatusCode.UNSET }
      : span.status.message === undefined
        ? { code: span.status.code }
        : { code: span.status.code, message: mask(span.status.message) };
  return {
    name: mask(span.name),
    kind: span.kind,
    spanContext: () => span.spanContext(),
    ...(span.parentSpanContext ? { parentSpanContext: span.parentSpanContext } : {}),
    startTime: span.startTime,
    endTime: span.endTime,
    status,
    attributes: redactAttributes(span, mask, marker),
    links: span.links.map((link) => ({
      ...link,
      ...(link.attributes ? { attributes: maskAttributes(link.attributes, mask) } : {}),
    })),
    events: redactEvents(span.events, mask, marker),
    duration: span.duration,
    ended: span.ended,
    resource: span.resource,
    instrumentationScope: span.instrumentationScope,
    droppedAttributesCount: span.droppedAttributesCount,
    droppedEventsCount: span.droppedEventsCount,
    droppedLinksCount: span.droppedLinksCount,
  };
}

/** Hands `inner` (the Langfuse exporter) a redacted copy of every ended span. */
export class RedactingSpanProcessor implements SpanProcessor {
  private readonly inner: SpanProcessor;
  private readonly mask: Mask;

  constructor(inner: SpanProcessor, mask: Mask) {
    this.inner = inner;
    this.mask = mask;
  }

  onStart(span: Span, parentContext: Context): void {
    this.inner.onStart(span, parentContext);
  }

  onEnd(span: ReadableSpan): void {
    let redacted: ReadableSpan;
    try {
      redacted = redactSpan(span, this.mask);
    } catch {
      return;
    }
    this.inner.onEnd(redacted);
  }

  forceFlush(): Promise<void> {
    return this.inner.forceFlush();
  }

  shutdown(): Promise<void> {
    return this.inner.shutdown();
  }
}
