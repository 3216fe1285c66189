import type { Callbacks } from '@langchain/core/callbacks/manager';
import { AIMessage, HumanMessage, SystemMessage } from '@langchain/core/messages';
import { fakeModel } from '@langchain/core/testing';
import {
  Annotation,
  Command,
  END,
  INTERRUPT,
  interrupt,
  isInterrupted,
  MemorySaver,
  START,
  StateGraph,
} from '@langchain/langgraph';
import { createTraceId } from '@langfuse/tracing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type OtlpReceiver,
  type ReceivedSpan,
  startOtlpReceiver,
} from '../../../evals/phi/index.js';
import { AppError, type Logger, type Scalar, type Tracer } from '../../domain/index.js';
import { createLangfuseTracer, createNoopTracer, INTERRUPTED, REDACTED } from './index.js';

const PATIENT = {
  name: 'Zyqwertanski',
  phone: '(401) 555-0199',
  email: 'zyq.canary@example.org',
  birthDate: '1961-03-04',
  address: '77 Quillfeather Lane',
};
const METADATA_CANARIES = { patient_name: 'Qorvantello', contact: 'qorv.meta@example.net' };
const CANARIES = [...Object.values(PATIENT), ...Object.values(METADATA_CANARIES)];
const PROMPT_MARKER = 'PROMPT-MARKER-4471';
const RESPONSE_MARKER = 'RESPONSE-MARKER-9902';

/** Stands in for the de-identifier: pattern classes only, so it cannot catch names or streets. */
const mask = (text: string) =>
  text
    .replace(/\(\d{3}\) \d{3}-\d{4}/g, '[PHONE]')
    .replace(/[\w.+-]+@[\w-]+(\.[\w-]+)+/g, '[EMAIL]')
    .replace(/\b\d{4}-\d{2}-\d{2}\b/g, '[DATE]');

const State = Annotation.Root({
  patient: Annotation<typeof PATIENT>(),
  summary: Annotation<string>(),
  decision: Annotation<string>(),
});

function buildGraph(tracer: Tracer) {
  const model = fakeModel().respond(new AIMessage(`${RESPONSE_MARKER}: refer to retina`));
  return new StateGraph(State)
    .addNode('summarize', async (state, config) => {
      const record = await tracer.tool('get_patient', async () => ({ ...state.patient }));
      const reply = await model.invoke(
        [new SystemMessage(`${PROMPT_MARKER} summarise`), new HumanMessage('[NAME_1], macula')],
        config,
      );
      return { summary: `${String(reply.content)} for ${record.name}` };
    })
    .addNode('review', (state) => {
      const decision = interrupt<object, string>({ patient: state.patient, ask: 'approve?' });
      return { decision };
    })
    .addEdge(START, 'summarize')
    .addEdge('summarize', 'review')
    .addEdge('review', END)
    .compile({ checkpointer: new MemorySaver() });
}

function referral(threadId: string, name: string) {
  return { threadId, referralId: `ref-${threadId}`, practiceId: 'practice-demo', name };
}

function invokeConfig(threadId: string, callbacks: unknown[]) {
  return {
    configurable: { thread_id: threadId },
    callbacks: callbacks as Callbacks,
    metadata: METADATA_CANARIES,
  };
}

async function startAndResume(tracer: Tracer, threadId: string) {
  const graph = buildGraph(tracer);
  const started = await tracer.run(referral(threadId, 'start'), (callbacks) =>
    graph.invoke({ patient: PATIENT }, invokeConfig(threadId, callbacks)),
  );
  const resumed = await tracer.run(referral(threadId, 'resume'), (callbacks) =>
    graph.invoke(new Command({ resume: 'approve' }), invokeConfig(threadId, callbacks)),
  );
  return { started, resumed };
}

const attr = (span: ReceivedSpan, key: string) => span.attributes[key];
const byName = (spans: ReceivedSpan[], name: string) => spans.filter((s) => s.name === name);

function recordingLogger() {
  const lines: { level: string; msg: string; fields: Record<string, Scalar> }[] = [];
  const at =
    (level: string) =>
    (msg: string, fields: Record<string, Scalar> = {}) => {
      lines.push({ level, msg, fields });
    };
  const logger: Logger = {
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
  };
  return { logger, lines };
}

