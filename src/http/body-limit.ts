import { bodyLimit } from 'hono/body-limit';
import { createMiddleware } from 'hono/factory';
import { AppError } from '../domain/index.js';

/**
 * 413 PAYLOAD_TOO_LARGE for a body over `maxBytes`, enforced while reading: a declared
 * Content-Length over the limit is refused before a byte is read (on any method, so a GET cannot
 * make the server swallow a large body either); a chunked body is read up to the limit, no further.
 * `toHttpResponse` closes the connection on a 413, so the rest is never drained.
 */
export function limitBody(maxBytes: number, what = 'Request bodies') {
  const tooLarge = () => {
    throw new AppError('PAYLOAD_TOO_LARGE', `${what} are limited to ${maxBytes} bytes`, {
      details: { maxBytes },
    });
  };
  const whileReading = bodyLimit({ maxSize: maxBytes, onError: tooLarge });
  return createMiddleware(async (c, next) => {
    const declared = Number(c.req.header('content-length') ?? '0');
    if (declared > maxBytes) tooLarge();
    await whileReading(c, next);
  });
}
