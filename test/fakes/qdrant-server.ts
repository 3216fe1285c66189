import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Collection } from './qdrant/collection.js';
import { parsePointId } from './qdrant/ids.js';
import {
  formatError,
  isObject,
  type JsonObject,
  notFound,
  QdrantHttpError,
  unsupported,
  wrongInput,
} from './qdrant/json.js';
import { runQuery } from './qdrant/query.js';

/**
 * In-process stand-in for the subset of Qdrant's REST API (server ≥ 1.14) that a directory index
 * uses through `@qdrant/js-client-rest`. Built from Qdrant's documented/implemented semantics:
 * collections with named dense + sparse (idf) vectors, payload indexes, upsert/delete/batch,
 * count/scroll/retrieve, filters and the Query API (prefetch, RRF/DBSF fusion, formulas).
 */
export interface QdrantServerOptions {
  /** When set, every request except health checks needs header `api-key` (or a Bearer token). */
  apiKey?: string;
  /** Reported by `GET /`. Default `1.16.0`. */
  version?: string;
  /** Qdrant's `service.max_request_size_mb` (default 32 MiB); larger bodies answer 400. */
  maxRequestBytes?: number;
}

export interface RecordedQdrantRequest {
  method: string;
  /** Path without the query string, e.g. `/collections/docs/points/query`. */
  path: string;
  query: Record<string, string>;
  /** Parsed JSON body (`undefined` when empty, unparseable or over the size limit). */
  body: unknown;
  bytes: number;
  /** HTTP status answered. */
  status?: number;
}

export interface QdrantServerHandle {
  url: string;
  requests: RecordedQdrantRequest[];
  /** Payload keys used in filters (prefixed `a[].b` inside `nested`) that had no payload index. */
  unindexedFilterKeys: Set<string>;
  /** Size in bytes of the largest request body received so far. */
  readonly largestRequestBytes: number;
  close(): Promise<void>;
}

const MiB = 1024 * 1024;
const HEALTH = new Set(['/healthz', '/livez', '/readyz']);

/** Marks a route result to be sent as-is instead of inside the envelope. */
class Raw {
  readonly body: JsonObject;

  constructor(body: JsonObject) {
    this.body = body;
  }
}
const raw = (body: JsonObject) => new Raw(body);

type Handler = (ctx: {
  collection: () => Collection;
  body: JsonObject;
  wait: boolean;
  segments: string[];
}) => unknown;

