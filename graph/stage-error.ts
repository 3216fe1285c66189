import { isAppError } from '../src/domain/index.js';
import type { ExceptionInfo } from './state.js';

const UPSTREAM = new Set(['UPSTREAM_UNAVAILABLE', 'TIMEOUT', 'RATE_LIMITED']);
const BAD_DATA = new Set([
  'UPSTREAM_REJECTED',
  'NOT_FOUND',
  'TOOL_OUTPUT_INVALID',
  'TOOL_INPUT_INVALID',
]);

/**
 * Turns an expected failure of a stage (an upstream outage after its retries, or data that failed
 * validation) into an exception for a coordinator; anything else is a defect and propagates.
 */
export function stageFailed(
  error: unknown,
  stage: ExceptionInfo['stage'],
): { exception: ExceptionInfo } {
  if (isAppError(error) && UPSTREAM.has(error.code)) {
    return { exception: { reason: 'upstream_unavailable', stage, code: error.code } };
  }
  if (isAppError(error) && BAD_DATA.has(error.code)) {
    return { exception: { reason: 'invalid_data', stage, code: error.code } };
  }
  throw error;
}
