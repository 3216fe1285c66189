import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Context } from 'hono';
import { deleteCookie, getSignedCookie, setSignedCookie } from 'hono/cookie';
import { z } from 'zod';
import type { Clock } from '../../domain/index.js';
import { type Grant, grantFinder, type Principal } from '../auth.js';

export interface SessionOptions {
  secret: string;
  ttlMs: number;
  /** `Secure` cookies with the `__Host-` prefix (the service is reached over TLS). */
  secure: boolean;
  clock: Clock;
  grants: readonly Grant[];
}

const Session = z.object({
  sid: z.string(),
  practiceId: z.string(),
  role: z.enum(['coordinator', 'viewer']),
  name: z.string(),
  /** How the person signed in: a configured token today, an OIDC provider later. */
  via: z.enum(['token']),
  exp: z.number(),
});
export type Session = z.infer<typeof Session>;

const SESSION_COOKIE = 'referrals_session';
const SIGN_IN_COOKIE = 'referrals_sign_in';

/**
 * Workspace sessions: a signed cookie (HttpOnly, SameSite=Strict, Secure over TLS) naming the
 * grant it was opened with, and a CSRF token bound to it for every form. Stateless, so any worker
 * reads it; a grant removed from the configuration ends its sessions at their next request.
 */
export function workspaceSessions(options: SessionOptions) {
  const findGrant = grantFinder(options.grants);
  const stillGranted = (s: Session) =>
    options.grants.some(
      (g) => g.name === s.name && g.practiceId === s.practiceId && g.role === s.role,
    );
  const cookie = (maxAgeMs: number) => ({
    path: '/',
    httpOnly: true,
    secure: options.secure,
    sameSite: 'Strict' as const,
    maxAge: Math.floor(maxAgeMs / 1000),
    ...(options.secure ? { prefix: 'host' as const } : {}),
  });
  const prefix = options.secure ? ('host' as const) : undefined;
  const mac = (value: string) =>
    createHmac('sha256', options.secret).update(value).digest('base64url');
  const sameMac = (expected: string, given: string) => {
    const a = Buffer.from(expected);
    const b = Buffer.from(given);
    return a.length === b.length && timingSafeEqual(a, b);
  };

  return {
    /** The principal a configured token grants, or undefined. */
    principalFor: (token: string): Principal | undefined => findGrant(token),

    async start(c: Context, principal: Principal): Promise<void> {
      const session: Session = {
        sid: randomBytes(16).toString('base64url'),
        ...principal,
        via: 'token',
        exp: options.clock.now().getTime() + options.ttlMs,
      };
      deleteCookie(c, SIGN_IN_COOKIE, { path: '/', secure: options.secure });
      await setSignedCookie(
        c,
        SESSION_COOKIE,
        JSON.stringify(session),
        options.secret,
        cookie(options.ttlMs),
      );
    },

    async read(c: Context): Promise<Session | null> {
      const raw = await getSignedCookie(c, options.secret, SESSION_COOKIE, prefix);
      if (!raw) return null;
      const parsed = Session.safeParse(safeJson(raw));
      if (!parsed.success) return null;
      const session = parsed.data;
      if (session.exp <= options.clock.now().getTime() || !stillGranted(session)) return null;
      return session;
    },

    end(c: Context): void {
      deleteCookie(c, SESSION_COOKIE, {
        path: '/',
        secure: options.secure,
        ...(prefix ? { prefix } : {}),
      });
    },

    csrfToken: (session: Session) => mac(`csrf|${session.sid}`),
    checkCsrf: (session: Session, token: string | undefined) =>
      token !== undefined && sameMac(mac(`csrf|${session.sid}`), token),

    /** A nonce cookie for the sign-in form, so a sign-in cannot be forged either. */
    async signInToken(c: Context): Promise<string> {
      const nonce = randomBytes(16).toString('base64url');
      await setSignedCookie(c, SIGN_IN_COOKIE, nonce, options.secret, cookie(15 * 60_000));
      return mac(`sign-in|${nonce}`);
    },
    async checkSignIn(c: Context, token: string | undefined): Promise<boolean> {
      const nonce = await getSignedCookie(c, options.secret, SIGN_IN_COOKIE);
      return !!nonce && token !== undefined && sameMac(mac(`sign-in|${nonce}`), token);
    },
  };
}

export type WorkspaceSessions = ReturnType<typeof workspaceSessions>;

function safeJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return null;
  }
}
