import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { AppError, type ErrorCode, toAppError } from '../domain/index.js';

/** The one mapping from error codes to HTTP statuses. */
export const HTTP_STATUS: Record<ErrorCode, ContentfulStatusCode> = {
  BAD_REQUEST: 400,
  VALIDATION_FAILED: 422,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  MESSAGE_UNREADABLE: 400,
  DOCUMENT_UNREADABLE: 422,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  IDEMPOTENCY_MISMATCH: 422,
  INVALID_TRANSITION: 409,
  TIMEOUT: 504,
  RATE_LIMITED: 429,
  UPSTREAM_UNAVAILABLE: 503,
  UPSTREAM_REJECTED: 502,
  TOOL_NOT_ALLOWED: 500,
  TOOL_INPUT_INVALID: 500,
  TOOL_OUTPUT_INVALID: 502,
  MODEL_OUTPUT_INVALID: 500,
  GUARDRAIL_TRIPPED: 500,
  CONFIG_INVALID: 500,
  INTERNAL: 500,
};

export function errorBody(error: AppError) {
  const isServerSide = HTTP_STATUS[error.code] >= 500;
  return {
    error: {
      code: error.code,
      message: isServerSide ? 'The service could not complete the request' : error.message,
      ...(error.issues.length > 0 ? { issues: error.issues } : {}),
    },
  };
}

/** The code of an HTTP status the framework chose: its own code where it has one, else by class. */
const CODE_OF_STATUS: Readonly<Record<number, ErrorCode>> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  422: 'VALIDATION_FAILED',
  429: 'RATE_LIMITED',
  503: 'UPSTREAM_UNAVAILABLE',
  504: 'TIMEOUT',
};

/** Fixed texts: the framework's own messages may quote what was sent (a parser's, say). */
const FRAMEWORK_MESSAGE: Partial<Record<ErrorCode, string>> = {
  BAD_REQUEST: 'The request could not be read (a body that is not JSON, or is empty or cut short)',
  UNAUTHORIZED: 'Authentication is required',
  FORBIDDEN: 'Not allowed',
  NOT_FOUND: 'Not found',
  CONFLICT: 'Conflict',
  PAYLOAD_TOO_LARGE: 'The request body is too large',
  UNSUPPORTED_MEDIA_TYPE: 'The request body must be application/json',
  VALIDATION_FAILED: 'The request failed validation',
  RATE_LIMITED: 'Too many requests',
};

/**
 * Node's error for a request body cut off because the client hung up (or its request timed out):
 * `aborted`, ECONNRESET, raised only by the incoming request stream.
 */
function isBodyAborted(error: unknown): boolean {
  return (
    error instanceof Error &&
    error.message === 'aborted' &&
    (error as NodeJS.ErrnoException).code === 'ECONNRESET'
  );
}

/**
 * Hono's `HTTPException` (a malformed JSON body, an unsupported media type, a body limit) keeps
 * its status: a client's mistake stays a 4xx, never an INTERNAL; so does a body the client stopped
 * sending. Anything else goes to `toAppError`.
 */
export function fromFrameworkError(error: unknown): AppError {
  if (isBodyAborted(error)) {
    return new AppError('BAD_REQUEST', 'The request body was not sent in full', { cause: error });
  }
  if (!(error instanceof HTTPException)) return toAppError(error);
  const code = CODE_OF_STATUS[error.status] ?? (error.status < 500 ? 'BAD_REQUEST' : 'INTERNAL');
  return new AppError(code, FRAMEWORK_MESSAGE[code] ?? 'Internal error', {
    cause: error,
    details: { status: error.status },
  });
}

/** `app.onError`: never a stack trace, never the submitted payload; only a 5xx is logged. */
export function toHttpResponse(error: unknown, c: Context, log: (e: AppError) => void): Response {
  const appError = fromFrameworkError(error);
  const status = HTTP_STATUS[appError.code];
  if (status >= 500) log(appError);
  // The rest of an oversized body is not read: the connection closes rather than drain it.
  if (appError.code === 'PAYLOAD_TOO_LARGE') c.header('connection', 'close');
  return c.json(errorBody(appError), status);
}
