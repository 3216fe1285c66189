import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { type AppError, type ErrorCode, toAppError } from '../domain/index.js';

/** The one mapping from error codes to HTTP statuses. */
export const HTTP_STATUS: Record<ErrorCode, ContentfulStatusCode> = {
  BAD_REQUEST: 400,
  VALIDATION_FAILED: 422,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
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

/** `app.onError`: never a stack trace, never the submitted payload. */
export function toHttpResponse(error: unknown, c: Context, log: (e: AppError) => void): Response {
  const appError = toAppError(error);
  if (HTTP_STATUS[appError.code] >= 500) log(appError);
  return c.json(errorBody(appError), HTTP_STATUS[appError.code]);
}
