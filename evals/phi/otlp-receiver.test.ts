import { gzipSync } from 'node:zlib';
import { LangfuseSpanProcessor } from '@langfuse/otel';
import {
  propagateAttributes,
  setLangfuseTracerProvider,
  startActiveObservation,
  startObservation,
} from '@langfuse/tracing';
import { context } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OTLP_TRACES_PATH, type OtlpReceiver, startOtlpReceiver } from './otlp-receiver.js';

// Without a context manager, startActiveObservation and propagateAttributes cannot see the active span.

let receiver: OtlpReceiver;

beforeEach(async () => {
  receiver = await startOtlpReceiver();
});

afterEach(async () => {
  await receiver.close();
});

const post = (body: string | Buffer, headers: Record<string, string>) =>
  fetch(`${receiver.baseUrl}${OTLP_TRACES_PATH}`, { method: 'POST', headers, body });

describe('startOtlpReceiver with the real LangfuseSpanProcessor', () => {
  let processor: LangfuseSpanProcessor;
  let provider: BasicTracerProvider;

  beforeEach(() => {
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    processor = new LangfuseSpanProcessor({
      publicKey: 'pk',
      secretKey: 'sk',
      baseUrl: receiver.baseUrl,
      exportMode: 'immediate',
    });
    provider = new BasicTracerProvider({ spanProcessors: [processor] });
    setLangfuseTracerProvider(provider);
  });

  afterEach(async () => {
    setLangfuseTracerProvider(null);
    await provider.shutdown();
    context.disable();
  });

  it('receives nested observations with input, output and session in one trace', async () => {
    await propagateAttributes({ sessionId: 'sess-1', userId: 'user-1' }, () =>
      startActiveObservation(
        'orchestrator',
        async (root) => {
          root.update({ input: { caseId: 'case-1' } });
          const generation = startObservation(
            'classify',
            { input: [{ role: 'user', content: 'Jane Roe, macular hole' }], model: 'test-model' },
            { asType: 'generation' },
          );
          generation.update({
            output: { specialty: 'retina' },
            usageDetails: { input: 10, output: 3 },
          });
          generation.end();
          root.update({ output: 'routed' });
        },
        { asType: 'agent' },
      ),
    );
    await processor.forceFlush();

    const spans = await receiver.waitForSpans(2);
    const root = spans.find((span) => span.name === 'orchestrator');
    const generation = spans.find((span) => span.name === 'classify');

    expect(root?.parentSpanId).toBeUndefined();
    expect(generation?.parentSpanId).toBe(root?.spanId);
    expect(generation?.traceId).toBe(root?.traceId);
    expect(root?.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(root?.scope).toBe('langfuse-sdk');
    expect(root?.attributes).toMatchObject({
      'langfuse.observation.type': 'agent',
      'langfuse.observation.input': '{"caseId":"case-1"}',
      'langfuse.observation.output': 'routed',
      'session.id': 'sess-1',
      'user.id': 'user-1',
    });
    expect(generation?.attributes).toMatchObject({
      'langfuse.observation.type': 'generation',
      'langfuse.observation.model.name': 'test-model',
      'langfuse.observation.output': '{"specialty":"retina"}',
      'langfuse.observation.usage_details': '{"input":10,"output":3}',
      'session.id': 'sess-1',
    });
    expect(generation?.attributes['langfuse.observation.input']).toContain('Jane Roe');
    expect(receiver.rawBodies.join('\n')).toContain('Jane Roe');
    expect(receiver.headers[0]).toMatchObject({
      authorization: `Basic ${Buffer.from('pk:sk').toString('base64')}`,
      'content-type': 'application/json',
      'x-langfuse-public-key': 'pk',
      'x-langfuse-sdk-name': 'javascript',
    });
  });
});

describe('startOtlpReceiver on its own', () => {
  const traces = {
    resourceSpans: [
      {
        scopeSpans: [
          {
            scope: { name: 'manual' },
            spans: [
              {
                traceId: 'AAECAwQFBgcICQoLDA0ODw==',
                spanId: 'a1b2c3d4e5f60718',
                parentSpanId: '',
                name: 'lookup',
                attributes: [
                  { key: 'count', value: { intValue: '42' } },
                  { key: 'ratio', value: { doubleValue: 0.5 } },
                  { key: 'ok', value: { boolValue: true } },
                  {
                    key: 'tags',
                    value: { arrayValue: { values: [{ stringValue: 'a' }, { intValue: 1 }] } },
                  },
                ],
                status: { code: 2, message: 'boom' },
              },
            ],
          },
        ],
      },
    ],
  };

  it('flattens OTLP JSON: string intValue, arrays, base64 ids, status; gzip accepted', async () => {
    const response = await post(gzipSync(JSON.stringify(traces)), {
      'content-type': 'application/json',
      'content-encoding': 'gzip',
    });

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({});
    expect(receiver.spans).toEqual([
      {
        traceId: '000102030405060708090a0b0c0d0e0f',
        spanId: 'a1b2c3d4e5f60718',
        parentSpanId: undefined,
        name: 'lookup',
        scope: 'manual',
        attributes: { count: 42, ratio: 0.5, ok: true, tags: ['a', '1'] },
        status: { code: 2, message: 'boom' },
      },
    ]);
  });

  it('stores protobuf bodies raw without parsing them', async () => {
    const response = await post(Buffer.from([0x0a, 0x03, 0x4a, 0x61, 0x6e]), {
      'content-type': 'application/x-protobuf',
    });

    expect(response.status).toBe(200);
    expect(receiver.spans).toEqual([]);
    expect(receiver.rawBodies[0]).toContain('Jan');
  });

  it('answers 400 to a JSON body it cannot read and 404 elsewhere', async () => {
    expect((await post('{"resourceSpans": [', { 'content-type': 'application/json' })).status).toBe(
      400,
    );
    expect(
      (await fetch(`${receiver.baseUrl}/api/public/ingestion`, { method: 'POST' })).status,
    ).toBe(404);
  });

  it('waitForSpans resolves on a predicate and rejects on timeout', async () => {
    const waiting = receiver.waitForSpans((spans) => spans.some((span) => span.name === 'lookup'));
    await post(JSON.stringify(traces), { 'content-type': 'application/json' });

    expect((await waiting).map((span) => span.name)).toEqual(['lookup']);
    await expect(receiver.waitForSpans(2, 100)).rejects.toThrow(/timed out/);
  });
});
