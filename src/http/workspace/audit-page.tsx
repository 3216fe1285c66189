import type { AuditEvent, AuditVerification } from '../../domain/index.js';
import { Layout, Notice, type PageContext } from './layout.js';
import { formatTime } from './timeline.js';

/** A referral's whole audit trail, and whether the hash chain under it still verifies. */
export function AuditPage(props: {
  referralId: string;
  events: AuditEvent[];
  verification: AuditVerification;
  page: PageContext;
}) {
  const v = props.verification;
  const base = `/workspace/referrals/${encodeURIComponent(props.referralId)}`;
  return (
    <Layout title={`Audit ${props.referralId}`} page={props.page}>
      <h1>Audit trail of referral {props.referralId}</h1>
      <p>
        <a href={base}>Back to the referral</a>
      </p>
      {v.ok ? (
        <Notice kind="ok">
          Chain verified: {v.checked} events checked, {v.anchored} anchored, {v.unanchored} after
          the last checkpoint.
        </Notice>
      ) : (
        <Notice kind="error">
          Chain verification failed at event {v.firstBadSeq ?? '?'}
          {v.problem ? ` (${v.problem.replaceAll('_', ' ')})` : ''}: the trail after it cannot be
          trusted.
        </Notice>
      )}
      <table class="stack" aria-label="Audit events">
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">When</th>
            <th scope="col">Who</th>
            <th scope="col">What</th>
            <th scope="col">Data</th>
          </tr>
        </thead>
        <tbody>
          {props.events.map((e) => (
            <tr>
              <td data-label="#">{e.seq}</td>
              <td data-label="When" class="nowrap">
                {formatTime(e.at)}
              </td>
              <td data-label="Who">{e.actor}</td>
              <td data-label="What">{e.action}</td>
              <td data-label="Data">
                <code>
                  {Object.entries(e.data)
                    .map(([k, val]) => `${k}=${String(val)}`)
                    .join(' ')}
                </code>
                <div class="muted">hash {e.hash.slice(0, 12)}…</div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Layout>
  );
}