let receiver: OtlpReceiver;
let tracer: Tracer;

beforeEach(async () => {
  receiver = await startOtlpReceiver();
  tracer = createLangfuseTracer(
    { publicKey: 'pk-test', secretKey: 'sk-test', baseUrl: receiver.baseUrl, environment: 'test' },
    mask,
  );
});

afterEach(async () => {
  await tracer.shutdown();
  await receiver.close();
});

describe('createLangfuseTracer', () => {
  it('puts the start and the resume of a thread in one trace, with session, nodes, LLM and tool', async () => {
    const threadId = 'thread-ref-001';
    const { started, resumed } = await startAndResume(tracer, threadId);
    expect(isInterrupted(started)).toBe(true);
    expect(resumed.decision).toBe('approve');
    await tracer.flush();
    const spans = await receiver.waitForSpans((s) => s.some((x) => x.name === 'referral:resume'));

    expect(new Set(spans.map((s) => s.traceId))).toEqual(new Set([await createTraceId(threadId)]));
    expect(new Set(spans.map((s) => attr(s, 'session.id')))).toEqual(new Set([threadId]));
    const roots = spans.filter((s) => s.parentSpanId === undefined);
    expect(roots.map((s) => s.name).sort()).toEqual(['referral:resume', 'referral:start']);
    for (const root of roots) {
      expect(attr(root, 'langfuse.observation.type')).toBe('agent');
      expect(attr(root, 'langfuse.observation.metadata.referral_id')).toBeUndefined();
      expect(attr(root, 'langfuse.observation.metadata.practice_id')).toBe('practice-demo');
    }
    expect(byName(spans, 'summarize')).toHaveLength(1);
    expect(byName(spans, 'review')).toHaveLength(2);

    const [generation] = spans.filter((s) => attr(s, 'langfuse.observation.type') === 'generation');
    expect(String(generation && attr(generation, 'langfuse.observation.input'))).toContain(
      PROMPT_MARKER,
    );
    expect(String(generation && attr(generation, 'langfuse.observation.output'))).toContain(
      RESPONSE_MARKER,
    );

    const [tool] = byName(spans, 'get_patient');
    expect(tool?.attributes).toMatchObject({
      'langfuse.observation.type': 'tool',
      'langfuse.observation.metadata.tool': 'get_patient',
      'langfuse.observation.metadata.outcome': 'ok',
    });
    expect(tool && attr(tool, 'langfuse.observation.input')).toBeUndefined();
    expect(tool && attr(tool, 'langfuse.observation.output')).toBeUndefined();
    expect(tool?.parentSpanId).toBe(roots.find((r) => r.name === 'referral:start')?.spanId);
  });

  it('lets no canary from graph state, interrupt payload or config metadata out', async () => {
    await startAndResume(tracer, 'thread-ref-002');
    await tracer.flush();
    const spans = await receiver.waitForSpans((s) => s.some((x) => x.name === 'referral:resume'));

    expect(receiver.rawBodies.length).toBeGreaterThan(0);
    for (const body of receiver.rawBodies) {
      for (const canary of CANARIES) expect(body).not.toContain(canary);
    }
    const [summarize] = byName(spans, 'summarize');
    expect(summarize?.attributes).toMatchObject({
      'langfuse.observation.input': REDACTED.state,
      'langfuse.observation.output': REDACTED.state,
      'langfuse.observation.metadata.patient_name': REDACTED.metadata,
      'langfuse.observation.metadata.langgraph_node': 'summarize',
    });
  });

  it('exports the interrupted node as an interrupt, not an error', async () => {
    const { started } = await startAndResume(tracer, 'thread-ref-003');
    expect(isInterrupted(started) && started[INTERRUPT].map((i) => i.id)).toHaveLength(1);
    await tracer.flush();
    const spans = await receiver.waitForSpans((s) => byName(s, 'review').length === 2);

    const interrupted = byName(spans, 'review').find(
      (s) => attr(s, 'langfuse.observation.status_message') !== undefined,
    );
    expect(interrupted?.attributes).toMatchObject({
      'langfuse.observation.level': 'DEFAULT',
      'langfuse.observation.status_message': INTERRUPTED,
      'langfuse.observation.metadata.interrupted': 'true',
    });
    expect(interrupted?.status.code).not.toBe(2);
    expect(spans.filter((s) => attr(s, 'langfuse.observation.level') === 'ERROR')).toEqual([]);
  });

  it('records a failing tool by its error code only, and still rethrows', async () => {
    const failure = new AppError('UPSTREAM_UNAVAILABLE', `EHR down for ${PATIENT.name}`);
    const outcome = tracer.run(referral('thread-ref-004', 'start'), () =>
      tracer.tool('get_insurance', () => Promise.reject(failure)),
    );
    await expect(outcome).rejects.toBe(failure);
    await tracer.flush();
    const spans = await receiver.waitForSpans((s) => s.some((x) => x.name === 'referral:start'));

    const [tool] = byName(spans, 'get_insurance');
    expect(tool?.attributes).toMatchObject({
      'langfuse.observation.type': 'tool',
      'langfuse.observation.level': 'ERROR',
      'langfuse.observation.status_message': 'UPSTREAM_UNAVAILABLE',
      'langfuse.observation.metadata.outcome': 'error',
      'langfuse.observation.metadata.error_code': 'UPSTREAM_UNAVAILABLE',
    });
    expect(receiver.rawBodies.join('')).not.toContain(PATIENT.name);
  });

  it('keeps concurrent threads in their own traces', async () => {
    await Promise.all([startAndResume(tracer, 'thread-a'), startAndResume(tracer, 'thread-b')]);
    await tracer.flush();
    const spans = await receiver.waitForSpans((s) => byName(s, 'referral:resume').length === 2);

    for (const threadId of ['thread-a', 'thread-b']) {
      const traceId = await createTraceId(threadId);
      const inTrace = spans.filter((s) => s.traceId === traceId);
      expect(new Set(inTrace.map((s) => attr(s, 'session.id')))).toEqual(new Set([threadId]));
      expect(inTrace.map((s) => s.name)).toEqual(
        expect.arrayContaining(['referral:start', 'referral:resume', 'summarize', 'get_patient']),
      );
    }
    expect(new Set(spans.map((s) => s.traceId)).size).toBe(2);
  });

  it('exports pending spans on shutdown', async () => {
    await tracer.run(referral('thread-ref-005', 'start'), () =>
      tracer.tool('get_patient', async () => 'ok'),
    );
    expect(receiver.spans).toHaveLength(0);
    await tracer.shutdown();

    expect(receiver.spans.map((s) => s.name).sort()).toEqual(['get_patient', 'referral:start']);
    const afterShutdown = await tracer.run(
      referral('thread-ref-005', 'resume'),
      async (cbs) => cbs,
    );
    expect(afterShutdown).toEqual([]);
  });

  it('never fails a run when the exporter cannot reach Langfuse', async () => {
    const { logger, lines } = recordingLogger();
    const unreachable = createLangfuseTracer(
      { publicKey: 'pk', secretKey: 'sk', baseUrl: 'http://127.0.0.1:9', environment: null },
      mask,
      { logger, timeoutSeconds: 1 },
    );
    const { started, resumed } = await startAndResume(unreachable, 'thread-ref-006');
    expect(isInterrupted(started)).toBe(true);
    expect(resumed.decision).toBe('approve');

    await expect(unreachable.flush()).resolves.toBeUndefined();
    await expect(unreachable.shutdown()).resolves.toBeUndefined();
    expect(lines.filter((l) => l.level === 'warn').map((l) => l.msg)).toContain(
      'tracing export failed',
    );
  });
});

describe('createNoopTracer', () => {
  it('runs the graph without callbacks and exports nothing', async () => {
    const noop = createNoopTracer();
    const seen: unknown[][] = [];
    const graph = buildGraph(noop);
    const started = await noop.run(referral('thread-noop', 'start'), (callbacks) => {
      seen.push(callbacks);
      return graph.invoke({ patient: PATIENT }, invokeConfig('thread-noop', callbacks));
    });
    expect(isInterrupted(started)).toBe(true);
    expect(seen).toEqual([[]]);
    await expect(noop.tool('get_patient', async () => 42)).resolves.toBe(42);
    await noop.flush();
    await noop.shutdown();
    await tracer.flush();

    expect(started.summary).toContain(PATIENT.name);
    expect(receiver.rawBodies).toEqual([]);
  });
});
