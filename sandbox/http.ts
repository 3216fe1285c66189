import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { z } from 'zod';

export interface FieldIssue {
  path: string;
  code: string;
  message: string;
}

/** An error answered as `{ error: { code, message, issues? } }`; never carries submitted values. */
export class HttpError extends Error {
  readonly status: ContentfulStatusCode;
  readonly code: string;
  readonly issues: FieldIssue[] | undefined;

  constructor(status: ContentfulStatusCode, code: string, message: string, issues?: FieldIssue[]) {
    super(message);
    this.name = 'HttpError';
    this.status = status;
    this.code = code;
    this.issues = issues;
  }
}

export const notFound = (what: string) => new HttpError(404, 'NOT_FOUND', `${what} not found`);

export const validationFailed = (issues: FieldIssue[], message = 'Request body is invalid') =>
  new HttpError(422, 'VALIDATION_FAILED', message, issues);

export const conflict = (message: string) => new HttpError(409, 'CONFLICT', message);

function toIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(root)',
    code: issue.code,
    message: issue.message,
  }));
}

export function errorJson(c: Context, err: HttpError): Response {
  const error: Record<string, unknown> = { code: err.code, message: err.message };
  if (err.issues) error.issues = err.issues;
  return c.json({ error }, err.status);
}

/** Maps anything thrown by a handler to the error envelope; unknown errors become a bare 500. */
export function toHttpError(err: unknown): HttpError {
  if (err instanceof HttpError) return err;
  if (err instanceof HTTPException && err.status === 413) {
    return new HttpError(413, 'PAYLOAD_TOO_LARGE', 'Request body is too large');
  }
  if (err instanceof HTTPException) {
    return new HttpError(err.status as ContentfulStatusCode, 'BAD_REQUEST', 'Bad request');
  }
  return new HttpError(500, 'INTERNAL', 'Internal error');
}

/**
 * Reads and validates a JSON body: 415 on a non-JSON content type, 400 on bad JSON, 422 else.
 * With `optional`, an empty body (any content type) reads as `{}`.
 */
export async function readJson<S extends z.ZodType>(
  c: Context,
  schema: S,
  { optional = false }: { optional?: boolean } = {},
): Promise<z.output<S>> {
  const text = optional ? await c.req.text() : undefined;
  const type = c.req.header('content-type') ?? '';
  if (text !== '' && !/^application\/json\s*(;|$)/i.test(type)) {
    throw new HttpError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Content-Type must be application/json');
  }
  let raw: unknown;
  try {
    raw = text === '' ? {} : JSON.parse(text ?? (await c.req.text()));
  } catch {
    throw new HttpError(400, 'BAD_REQUEST', 'Request body is not valid JSON');
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw validationFailed(toIssues(parsed.error));
  return parsed.data;
}

/** Validates the query string (first value of each parameter): 422 naming the parameter. */
export function readQuery<S extends z.ZodType>(c: Context, schema: S): z.output<S> {
  const parsed = schema.safeParse(c.req.query());
  if (!parsed.success) throw validationFailed(toIssues(parsed.error), 'Query is invalid');
  return parsed.data;
}

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

/** The required `Idempotency-Key` header: 1..255 visible ASCII characters, else 400. */
export function idempotencyKey(c: Context): string {
  const key = c.req.header('idempotency-key');
  if (key === undefined || key === '') {
    throw new HttpError(400, 'BAD_REQUEST', 'Idempotency-Key header is required');
  }
  if (!IDEMPOTENCY_KEY.test(key)) {
    throw new HttpError(
      400,
      'BAD_REQUEST',
      'Idempotency-Key must be 1-255 visible ASCII characters',
    );
  }
  return key;
}
