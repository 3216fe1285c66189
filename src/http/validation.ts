import { AppError, issuesFromZod } from '../domain/index.js';

/** The zod-openapi hook: a field-level 422 (400 for headers), never echoing the input. */
export function validationHook(
  result:
    | { success: true }
    | {
        success: false;
        error: { issues: ReadonlyArray<{ path: PropertyKey[]; code: string; message: string }> };
        target: string;
      },
): undefined {
  if (result.success) return undefined;
  const isHeader = result.target === 'header';
  throw new AppError(
    isHeader ? 'BAD_REQUEST' : 'VALIDATION_FAILED',
    isHeader ? 'A required header is missing or invalid' : 'The request failed validation',
    {
      issues: issuesFromZod(result.error),
    },
  );
}
