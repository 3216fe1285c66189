import { createHash, timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { errorJson, HttpError } from './http.js';

const digest = (s: string) => createHash('sha256').update(s).digest();

/** Requires `Authorization: Bearer <apiKey>`, compared in constant time. */
export function bearerAuth(apiKey: string): MiddlewareHandler {
  const expected = digest(apiKey);
  return async (c, next) => {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header('authorization') ?? '');
    const token = match?.[1];
    if (token === undefined || !timingSafeEqual(digest(token), expected)) {
      c.header('WWW-Authenticate', 'Bearer');
      return errorJson(c, new HttpError(401, 'UNAUTHORIZED', 'A valid bearer token is required'));
    }
    return next();
  };
}
