import type { Child } from 'hono/jsx';
import type { Session } from './session.js';

export interface PageContext {
  session: Session;
  csrf: string;
}

const NAV = [
  { href: '/workspace', label: 'Queue' },
  { href: '/workspace/analytics', label: 'Analytics' },
  { href: '/docs', label: 'API' },
] as const;

/** The hidden field every state-changing form carries. */
export const CsrfField = (props: { csrf: string }) => (
  <input type="hidden" name="csrf" value={props.csrf} />
);

/** The page shell: header with navigation and sign-out, one `main` landmark, our own assets only. */
export function Layout(props: {
  title: string;
  page: PageContext | null;
  current?: string;
  scripts?: readonly string[];
  children: Child;
}) {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title} · Referrals`}</title>
        <link rel="stylesheet" href="/assets/workspace.css" />
        {(props.scripts ?? []).map((src) => (
          <script src={src} defer />
        ))}
      </head>
      <body>
        <header class="top">
          <a class="brand" href="/workspace">
            Referrals
          </a>
          {props.page && (
            <>
              <nav aria-label="Workspace">
                {NAV.map((n) => (
                  <a href={n.href} aria-current={props.current === n.href ? 'page' : undefined}>
                    {n.label}
                  </a>
                ))}
              </nav>
              <form method="post" action="/sign-out" class="who">
                <span>
                  {props.page.session.name} · {props.page.session.practiceId} ·{' '}
                  {props.page.session.role}
                </span>
                <CsrfField csrf={props.page.csrf} />
                <button type="submit" class="link">
                  Sign out
                </button>
              </form>
            </>
          )}
        </header>
        <main id="main">{props.children}</main>
      </body>
    </html>
  );
}

/** `c.html` of a JSX page emits no doctype: every page goes out through this. */
export const DOCTYPE = '<!DOCTYPE html>';

/** A result or refusal shown at the top of a page after an action. */
export function Notice(props: { kind: 'ok' | 'error'; children: Child }) {
  return (
    <p class={`notice ${props.kind}`} role={props.kind === 'error' ? 'alert' : 'status'}>
      {props.children}
    </p>
  );
}
