import { awaitAllCallbacks } from '@langchain/core/callbacks/promises';
import { CallbackHandler } from '@langfuse/langchain';
import { LangfuseSpanProcessor } from '@langfuse/otel';
import { createTraceId, startObservation } from '@langfuse/tracing';
import { ROOT_CONTEXT, trace } from '@opentelemetry/api';
import { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';
import type { TracingConfig } from '../../config.js';
import { isAppError, type Logger, type TraceContext, type Tracer } from '../../domain/index.js';
import { controlFlowMarker, type Mask, RedactingSpanProcessor } from './redact-span.js';
import {
  bindToScope,
  currentScope,
  holdLangfuseSlot,
  inScope,
  type RunScope,
  scopedIdGenerator,
} from './run-scope.js';

export interface LangfuseTracerOptions {
  /** Where export failures are reported (they never reach the graph). */
  logger?: Logger;
  /** Export request timeout in seconds (the SDK's default is 5). */
  timeoutSeconds?: number;
  exportMode?: 'batched' | 'immediate';
}

type Outcome = {
  level?: 'DEFAULT' | 'ERROR';
  statusMessage?: string;
  metadata: Record<string, string>;
};

/** A stable, non-PHI code for what went wrong: the AppError code, else the error's class name. */
function errorCode(error: unknown): string {
  if (isAppError(error)) return error.code;
  if (error instanceof Error && /^[A-Za-z][A-Za-z0-9]{0,63}$/.test(error.name)) return error.name;
  return 'INTERNAL';
}

function failureOutcome(error: unknown): Outcome {
  const code = errorCode(error);
  const marker = controlFlowMarker(code);
  if (marker !== null) return { statusMessage: marker, metadata: { outcome: 'interrupted' } };
  return { level: 'ERROR', statusMessage: code, metadata: { outcome: 'error', error_code: code } };
}

/** Runs `fn`, returning undefined instead of throwing: tracing must never break a run. */
function quietly<T>(fn: () => T): T | undefined {
  try {
    return fn();
  } catch {
    return undefined;
  }
}

/**
 * Langfuse tracing over an isolated OTel provider: one trace per referral thread (start and every
 * resume), masked and redacted before export, interrupts recorded as such rather than as errors.
 */
export function createLangfuseTracer(
  config: TracingConfig,
  mask: Mask,
  options: LangfuseTracerOptions = {},
): Tracer {
  const langfuse = new LangfuseSpanProcessor({
    publicKey: config.publicKey,
    secretKey: config.secretKey,
    baseUrl: config.baseUrl,
    ...(config.environment === null ? {} : { environment: config.environment }),
    ...(options.timeoutSeconds === undefined ? {} : { timeout: options.timeoutSeconds }),
    exportMode: options.exportMode ?? 'batched',
    mediaUploadEnabled: false,
    mask: ({ data }) => (typeof data === 'string' ? mask(data) : data),
  });
  const processor = new RedactingSpanProcessor(langfuse, mask);
  const provider = new BasicTracerProvider({
    idGenerator: scopedIdGenerator,
    spanProcessors: [processor],
  });
  const slot = holdLangfuseSlot();
  let closed = false;

  async function openRun(ctx: TraceContext) {
    // The EHR's referral id can be linked back to a patient: traces carry the derived thread id only.
    const { threadId, practiceId } = ctx;
    const scope: RunScope = {
      provider,
      traceId: await createTraceId(threadId),
      parent: ROOT_CONTEXT,
      attributes: {
        'session.id': threadId,
        'langfuse.trace.name': 'referral',
        'langfuse.trace.metadata.thread_id': threadId,
        'langfuse.trace.metadata.practice_id': practiceId,
      },
    };
    slot.ensure();
    const root = inScope(scope, () =>
      startObservation(
        `referral:${ctx.name}`,
        {
          metadata: {
            thread_id: threadId,
            practice_id: practiceId,
            run: ctx.name,
          },
        },
        { asType: 'agent' },
      ),
    );
    const inner: RunScope = { ...scope, parent: trace.setSpan(ROOT_CONTEXT, root.otelSpan) };
    const handler = bindToScope(new CallbackHandler({ sessionId: threadId }), inner);
    return { root, inner, callbacks: [handler] };
  }

  async function flush(): Promise<void> {
    try {
      await awaitAllCallbacks();
      await processor.forceFlush();
    } catch (error) {
      options.logger?.warn('tracing export failed', { error: errorCode(error) });
    }
  }

  return {
    async run(ctx, fn) {
      const opened = closed ? undefined : await openRun(ctx).catch(() => undefined);
      if (opened === undefined) return fn([]);
      try {
        const result = await inScope(opened.inner, () => fn(opened.callbacks));
        quietly(() => opened.root.end());
        return result;
      } catch (error) {
        quietly(() => opened.root.update(failureOutcome(error)).end());
        throw error;
      }
    },

    async tool(name, fn) {
      const scope = currentScope();
      const span =
        closed || scope === undefined
          ? undefined
          : quietly(() =>
              inScope(scope, () =>
                startObservation(name, { metadata: { tool: name } }, { asType: 'tool' }),
              ),
            );
      if (scope === undefined || span === undefined) return fn();
      const inner: RunScope = { ...scope, parent: trace.setSpan(ROOT_CONTEXT, span.otelSpan) };
      try {
        const result = await inScope(inner, fn);
        quietly(() => span.update({ metadata: { tool: name, outcome: 'ok' } }).end());
        return result;
      } catch (error) {
        const outcome = failureOutcome(error);
        quietly(() =>
          span.update({ ...outcome, metadata: { tool: name, ...outcome.metadata } }).end(),
        );
        throw error;
      }
    },

    flush,

    async shutdown() {
      if (closed) return;
      await flush();
      closed = true;
      slot.release();
      await provider.shutdown().catch((error: unknown) => {
        options.logger?.warn('tracing shutdown failed', { error: errorCode(error) });
      });
    },
  };
}
