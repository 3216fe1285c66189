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

/** Bearer tokens, each granting one role in one practice; compared in constant time. */
export function bearerAuth(grants: readonly Grant[]) {
  const known = grants.map((g) => ({
    hash: digest(g.token),
    principal: { practiceId: g.practiceId, role: g.role, name: g.name },
  }));
  return createMiddleware<AuthEnv>(async (c, next) => {
    const header = c.req.header('authorization') ?? '';
    // The scheme is case-insensitive (RFC 9110 §11.1), followed by one or more spaces.
    const match = /^bearer +(\S+)$/i.exec(header);
    if (!match?.[1]) throw new AppError('UNAUTHORIZED', 'A bearer token is required');
    const presented = digest(match[1]);
    const found = known.find((k) => timingSafeEqual(k.hash, presented));
    if (!found) throw new AppError('UNAUTHORIZED', 'The bearer token is not valid');
    c.set('principal', found.principal);
    await next();
  });
}

export function requireRole(principal: Principal, role: Grant['role']): void {
  if (principal.role !== role) {
    throw new AppError('FORBIDDEN', `This action needs the ${role} role`);
  }
}