export async function startQdrantServer(
  options: QdrantServerOptions = {},
): Promise<QdrantServerHandle> {
  const limit = options.maxRequestBytes ?? 32 * MiB;
  const collections = new Map<string, Collection>();
  const requests: RecordedQdrantRequest[] = [];
  const unindexedFilterKeys = new Set<string>();
  let largest = 0;

  const routes: Record<string, Handler> = {
    // The only endpoint Qdrant answers without the `{ result, status, time }` envelope.
    'GET /': () =>
      raw({
        title: 'qdrant - vector search engine',
        version: options.version ?? '1.16.0',
        commit: null,
      }),
    'GET /collections': () => ({ collections: [...collections.keys()].map((name) => ({ name })) }),
    'GET /collections/*/exists': ({ segments }) => ({ exists: collections.has(segments[1] ?? '') }),
    'PUT /collections/*': ({ segments, body }) => {
      const name = segments[1] ?? '';
      if (collections.has(name)) throw wrongInput(`Collection \`${name}\` already exists!`);
      collections.set(name, new Collection(name, body, unindexedFilterKeys));
      return true;
    },
    'GET /collections/*': ({ collection }) => collection().info(),
    'DELETE /collections/*': ({ segments }) => collections.delete(segments[1] ?? ''),
    'PATCH /collections/*': () => {
      throw unsupported('updating collection parameters');
    },
    'PUT /collections/*/index': ({ collection, body, wait }) =>
      collection().createIndex(body, wait),
    'DELETE /collections/*/index/*': ({ collection, segments, wait }) =>
      collection().deleteIndex(segments[3] ?? '', wait),
    'PUT /collections/*/points': ({ collection, body, wait }) => collection().upsert(body, wait),
    'POST /collections/*/points': ({ collection, body }) => collection().retrieve(body),
    'GET /collections/*/points/*': ({ collection, segments }) => {
      const raw = segments[3] ?? '';
      const id = parsePointId(/^\d+$/.test(raw) ? Number(raw) : raw);
      const point = collection().get(id);
      if (!point) throw notFound(`No point with id ${id} found`);
      return collection().record(point, true, true);
    },
    'POST /collections/*/points/delete': ({ collection, body, wait }) =>
      collection().deletePoints(body, wait),
    'POST /collections/*/points/payload': ({ collection, body, wait }) =>
      collection().setPayload(body, wait, false),
    'PUT /collections/*/points/payload': ({ collection, body, wait }) =>
      collection().setPayload(body, wait, true),
    'POST /collections/*/points/payload/delete': ({ collection, body, wait }) =>
      collection().deletePayload(body, wait),
    'POST /collections/*/points/payload/clear': ({ collection, body, wait }) =>
      collection().clearPayload(body, wait),
    'POST /collections/*/points/batch': ({ collection, body, wait }) =>
      collection().batch(body, wait),
    'POST /collections/*/points/count': ({ collection, body }) => collection().count(body),
    'POST /collections/*/points/scroll': ({ collection, body }) => collection().scroll(body),
    'POST /collections/*/points/query': ({ collection, body }) => runQuery(collection(), body),
    'POST /collections/*/points/query/batch': ({ collection, body }) => {
      if (!Array.isArray(body.searches)) throw formatError('searches: expected an array');
      return body.searches.map((search) => {
        if (!isObject(search)) throw formatError('searches: expected objects');
        return runQuery(collection(), search);
      });
    },
  };

  /** Route key: fixed words kept, the collection name and ids/fields replaced by `*`. */
  function routeKey(method: string, segments: string[]): string {
    const shape = segments.map((segment, i) =>
      i === 1 ||
      (i === 3 && segments[2] === 'index') ||
      (i === 3 && segments[2] === 'points' && method === 'GET')
        ? '*'
        : segment,
    );
    return `${method} /${shape.join('/')}`;
  }

  async function readBody(req: IncomingMessage): Promise<{ text: string; bytes: number }> {
    const chunks: Buffer[] = [];
    let bytes = 0;
    for await (const chunk of req) {
      const buffer = chunk as Buffer;
      bytes += buffer.length;
      if (bytes <= limit) chunks.push(buffer);
    }
    return { text: bytes <= limit ? Buffer.concat(chunks).toString('utf8') : '', bytes };
  }

  function authorized(req: IncomingMessage): boolean {
    if (options.apiKey === undefined) return true;
    const bearer = req.headers.authorization?.replace(/^Bearer\s+/i, '');
    return req.headers['api-key'] === options.apiKey || bearer === options.apiKey;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = process.hrtime.bigint();
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = req.method ?? 'GET';
    const entry: RecordedQdrantRequest = {
      method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      body: undefined,
      bytes: 0,
    };
    requests.push(entry);
    const send = (status: number, payload: JsonObject, envelope = true) => {
      entry.status = status;
      const time = Number(process.hrtime.bigint() - started) / 1e9;
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(envelope ? { ...payload, time } : payload));
    };
    try {
      const { text, bytes } = await readBody(req);
      entry.bytes = bytes;
      largest = Math.max(largest, bytes);
      if (HEALTH.has(url.pathname)) {
        entry.status = 200;
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.end(`${url.pathname.slice(1)} check passed`);
        return;
      }
      if (!authorized(req)) {
        const error =
          req.headers['api-key'] || req.headers.authorization
            ? 'Invalid API key or JWT'
            : 'Must provide an API key or an Authorization bearer token';
        send(401, { status: { error } });
        return;
      }
      if (bytes > limit) {
        throw new QdrantHttpError(
          400,
          `JSON payload (${bytes} bytes) is larger than allowed (limit: ${limit} bytes).`,
        );
      }
      let body: unknown = {};
      if (text.trim() !== '') {
        try {
          body = JSON.parse(text);
        } catch (error) {
          throw formatError(`Json deserialize error: ${(error as Error).message}`);
        }
        entry.body = body;
      }
      if (!isObject(body)) throw formatError('expected a JSON object body');
      const segments = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
      const route = routes[routeKey(method, segments)];
      if (!route)
        throw new QdrantHttpError(404, `Not found: no route for ${method} ${url.pathname}`);
      const result = route({
        segments,
        body,
        wait: url.searchParams.get('wait') === 'true',
        collection: () => {
          const name = segments[1] ?? '';
          const found = collections.get(name);
          if (!found) throw notFound(`Collection \`${name}\` doesn't exist!`);
          return found;
        },
      });
      if (result instanceof Raw) send(200, result.body, false);
      else send(200, { result: result as JsonObject, status: 'ok' });
    } catch (error) {
      if (error instanceof QdrantHttpError)
        send(error.status, { status: { error: error.message } });
      else send(500, { status: { error: `Service internal error: ${String(error)}` } });
    }
  }

  const server = createServer((req, res) => {
    void handle(req, res);
  });
  await new Promise<void>((resolve) => {
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    unindexedFilterKeys,
    get largestRequestBytes() {
      return largest;
    },
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
    },
  };
}
