import { createHash, timingSafeEqual } from 'node:crypto';
import { createMiddleware } from 'hono/factory';
import { AppError } from '../domain/index.js';

export interface Grant {
  token: string;
  practiceId: string;
  role: 'coordinator' | 'viewer';
  name: string;
}

export type Principal = Omit<Grant, 'token'>;
export type AuthEnv = { Variables: { principal: Principal } };

const digest = (token: string) => createHash('sha256').update(token).digest();

/** Finds the grant a token belongs to, comparing digests in constant time. */
export function grantFinder(grants: readonly Grant[]): (token: string) => Principal | undefined {
  const known = grants.map((g) => ({
    hash: digest(g.token),
    principal: { practiceId: g.practiceId, role: g.role, name: g.name },
  }));
  return (token) => {
    const presented = digest(token);
    return known.find((k) => timingSafeEqual(k.hash, presented))?.principal;
  };
}

/** Bearer tokens, each granting one role in one practice. */
export function bearerAuth(grants: readonly Grant[]) {
  const find = grantFinder(grants);
  return createMiddleware<AuthEnv>(async (c, next) => {
    const header = c.req.header('authorization') ?? '';
    // The scheme is case-insensitive (RFC 9110 §11.1), followed by one or more spaces.
    const match = /^bearer +(\S+)$/i.exec(header);
    if (!match?.[1]) throw new AppError('UNAUTHORIZED', 'A bearer token is required');
    const principal = find(match[1]);
    if (!principal) throw new AppError('UNAUTHORIZED', 'The bearer token is not valid');
    c.set('principal', principal);
    await next();
  });
}

export function requireRole(principal: Principal, role: Grant['role']): void {
  if (principal.role !== role) {
    throw new AppError('FORBIDDEN', `This action needs the ${role} role`);
  }
}
