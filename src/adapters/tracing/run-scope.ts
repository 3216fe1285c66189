import { AsyncLocalStorage } from 'node:async_hooks';
import { getLangfuseTracerProvider, setLangfuseTracerProvider } from '@langfuse/tracing';
import {
  type Attributes,
  type Context,
  context,
  INVALID_SPAN_CONTEXT,
  type Tracer as OtelTracer,
  type Span,
  type SpanOptions,
  type TracerProvider,
  trace,
} from '@opentelemetry/api';
import { type IdGenerator, RandomIdGenerator } from '@opentelemetry/sdk-trace-base';

/**
 * What the spans started during one traced run attach to. Carried in our own AsyncLocalStorage
 * (not an OTel context manager, which would be process-global) and bound to each run's callback
 * handler, because LangChain runs callbacks from a shared background queue.
 */
export interface RunScope {
  /** The provider of the tracer that owns the run (its processors export the spans). */
  provider: TracerProvider;
  /** The thread's trace id: a span started without a parent still lands in the thread's trace. */
  traceId: string;
  /** Parent of spans started without one: the run's root observation, or ROOT_CONTEXT for the root. */
  parent: Context;
  /** Trace-level attributes stamped on every span of the run (session, trace name, ids). */
  attributes: Attributes;
}

const scopes = new AsyncLocalStorage<RunScope>();
const random = new RandomIdGenerator();

export function inScope<T>(scope: RunScope, fn: () => T): T {
  return scopes.run(scope, fn);
}

export function currentScope(): RunScope | undefined {
  return scopes.getStore();
}

/** Trace ids follow the active run's thread; span ids stay random. */
export const scopedIdGenerator: IdGenerator = {
  generateTraceId: () => scopes.getStore()?.traceId ?? random.generateTraceId(),
  generateSpanId: () => random.generateSpanId(),
};

type SpanFn = (span: Span) => unknown;

/**
 * The tracer Langfuse's SDK and CallbackHandler get: routes each span to the active run's provider,
 * under the run's root unless its given parent is already in the thread's trace.
 */
class ScopedTracer implements OtelTracer {
  private readonly name: string;
  private readonly version: string | undefined;

  constructor(name: string, version: string | undefined) {
    this.name = name;
    this.version = version;
  }

  startSpan(name: string, options: SpanOptions = {}, ctx?: Context): Span {
    const scope = scopes.getStore();
    if (scope === undefined) return trace.wrapSpanContext(INVALID_SPAN_CONTEXT);
    const given = ctx === undefined ? undefined : trace.getSpan(ctx)?.spanContext().traceId;
    const parent = ctx !== undefined && given === scope.traceId ? ctx : scope.parent;
    return scope.provider
      .getTracer(this.name, this.version)
      .startSpan(
        name,
        { ...options, attributes: { ...scope.attributes, ...options.attributes } },
        parent,
      );
  }

  startActiveSpan<F extends SpanFn>(name: string, fn: F): ReturnType<F>;
  startActiveSpan<F extends SpanFn>(name: string, options: SpanOptions, fn: F): ReturnType<F>;
  startActiveSpan<F extends SpanFn>(
    name: string,
    options: SpanOptions,
    ctx: Context,
    fn: F,
  ): ReturnType<F>;
  startActiveSpan<F extends SpanFn>(
    name: string,
    ...args: [F] | [SpanOptions, F] | [SpanOptions, Context, F]
  ): ReturnType<F> {
    const fn = args[args.length - 1] as F;
    const options = args.length > 1 ? (args[0] as SpanOptions) : {};
    const ctx = args.length > 2 ? (args[1] as Context) : context.active();
    const span = this.startSpan(name, options, ctx);
    return context.with(trace.setSpan(ctx, span), () => fn(span)) as ReturnType<F>;
  }
}

const router: TracerProvider = {
  getTracer: (name, version) => new ScopedTracer(name, version),
};
let holders = 0;

/** Installs the routing provider in Langfuse's (single, process-wide) provider slot. */
export function holdLangfuseSlot(): { ensure: () => void; release: () => void } {
  holders += 1;
  let held = true;
  const ensure = () => {
    if (held && getLangfuseTracerProvider() !== router) setLangfuseTracerProvider(router);
  };
  ensure();
  return {
    ensure,
    release: () => {
      if (!held) return;
      held = false;
      holders -= 1;
      if (holders === 0 && getLangfuseTracerProvider() === router) setLangfuseTracerProvider(null);
    },
  };
}

/** Runs every `handle*` callback of `handler` inside `scope`, wherever LangChain calls it from. */
export function bindToScope<H extends object>(handler: H, scope: RunScope): H {
  const target = handler as Record<string, unknown>;
  for (const key of Object.getOwnPropertyNames(Object.getPrototypeOf(handler))) {
    const method = target[key];
    if (!key.startsWith('handle') || typeof method !== 'function') continue;
    target[key] = (...args: unknown[]) => scopes.run(scope, () => method.apply(handler, args));
  }
  return handler;
}
