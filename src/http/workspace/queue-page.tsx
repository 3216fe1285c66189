import type { Child } from 'hono/jsx';
import type {
  CoordinatorTask,
  QueueGate,
  QueueItem,
  TaskKind,
  Urgency,
} from '../../domain/index.js';
import { FilterSelect, URGENCY_CHOICES } from './filter-select.js';
import { CsrfField, Layout, Notice, type PageContext } from './layout.js';
import { ageOf, isGateOverdue, isTaskOverdue } from './queue-policy.js';

/** The queue's sections: the two human gates, and the two kinds of loop work. */
export const QUEUE_VIEWS = ['review', 'exception', 'follow_up', 'gap_in_care'] as const;
export type QueueView = (typeof QUEUE_VIEWS)[number];

/** The open tasks the follow-up view lists: the loop's and the deliveries' loose ends. */
export const FOLLOW_UP_KINDS: readonly TaskKind[] = [
  'follow_up',
  'no_show',
  'expired',
  'delivery_failed',
  'unmatched_message',
  'upstream_unavailable',
  'unknown_referral',
  'drift_alert',
];

const VIEW_LABEL: Record<QueueView, string> = {
  review: 'Pending review',
  exception: 'Exceptions',
  follow_up: 'Follow-ups',
  gap_in_care: 'Gaps in care',
};

export interface QueueFilters {
  view: QueueView;
  specialty?: string | undefined;
  urgency?: Urgency | undefined;
  minAgeDays?: number | undefined;
}

export interface QueuePageData {
  filters: QueueFilters;
  counts: Record<QueueView, number>;
  items: QueueItem[];
  tasks: CoordinatorTask[];
  specialties: { key: string; label: string }[];
  now: Date;
  notice?: { kind: 'ok' | 'error'; text: string } | undefined;
}

const query = (f: QueueFilters, view: QueueView) => {
  const p = new URLSearchParams({ view });
  if (f.specialty) p.set('specialty', f.specialty);
  if (f.urgency) p.set('urgency', f.urgency);
  if (f.minAgeDays !== undefined) p.set('age', String(f.minAgeDays));
  return `/workspace?${p}`;
};

function Counts(props: { data: QueuePageData }) {
  return (
    <ul class="counts" id="queue-counts" aria-label="Queue sections">
      {Object.entries(VIEW_LABEL).map(([view, label]) => (
        <li>
          <a
            href={query(props.data.filters, view as QueueView)}
            aria-current={props.data.filters.view === view ? 'true' : undefined}
          >
            {label}
            <strong data-count={view}>{props.data.counts[view as QueueView]}</strong>
          </a>
        </li>
      ))}
    </ul>
  );
}

function Filters(props: { data: QueuePageData }) {
  const f = props.data.filters;
  return (
    <form method="get" action="/workspace" class="filters" aria-label="Filter the queue">
      <input type="hidden" name="view" value={f.view} />
      <FilterSelect
        id="f-specialty"
        name="specialty"
        label="Specialty"
        choices={props.data.specialties}
        selected={f.specialty}
      />
      <FilterSelect
        id="f-urgency"
        name="urgency"
        label="Urgency"
        choices={URGENCY_CHOICES}
        selected={f.urgency}
      />
      <div>
        <label for="f-age">Older than (days)</label>
        <input id="f-age" name="age" type="number" min="0" max="365" value={f.minAgeDays ?? ''} />
      </div>
      <button type="submit" class="secondary">
        Filter
      </button>
    </form>
  );
}

/** The queue's table: the rows a script refreshes live in `#queue-body`. */
function QueueTable(props: { view: QueueView; head: string[]; empty: boolean; children: Child }) {
  return (
    <table class="stack" id="queue-table">
      <caption class="sr-only">{VIEW_LABEL[props.view]}</caption>
      <thead>
        <tr>
          {props.head.map((h) => (
            <th scope="col">{h}</th>
          ))}
        </tr>
      </thead>
      <tbody id="queue-body">
        {props.empty && (
          <tr>
            <td colspan={props.head.length} class="muted">
              Nothing waits here.
            </td>
          </tr>
        )}
        {props.children}
      </tbody>
    </table>
  );
}

