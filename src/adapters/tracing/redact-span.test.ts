import { type Attributes, SpanStatusCode } from '@opentelemetry/api';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { describe, expect, it } from 'vitest';
import { INTERRUPTED, REDACTED, RedactingSpanProcessor } from './redact-span.js';

const PHONE = '(401) 555-0199';
const mask = (text: string) => text.replaceAll(PHONE, '[PHONE]');

/** Ends one real span with `attributes` behind a RedactingSpanProcessor; returns what it let out. */
function exported(
  attributes: Attributes,
  shape: {
    name?: string;
    status?: { code: SpanStatusCode; message?: string };
    exception?: string;
    mask?: (text: string) => string;
  } = {},
): ReadableSpan {
  const exporter = new InMemorySpanExporter();
  const processor = new RedactingSpanProcessor(
    new SimpleSpanProcessor(exporter),
    shape.mask ?? mask,
  );
  const provider = new BasicTracerProvider({ spanProcessors: [processor] });
  const span = provider.getTracer('langfuse-sdk').startSpan(shape.name ?? 'node', { attributes });
  if (shape.exception !== undefined) span.recordException(new Error(shape.exception));
  if (shape.status) span.setStatus(shape.status);
  span.end();
  const [out] = exporter.getFinishedSpans();
  if (out === undefined) throw new Error('no span exported');
  return out;
}

