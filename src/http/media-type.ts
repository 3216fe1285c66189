import type { OpenAPIHono, RouteConfig } from '@hono/zod-openapi';
import { createMiddleware } from 'hono/factory';
import { AppError } from '../domain/index.js';

const OWS = /^[ \t]*|[ \t]*$/g;
const trim = (text: string) => text.replace(OWS, '');

/** `charset=utf-8` (or `"utf-8"`), any case, whitespace tolerated around `=`. */
function isUtf8Charset(parameter: string): boolean {
  const eq = parameter.indexOf('=');
  if (eq < 0 || trim(parameter.slice(0, eq)).toLowerCase() !== 'charset') return false;
  const raw = trim(parameter.slice(eq + 1));
  const value =
    raw.length >= 2 && raw.startsWith('"') && raw.endsWith('"') ? raw.slice(1, -1) : raw;
  return value.toLowerCase() === 'utf-8';
}

/**
 * True only for `application/json`, optionally with `charset=utf-8`: the type and the charset
 * value in any case, whitespace around `;` and `=` tolerated. `application/jsonp`,
 * `application/json-seq`, `application/x+json`, another charset or any other parameter: false.
 */
export function isJsonContentType(header: string | null | undefined): boolean {
  if (!header) return false;
  const [essence = '', ...parameters] = header.split(';');
  if (trim(essence).toLowerCase() !== 'application/json') return false;
  // RFC 9110 allows empty parameters (`application/json;`); anything else must be the charset.
  return parameters.every((p) => trim(p) === '' || isUtf8Charset(p));
}

/** `application/xml` or `text/xml`, optionally with `charset=utf-8`, as leniently as the JSON check. */
export function isXmlContentType(header: string | null | undefined): boolean {
  if (!header) return false;
  const [essence = '', ...parameters] = header.split(';');
  if (!['application/xml', 'text/xml'].includes(trim(essence).toLowerCase())) return false;
  return parameters.every((p) => trim(p) === '' || isUtf8Charset(p));
}

/**
 * Route middleware: 415 unless the request declares a JSON body (see `isJsonContentType`). An
 * accepted header is rewritten to plain `application/json`, so the framework's own (differently
 * strict) media-type check downstream agrees with this one.
 */
export function requireJsonBody(
  message = 'The request body must be application/json',
  options: { optional?: boolean } = {},
) {
  return createMiddleware(async (c, next) => {
    const header = c.req.header('content-type');
    // An optional body may be left out; the framework refuses one sent without a type (415).
    if (options.optional && header === undefined) return next();
    if (!isJsonContentType(header)) throw new AppError('UNSUPPORTED_MEDIA_TYPE', message);
    if (header !== 'application/json') c.req.raw.headers.set('content-type', 'application/json');
    await next();
  });
}

/**
 * Puts `requireJsonBody` in front of every route of `routes` that declares a JSON request body, so
 * a new route gets it without asking. Call it after authentication and before `app.route(prefix,
 * routes)`: the 415 then precedes the framework's own (looser) media-type check and body parsing.
 */
export function gateJsonBodies(
  app: OpenAPIHono,
  prefix: string,
  routes: {
    openAPIRegistry: { definitions: ReadonlyArray<{ type: string; route?: RouteConfig }> };
  },
): void {
  for (const definition of routes.openAPIRegistry.definitions) {
    const route = definition.type === 'route' ? definition.route : undefined;
    if (!route?.request?.body?.content['application/json']) continue;
    const path = `${prefix}${route.path.replaceAll(/\{([^}]+)\}/g, ':$1')}`;
    const optional = route.request.body.required !== true;
    app.on(route.method.toUpperCase(), path, requireJsonBody(undefined, { optional }));
  }
}
