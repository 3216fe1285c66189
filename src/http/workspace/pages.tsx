import type { Context } from 'hono';
import type { JSX } from 'hono/jsx/jsx-runtime';
import { AppError } from '../../domain/index.js';
import { HTTP_STATUS } from '../errors.js';
import { DOCTYPE, Layout, type PageContext } from './layout.js';

/** Sends a page with its doctype (`c.html` of JSX adds none). */
export const sendPage = (
  c: Context,
  page: JSX.Element,
  status: 200 | 403 | 404 | 409 | 422 = 200,
) => c.html(`${DOCTYPE}${page}`, status);

/** What a workspace page shows for an error: the code's message, never a stack trace. */
export function errorPage(c: Context, error: AppError, page: PageContext | null) {
  const status = HTTP_STATUS[error.code];
  const message = status >= 500 ? 'The service could not complete the request.' : error.message;
  return c.html(
    `${DOCTYPE}${(
      <Layout title="Problem" page={page}>
        <h1>{status === 404 ? 'Not found' : 'Something went wrong'}</h1>
        <p role="alert">{message}</p>
        <p>
          <a href="/workspace">Back to the queue</a>
        </p>
      </Layout>
    )}`,
    status,
  );
}

export const isAppErrorWith = (error: unknown, ...codes: AppError['code'][]): error is AppError =>
  error instanceof AppError && codes.includes(error.code);