describe('RedactingSpanProcessor', () => {
  it('replaces graph state on chain spans with a marker', () => {
    const out = exported({
      'langfuse.observation.type': 'span',
      'langfuse.observation.input': JSON.stringify({ patient: { name: 'Zyqwertanski' } }),
      'langfuse.observation.output': JSON.stringify({ summary: 'for Zyqwertanski' }),
    });
    expect(out.attributes['langfuse.observation.input']).toBe(REDACTED.state);
    expect(out.attributes['langfuse.observation.output']).toBe(REDACTED.state);
  });

  it('replaces tool input and output with a tool marker', () => {
    const out = exported({
      'langfuse.observation.type': 'tool',
      'langfuse.observation.input': '{"patientId":"p-1"}',
      'langfuse.observation.output': '{"name":"Zyqwertanski"}',
    });
    expect(out.attributes['langfuse.observation.input']).toBe(REDACTED.tool);
    expect(out.attributes['langfuse.observation.output']).toBe(REDACTED.tool);
  });

  it('keeps generation prompts and responses, masked, but never trace input or output', () => {
    const out = exported({
      'langfuse.observation.type': 'generation',
      'langfuse.observation.input': `[{"role":"user","content":"call ${PHONE} re MARKER-1"}]`,
      'langfuse.observation.output': '{"role":"assistant","content":"MARKER-2"}',
      'langfuse.trace.input': '{"name":"Zyqwertanski"}',
    });
    expect(out.attributes['langfuse.observation.input']).toBe(
      '[{"role":"user","content":"call [PHONE] re MARKER-1"}]',
    );
    expect(out.attributes['langfuse.observation.output']).toBe(
      '{"role":"assistant","content":"MARKER-2"}',
    );
    expect(out.attributes['langfuse.trace.input']).toBe(REDACTED.state);
  });

  it('masks every string and string array the SDK mask misses, and the span name', () => {
    const out = exported(
      {
        'langfuse.observation.type': 'span',
        'langfuse.observation.metadata.thread_id': `thread ${PHONE}`,
        'langfuse.trace.metadata.referral_id': `ref ${PHONE}`,
        'langfuse.observation.model.parameters': `{"user":"${PHONE}"}`,
        'langfuse.trace.tags': ['triage', PHONE],
        'gen_ai.prompt': PHONE,
        'user.id': PHONE,
        'langfuse.observation.usage_details': '{"input":10}',
      },
      { name: `node ${PHONE}` },
    );
    expect(out.name).toBe('node [PHONE]');
    expect(out.attributes).toMatchObject({
      'langfuse.observation.metadata.thread_id': 'thread [PHONE]',
      'langfuse.trace.metadata.referral_id': 'ref [PHONE]',
      'langfuse.observation.model.parameters': '{"user":"[PHONE]"}',
      'langfuse.trace.tags': ['triage', '[PHONE]'],
      'gen_ai.prompt': '[PHONE]',
      'user.id': '[PHONE]',
      'langfuse.observation.usage_details': '{"input":10}',
    });
  });

  it('drops metadata values outside the allow-list, keeping LangGraph bookkeeping', () => {
    const out = exported({
      'langfuse.observation.metadata.patient_name': 'Zyqwertanski',
      'langfuse.trace.metadata.address': '12 Elm St',
      'langfuse.observation.metadata': '{"name":"Zyqwertanski"}',
      'langfuse.observation.metadata.langgraph_node': 'review',
      'langfuse.observation.metadata.ls_model_name': 'gpt-4o-mini',
    });
    expect(out.attributes).toMatchObject({
      'langfuse.observation.metadata.patient_name': REDACTED.metadata,
      'langfuse.trace.metadata.address': REDACTED.metadata,
      'langfuse.observation.metadata': REDACTED.metadata,
      'langfuse.observation.metadata.langgraph_node': 'review',
      'langfuse.observation.metadata.ls_model_name': 'gpt-4o-mini',
    });
  });

  it('exports LangGraph checkpoint ids as they are, and masks the other allowed values', () => {
    const uuid = '1f0c2d4e-5a6b-6c7d-8e9f-0a1b2c3d4e5f';
    const maskIds = (text: string) => mask(text).replaceAll(uuid, '[ID_1]');
    const out = exported(
      {
        'langfuse.observation.metadata.checkpoint_ns': `enrich:${uuid}`,
        'langfuse.observation.metadata.checkpoint_id': uuid,
        'langfuse.observation.metadata.langgraph_checkpoint_ns': `enrich:${uuid}`,
        'langfuse.observation.metadata.referral_id': `ref for ${PHONE}`,
        'langfuse.observation.metadata.ls_run_id': uuid,
      },
      { mask: maskIds },
    );
    expect(out.attributes).toMatchObject({
      'langfuse.observation.metadata.checkpoint_ns': `enrich:${uuid}`,
      'langfuse.observation.metadata.checkpoint_id': uuid,
      'langfuse.observation.metadata.langgraph_checkpoint_ns': `enrich:${uuid}`,
      'langfuse.observation.metadata.referral_id': 'ref for [PHONE]',
      'langfuse.observation.metadata.ls_run_id': '[ID_1]',
    });
  });

  it('exports a GraphInterrupt as an interrupt, not an error, without its payload', () => {
    const payload = 'GraphInterrupt: [{"id":"i-1","value":{"patient":"Zyqwertanski"}}]';
    const out = exported(
      {
        'langfuse.observation.type': 'span',
        'langfuse.observation.level': 'ERROR',
        'langfuse.observation.status_message': payload,
      },
      {
        status: { code: SpanStatusCode.ERROR, message: payload },
        exception: 'Zyqwertanski',
      },
    );
    expect(out.attributes['langfuse.observation.level']).toBe('DEFAULT');
    expect(out.attributes['langfuse.observation.status_message']).toBe(INTERRUPTED);
    expect(out.attributes['langfuse.observation.metadata.interrupted']).toBe('true');
    expect(out.status).toEqual({ code: SpanStatusCode.UNSET });
    expect(out.events.map((e) => e.name)).not.toContain('exception');
    expect(JSON.stringify(out.attributes)).not.toContain('Zyqwertanski');
  });

  it('keeps a real error an error, with its messages masked', () => {
    const out = exported(
      {
        'langfuse.observation.level': 'ERROR',
        'langfuse.observation.status_message': `Error: upstream refused ${PHONE}`,
      },
      { status: { code: SpanStatusCode.ERROR, message: `refused ${PHONE}` }, exception: PHONE },
    );
    expect(out.attributes['langfuse.observation.level']).toBe('ERROR');
    expect(out.attributes['langfuse.observation.status_message']).toBe(
      'Error: upstream refused [PHONE]',
    );
    expect(out.status).toEqual({ code: SpanStatusCode.ERROR, message: 'refused [PHONE]' });
    const exception = out.events.find((e) => e.name === 'exception');
    expect(exception?.attributes?.['exception.message']).toBe('[PHONE]');
  });

  it('fails closed when the mask throws', () => {
    const out = exported(
      { 'langfuse.observation.metadata.thread_id': PHONE, 'session.id': 'thread-1' },
      {
        mask: () => {
          throw new Error('detector down');
        },
      },
    );
    expect(out.attributes['langfuse.observation.metadata.thread_id']).toBe(REDACTED.maskFailed);
    expect(out.attributes['session.id']).toBe(REDACTED.maskFailed);
    expect(out.name).toBe(REDACTED.maskFailed);
  });
});
