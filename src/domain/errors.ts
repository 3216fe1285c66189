/** The closed set of error codes; `src/http/errors.ts` maps each to an HTTP status. */
export const ERROR_CODES = [
  'BAD_REQUEST',
  'VALIDATION_FAILED',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  /** An HL7 v2 body with no readable MSH (nothing to acknowledge). */
  'MESSAGE_UNREADABLE',
  /** An uploaded consult document that is not a readable C-CDA (not XML, no ClinicalDocument). */
  'DOCUMENT_UNREADABLE',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'IDEMPOTENCY_MISMATCH',
  'INVALID_TRANSITION',
  'TIMEOUT',
  'RATE_LIMITED',
  'UPSTREAM_UNAVAILABLE',
  'UPSTREAM_REJECTED',
  'TOOL_NOT_ALLOWED',
  'TOOL_INPUT_INVALID',
  'TOOL_OUTPUT_INVALID',
  'MODEL_OUTPUT_INVALID',
  'GUARDRAIL_TRIPPED',
  'CONFIG_INVALID',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];
export type ErrorCategory = 'user' | 'system' | 'upstream';

/** A field-level problem in a rejected input: a path and a stable code, never the submitted value. */
export interface FieldIssue {
  path: string;
  code: string;
  message: string;
}

const CATEGORY: Record<ErrorCode, ErrorCategory> = {
  BAD_REQUEST: 'user',
  VALIDATION_FAILED: 'user',
  PAYLOAD_TOO_LARGE: 'user',
  UNSUPPORTED_MEDIA_TYPE: 'user',
  MESSAGE_UNREADABLE: 'user',
  DOCUMENT_UNREADABLE: 'user',
  UNAUTHORIZED: 'user',
  FORBIDDEN: 'user',
  NOT_FOUND: 'user',
  CONFLICT: 'user',
  IDEMPOTENCY_MISMATCH: 'user',
  INVALID_TRANSITION: 'system',
  TIMEOUT: 'upstream',
  RATE_LIMITED: 'upstream',
  UPSTREAM_UNAVAILABLE: 'upstream',
  UPSTREAM_REJECTED: 'upstream',
  TOOL_NOT_ALLOWED: 'system',
  TOOL_INPUT_INVALID: 'system',
  TOOL_OUTPUT_INVALID: 'upstream',
  MODEL_OUTPUT_INVALID: 'system',
  GUARDRAIL_TRIPPED: 'system',
  CONFIG_INVALID: 'system',
  INTERNAL: 'system',
};

const RETRYABLE: readonly ErrorCode[] = ['TIMEOUT', 'RATE_LIMITED', 'UPSTREAM_UNAVAILABLE'];

export interface AppErrorOptions {
  cause?: unknown;
  isRetryable?: boolean;
  /** Non-PHI scalars only: ids, counts, upstream status codes. */
  details?: Record<string, string | number | boolean>;
  issues?: FieldIssue[];
}

/** The one error type of the service. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly category: ErrorCategory;
  readonly isRetryable: boolean;
  readonly details: Record<string, string | number | boolean>;
  readonly issues: FieldIssue[];

  constructor(code: ErrorCode, message: string, options: AppErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.category = CATEGORY[code];
    this.isRetryable = options.isRetryable ?? RETRYABLE.includes(code);
    this.details = options.details ?? {};
    this.issues = options.issues ?? [];
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}

/** Normalises anything thrown into an AppError, keeping the original in `cause`. */
export function toAppError(value: unknown): AppError {
  if (value instanceof AppError) return value;
  return new AppError('INTERNAL', 'Internal error', { cause: value });
}

/** Field issues from a zod error: paths and codes only, so no submitted value is echoed back. */
export function issuesFromZod(error: {
  issues: ReadonlyArray<{ path: PropertyKey[]; code: string; message: string }>;
}): FieldIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(root)',
    code: issue.code,
    message: issue.code === 'unrecognized_keys' ? 'Unrecognized key(s) in object' : issue.message,
  }));
}
