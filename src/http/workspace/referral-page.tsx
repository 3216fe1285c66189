import type { AuditEvent, CoordinatorTask } from '../../domain/index.js';
import type { ReferralDetailView } from '../referral-view.js';
import { Candidates } from './candidates.js';
import { ExceptionForms, type FoundSpecialist, ReviewForms } from './decision-forms.js';
import { CsrfField, Layout, Notice, type PageContext } from './layout.js';
import { formatTime, Timeline } from './timeline.js';

export interface ReferralPageData {
  detail: ReferralDetailView;
  audit: AuditEvent[];
  tasks: CoordinatorTask[];
  specialtyChoices: { key: string; label: string }[];
  find: string | undefined;
  found: FoundSpecialist[];
  notice?: { kind: 'ok' | 'error'; text: string } | undefined;
}

const words = (s: string) => s.replaceAll('_', ' ');

function Summary(props: { d: ReferralDetailView }) {
  const { d } = props;
  return (
    <section class="card" aria-labelledby="reason-h">
      <h2 id="reason-h">Reason and codes</h2>
      {d.reason ? (
        <dl class="facts">
          <dt>Reason</dt>
          <dd>{d.reason.text}</dd>
          <dt>Diagnosis codes</dt>
          <dd>{d.reason.diagnosisCodes.join(', ') || 'none'}</dd>
          <dt>Urgency</dt>
          <dd>
            <span class={`badge ${d.reason.urgency}`}>{d.reason.urgency}</span>
          </dd>
          {d.flags.length > 0 && (
            <>
              <dt>Flags</dt>
              <dd>{d.flags.map(words).join(', ')}</dd>
            </>
          )}
        </dl>
      ) : (
        <p class="muted">The referral has not been read from the EHR yet.</p>
      )}
      <h3>Specialty plan</h3>
      {d.specialty && d.specialty.specialties.length > 0 ? (
        <>
          <ol>
            {d.specialty.specialties.map((s) => (
              <li>
                {s.label} ({s.tier}){s.condition && ` for ${s.condition}`}
                {s.evidence && <span class="muted"> · shown by {s.evidence}</span>}
              </li>
            ))}
          </ol>
          <p class="muted">
            Confidence {d.specialty.confidence}, from {d.specialty.source}: {d.specialty.evidence}
            {d.specialty.urgentCondition && ` · urgent condition: ${d.specialty.urgentCondition}`}
          </p>
        </>
      ) : (
        <p class="muted">No specialty planned.</p>
      )}
      {d.clinicalSummary && (
        <>
          <h3>Relevant history</h3>
          <p>{d.clinicalSummary}</p>
        </>
      )}
      {d.rationale && (
        <>
          <h3>Why this pick</h3>
          <p>{d.rationale}</p>
        </>
      )}
    </section>
  );
}

