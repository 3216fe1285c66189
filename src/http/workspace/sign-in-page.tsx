import { Layout, Notice } from './layout.js';

/** Exchanges a configured coordinator or viewer token for a session. */
export function SignInPage(props: { csrf: string; next: string; error?: string | undefined }) {
  return (
    <Layout title="Sign in" page={null}>
      <h1>Sign in</h1>
      {props.error && <Notice kind="error">{props.error}</Notice>}
      <form method="post" action="/sign-in" class="card" aria-label="Sign in">
        <input type="hidden" name="csrf" value={props.csrf} />
        <input type="hidden" name="next" value={props.next} />
        <label for="token">Access token</label>
        <input
          id="token"
          name="token"
          type="password"
          autocomplete="current-password"
          required
          maxlength={512}
        />
        <p class="muted">
          Your practice's administrator gives you a coordinator or viewer token (see the README).
        </p>
        <button type="submit">Sign in</button>
      </form>
    </Layout>
  );
}