function ReferralRows(props: { data: QueuePageData; page: PageContext }) {
  const { data, page } = props;
  const gate = data.filters.view as QueueGate;
  const canAct = page.session.role === 'coordinator';
  return (
    <QueueTable
      view={data.filters.view}
      head={['Referral', 'Specialty', 'Urgency', 'Waiting', 'Action']}
      empty={data.items.length === 0}
    >
      {data.items.map((item) => {
        const href = `/workspace/referrals/${encodeURIComponent(item.record.id)}`;
        const overdue = isGateOverdue(gate, item.urgency, item.record.updatedAt, data.now);
        return (
          <tr data-row data-href={href} data-referral={item.record.id}>
            <td data-label="Referral">
              <a href={href}>{item.record.id}</a>
            </td>
            <td data-label="Specialty">{item.specialtyLabel ?? 'Not yet planned'}</td>
            <td data-label="Urgency">
              <span class={`badge ${item.urgency ?? ''}`}>{item.urgency ?? 'unknown'}</span>
            </td>
            <td data-label="Waiting">
              {ageOf(item.record.updatedAt, data.now)}{' '}
              {overdue && <span class="badge overdue">overdue</span>}
            </td>
            <td data-label="Action">
              {canAct && gate === 'review' ? (
                <form method="post" action={`${href}/decide`} data-approve>
                  <CsrfField csrf={page.csrf} />
                  <input type="hidden" name="decision" value="approve" />
                  <input
                    type="hidden"
                    name="interrupt"
                    value={item.record.pendingInterruptId ?? ''}
                  />
                  <input
                    type="hidden"
                    name="key"
                    value={`queue-approve-${item.record.id}-${item.record.updatedAt}`}
                  />
                  <input type="hidden" name="back" value="queue" />
                  <button type="submit">Approve</button>
                </form>
              ) : (
                <a href={href}>Open</a>
              )}
            </td>
          </tr>
        );
      })}
    </QueueTable>
  );
}

function TaskRows(props: { data: QueuePageData; page: PageContext }) {
  const { data, page } = props;
  const canAct = page.session.role === 'coordinator';
  return (
    <QueueTable
      view={data.filters.view}
      head={['Task', 'Referral', 'Open for', 'Action']}
      empty={data.tasks.length === 0}
    >
      {data.tasks.map((task) => {
        const href = task.referralId
          ? `/workspace/referrals/${encodeURIComponent(task.referralId)}`
          : null;
        return (
          <tr data-row data-href={href ?? undefined} data-task={task.id}>
            <td data-label="Task">
              <strong>{task.title}</strong>
              <div class="muted">{task.detail}</div>
            </td>
            <td data-label="Referral">{href ? <a href={href}>{task.referralId}</a> : '—'}</td>
            <td data-label="Open for">
              {ageOf(task.createdAt, data.now)}{' '}
              {isTaskOverdue(task.createdAt, data.now) && (
                <span class="badge overdue">overdue</span>
              )}
            </td>
            <td data-label="Action">
              {canAct && (
                <form
                  method="post"
                  action={`/workspace/tasks/${encodeURIComponent(task.id)}/complete`}
                >
                  <CsrfField csrf={page.csrf} />
                  <input type="hidden" name="key" value={`task-complete-${task.id}`} />
                  <button type="submit" class="secondary">
                    Complete
                  </button>
                </form>
              )}
            </td>
          </tr>
        );
      })}
    </QueueTable>
  );
}

/** The morning's work: what waits for a coordinator, most urgent and oldest first. */
export function QueuePage(props: { data: QueuePageData; page: PageContext }) {
  const { data, page } = props;
  const isGate = data.filters.view === 'review' || data.filters.view === 'exception';
  return (
    <Layout title="Queue" page={page} current="/workspace" scripts={['/assets/workspace.js']}>
      <h1>Queue</h1>
      {data.notice && <Notice kind={data.notice.kind}>{data.notice.text}</Notice>}
      <Counts data={data} />
      {isGate && <Filters data={data} />}
      <p class="kbd-help">
        Keys: <kbd>j</kbd>/<kbd>k</kbd> move, <kbd>Enter</kbd> opens
        {page.session.role === 'coordinator' && (
          <>
            , <kbd>a</kbd> approves
          </>
        )}
        . The queue refreshes by itself.
      </p>
      <p class="sr-only" id="queue-live" aria-live="polite" />
      <div data-queue data-refresh-ms="5000">
        {isGate ? <ReferralRows data={data} page={page} /> : <TaskRows data={data} page={page} />}
      </div>
    </Layout>
  );
}
