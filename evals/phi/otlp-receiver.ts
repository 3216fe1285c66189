import { createServer, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { gunzipSync } from 'node:zlib';

export type SpanAttributeValue = string | number | boolean | string[];

export interface ReceivedSpan {
  traceId: string;
  spanId: string;
  /** Undefined for a root span. */
  parentSpanId: string | undefined;
  name: string;
  /** Instrumentation scope, e.g. `langfuse-sdk`. */
  scope: string | undefined;
  attributes: Record<string, SpanAttributeValue>;
  /** OTLP codes: 0 unset, 1 ok, 2 error. */
  status: { code: number; message: string | undefined };
}

interface AnyValue {
  stringValue?: string;
  boolValue?: boolean;
  intValue?: number | string;
  doubleValue?: number | string;
  arrayValue?: { values?: AnyValue[] };
  kvlistValue?: { values?: { key: string; value?: AnyValue }[] };
  bytesValue?: string;
}

interface OtlpSpan {
  traceId?: string;
  spanId?: string;
  parentSpanId?: string;
  name?: string;
  attributes?: { key: string; value?: AnyValue }[];
  status?: { code?: number | string; message?: string };
}

interface OtlpTraces {
  resourceSpans?: { scopeSpans?: { scope?: { name?: string }; spans?: OtlpSpan[] }[] }[];
}

export const OTLP_TRACES_PATH = '/api/public/otel/v1/traces';

const STATUS_CODES: Record<string, number> = {
  STATUS_CODE_UNSET: 0,
  STATUS_CODE_OK: 1,
  STATUS_CODE_ERROR: 2,
};

function plain(value: AnyValue | undefined): string | number | boolean {
  if (value === undefined) return '';
  if (value.stringValue !== undefined) return value.stringValue;
  if (value.boolValue !== undefined) return value.boolValue;
  if (value.intValue !== undefined) return Number(value.intValue);
  if (value.doubleValue !== undefined) return Number(value.doubleValue);
  if (value.bytesValue !== undefined) return value.bytesValue;
  if (value.kvlistValue !== undefined) {
    const entries = (value.kvlistValue.values ?? []).map((kv) => [kv.key, plain(kv.value)]);
    return JSON.stringify(Object.fromEntries(entries));
  }
  return JSON.stringify(value);
}

/** OTLP/JSON ids are hex; proto3-JSON senders may use base64 instead. */
function hexId(id: string | undefined): string | undefined {
  if (id === undefined || id === '') return undefined;
  return /^[0-9a-f]+$/i.test(id) ? id.toLowerCase() : Buffer.from(id, 'base64').toString('hex');
}

function flatten(body: OtlpTraces): ReceivedSpan[] {
  return (body.resourceSpans ?? []).flatMap((resource) =>
    (resource.scopeSpans ?? []).flatMap((scopeSpans) =>
      (scopeSpans.spans ?? []).map((span) => {
        const attributes: Record<string, SpanAttributeValue> = {};
        for (const { key, value } of span.attributes ?? []) {
          attributes[key] = value?.arrayValue
            ? (value.arrayValue.values ?? []).map((item) => String(plain(item)))
            : plain(value);
        }
        const code = span.status?.code ?? 0;
        return {
          traceId: hexId(span.traceId) ?? '',
          spanId: hexId(span.spanId) ?? '',
          parentSpanId: hexId(span.parentSpanId),
          name: span.name ?? '',
          scope: scopeSpans.scope?.name,
          attributes,
          status: {
            code: typeof code === 'number' ? code : (STATUS_CODES[code] ?? Number(code)),
            message: span.status?.message || undefined,
          },
        };
      }),
    ),
  );
}

export async function startOtlpReceiver() {
  const spans: ReceivedSpan[] = [];
  const rawBodies: string[] = [];
  const headers: IncomingHttpHeaders[] = [];

  const receive = (req: IncomingMessage, buffer: Buffer): { status: number; message?: string } => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'POST' || path !== OTLP_TRACES_PATH) {
      return { status: 404, message: `otlp-receiver: no route for ${req.method} ${path}` };
    }
    const isGzip = req.headers['content-encoding'] === 'gzip';
    const text = (isGzip ? gunzipSync(buffer) : buffer).toString('utf8');
    headers.push(req.headers);
    rawBodies.push(text);
    if (!req.headers['content-type']?.includes('protobuf')) {
      spans.push(...flatten(JSON.parse(text) as OtlpTraces));
    }
    return { status: 200 };
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      let outcome: { status: number; message?: string };
      try {
        outcome = receive(req, Buffer.concat(chunks));
      } catch (error) {
        outcome = { status: 400, message: `otlp-receiver: unreadable body: ${String(error)}` };
      }
      res.writeHead(outcome.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(outcome.message === undefined ? {} : { message: outcome.message }));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;

  return {
    /** What LANGFUSE_BASE_URL (or the processor's `baseUrl`) should be. */
    baseUrl: `http://127.0.0.1:${port}`,
    spans,
    rawBodies,
    headers,
    /** Resolves with every span received so far once `until` holds (a count means "at least"). */
    async waitForSpans(
      until: number | ((received: ReceivedSpan[]) => boolean),
      timeoutMs = 2_000,
    ): Promise<ReceivedSpan[]> {
      const holds = () => (typeof until === 'number' ? spans.length >= until : until(spans));
      const deadline = Date.now() + timeoutMs;
      while (!holds()) {
        if (Date.now() >= deadline) {
          const what = typeof until === 'number' ? `${until}` : 'predicate';
          throw new Error(
            `waitForSpans timed out after ${timeoutMs} ms waiting for OTLP spans (${what})`,
          );
        }
        await sleep(10);
      }
      return [...spans];
    },
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
    },
  };
}

export type OtlpReceiver = Awaited<ReturnType<typeof startOtlpReceiver>>;