function Prepared(props: { d: ReferralDetailView }) {
  return (
    <section class="card" aria-labelledby="prep-h">
      <h2 id="prep-h">How this was prepared</h2>
      {props.d.agentRuns.length === 0 ? (
        <p class="muted">No agent has run yet.</p>
      ) : (
        <table class="stack">
          <thead>
            <tr>
              <th scope="col">Agent</th>
              <th scope="col">Step</th>
              <th scope="col">Path</th>
              <th scope="col">Detail</th>
            </tr>
          </thead>
          <tbody>
            {props.d.agentRuns.map((r) => (
              <tr>
                <td data-label="Agent">{words(r.agent)}</td>
                <td data-label="Step">{r.step}</td>
                <td data-label="Path">
                  {r.path === 'llm' ? `LLM (${r.prompt ?? 'prompt'})` : 'rules'}
                  {r.fallback && ` · ${words(r.fallback)}`}
                </td>
                <td data-label="Detail">{r.detail ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function Drafts(props: { d: ReferralDetailView }) {
  const { packet, outreach } = props.d;
  if (!packet && !outreach) return null;
  return (
    <section class="card" aria-labelledby="drafts-h">
      <h2 id="drafts-h">Letter and patient message</h2>
      {packet && (
        <>
          <h3>{packet.subject}</h3>
          <pre class="letter">{packet.body}</pre>
        </>
      )}
      {outreach && (
        <>
          <h3>To the patient ({outreach.patientMessage.language})</h3>
          <pre class="letter">{outreach.patientMessage.text}</pre>
        </>
      )}
    </section>
  );
}

function Tasks(props: { tasks: CoordinatorTask[]; page: PageContext }) {
  const open = props.tasks.filter((t) => t.status === 'open');
  if (props.tasks.length === 0) return null;
  return (
    <section class="card" aria-labelledby="tasks-h">
      <h2 id="tasks-h">Tasks</h2>
      <ul>
        {props.tasks.map((t) => (
          <li>
            <strong>{t.title}</strong> <span class="badge">{t.status}</span>
            <div class="muted">{t.detail}</div>
            {t.status === 'open' && props.page.session.role === 'coordinator' && (
              <form method="post" action={`/workspace/tasks/${encodeURIComponent(t.id)}/complete`}>
                <CsrfField csrf={props.page.csrf} />
                <input type="hidden" name="key" value={`task-complete-${t.id}`} />
                <input type="hidden" name="back" value={`referral:${t.referralId ?? ''}`} />
                <button type="submit" class="secondary">
                  Complete
                </button>
              </form>
            )}
          </li>
        ))}
      </ul>
      {open.length === 0 && <p class="muted">All done.</p>}
    </section>
  );
}

/** One referral: where it is, who was proposed and why, what waits, and what happened. */
export function ReferralPage(props: { data: ReferralPageData; page: PageContext }) {
  const { data, page } = props;
  const d = data.detail;
  const base = `/workspace/referrals/${encodeURIComponent(d.id)}`;
  const gate = d.pendingReview;
  const canAct = page.session.role === 'coordinator';
  const keyPrefix = `ws-${gate?.interruptId ?? 'none'}`;
  return (
    <Layout title={`Referral ${d.id}`} page={page}>
      <h1>
        Referral {d.id} <span class="badge">{words(d.status)}</span>
      </h1>
      {data.notice && <Notice kind={data.notice.kind}>{data.notice.text}</Notice>}
      <p class="muted">
        Created {formatTime(d.createdAt)} · {d.mode} mode ·{' '}
        <a href={`${base}/audit`}>Audit trail</a>
        {d.waiting && ` · waiting for ${words(d.waiting.kind.replace('await-', ''))}`}
        {d.waiting?.dueAt && ` until ${formatTime(d.waiting.dueAt)}`}
        {d.appointmentAt && ` · appointment ${formatTime(d.appointmentAt)}`}
      </p>
      {d.exception && (
        <Notice kind="error">
          Needs attention: {words(d.exception.reason)} at {d.exception.stage}
          {d.exception.detail && ` — ${d.exception.detail}`}
        </Notice>
      )}
      <div class="grid two">
        <div>
          <Summary d={d} />
          <section class="card" aria-labelledby="cand-h">
            <h2 id="cand-h">Candidates</h2>
            <Candidates
              candidates={d.candidates}
              recommendedId={d.recommendedCandidateId}
              selectedId={d.selectedCandidateId}
              decideUrl={canAct && gate?.kind === 'review' ? `${base}/decide` : null}
              csrf={page.csrf}
              keyPrefix={keyPrefix}
              interruptId={gate?.interruptId ?? ''}
            />
          </section>
          {gate?.kind !== 'review' && <Drafts d={d} />}
          {d.consultNote && (
            <section class="card" aria-labelledby="consult-h">
              <h2 id="consult-h">Consult note</h2>
              <p>
                <strong>{d.consultNote.title}</strong>
                {d.consultNote.encounterDate && ` · seen ${d.consultNote.encounterDate}`}
              </p>
              <pre class="letter">{d.consultNote.summary}</pre>
              <a href={`${base}/documents/${encodeURIComponent(d.consultNote.documentId)}`}>
                Read the document
              </a>
            </section>
          )}
        </div>
        <div>
          {gate && (gate.kind === 'review' || gate.kind === 'exception') && (
            <section class="card" aria-labelledby="decide-h">
              <h2 id="decide-h">{gate.kind === 'review' ? 'Review' : 'Resolve the exception'}</h2>
              {!canAct && <p class="muted">Your role can read this referral but not act on it.</p>}
              {canAct && gate.kind === 'review' && (
                <ReviewForms
                  action={`${base}/decide`}
                  csrf={page.csrf}
                  keyPrefix={keyPrefix}
                  interruptId={gate.interruptId}
                  letter={d.packet?.body ?? ''}
                  patientMessage={d.outreach?.patientMessage.text ?? null}
                />
              )}
              {canAct && gate.kind === 'exception' && (
                <ExceptionForms
                  action={`${base}/decide`}
                  csrf={page.csrf}
                  keyPrefix={keyPrefix}
                  interruptId={gate.interruptId}
                  specialties={data.specialtyChoices}
                  alternatives={d.alternatives}
                  find={data.find}
                  found={data.found}
                />
              )}
            </section>
          )}
          <Tasks tasks={data.tasks} page={page} />
          <Prepared d={d} />
          <section class="card" aria-labelledby="timeline-h">
            <h2 id="timeline-h">Timeline</h2>
            <Timeline audit={data.audit} />
          </section>
        </div>
      </div>
    </Layout>
  );
}
