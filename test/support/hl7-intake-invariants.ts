import { canTransition, ReferralStatus } from '../../src/domain/index.js';
import type { TableReader, TableRow } from './table-reader.js';

/** What the senders were told, as the test saw it. */
export interface Hl7Answers {
  /** Every ACK the service gave for a message it could read a header from. */
  acks: string[];
  /** How many messages were answered as unreadable (no header: HTTP 400, or a header-less AR). */
  unreadable: number;
}

export interface Hl7IntakeReport {
  /** Every broken invariant, one line each (empty when the intake held). */
  problems: string[];
  /** Rows of the HL7 log by disposition (and problem), and inbox entries by status. */
  counts: Record<string, number>;
}

const str = (value: unknown) => (value === null || value === undefined ? null : String(value));
const json = (value: unknown): Record<string, unknown> => JSON.parse(String(value));
const bump = (counts: Record<string, number>, key: string) => {
  counts[key] = (counts[key] ?? 0) + 1;
};

/** MSA-1 of an ER7 ACK. */
export function ackCodeOf(ack: string): string | undefined {
  const msa = ack.split('\r').find((s) => s.startsWith('MSA|'));
  return msa?.split('|')[1];
}

/**
 * Checks what one `hl7.record` transaction writes (`src/adapters/store/hl7-log.ts`) against
 * everything it could have written, in both directions: each logged message has exactly the
 * effect its disposition names (applied: its inbox event; task: its task; ignored and rejected:
 * nothing), each HL7 inbox event, task and document belongs to such a message, each receipt has
 * its `hl7.received` audit row, each answer is a logged ACK, and every referral moved only by
 * legal, chained transitions, each with its guard row.
 */
export async function checkHl7Intake(
  rows: TableReader,
  practiceId: string,
  answers: Hl7Answers,
): Promise<Hl7IntakeReport> {
  const problems: string[] = [];
  const counts: Record<string, number> = {};
  const log = await rows(
    'SELECT sending_facility, control_id, ack, ack_code, disposition, referral_id, problem FROM hl7_messages',
  );
  const inbox = (
    await rows(
      "SELECT webhook_id, referral_id, event_json, status FROM webhook_inbox WHERE type LIKE 'loop.%'",
    )
  ).filter((r) => json(r.event_json).source === 'hl7');
  const tasks = (await rows('SELECT key, referral_id FROM coordinator_tasks')).filter((r) =>
    /^hl7(-doc)?\|/.test(String(r.key)),
  );
  const documents = await rows(
    "SELECT key, referral_id FROM consult_documents WHERE source = 'hl7'",
  );
  const audit = await rows('SELECT seq, referral_id, action, data_json FROM audit_events');
  audit.sort((a, b) => Number(a.seq) - Number(b.seq));

  const byKey = <T extends TableRow>(list: T[], key: (r: T) => string) => {
    const map = new Map<string, T[]>();
    for (const r of list) {
      const k = key(r);
      const entries = map.get(k);
      if (entries) entries.push(r);
      else map.set(k, [r]);
    }
    return map;
  };
  const inboxById = byKey(inbox, (r) => String(r.webhook_id));
  const tasksByKey = byKey(tasks, (r) => String(r.key));
  const docsByKey = byKey(documents, (r) => String(r.key));
  const claimedInbox = new Set<string>();
  const claimedTasks = new Set<string>();
  const appliedKeys = new Map<string, string | null>();

  for (const row of log) {
    const key = `hl7|${row.sending_facility}|${row.control_id}`;
    const what = `message ${JSON.stringify(key).slice(0, 80)} (${row.disposition})`;
    const disposition = String(row.disposition);
    bump(counts, `log:${disposition}${row.problem ? `:${row.problem}` : ''}`);
    if (ackCodeOf(String(row.ack)) !== row.ack_code) problems.push(`${what}: ACK code differs`);
    const events = inboxById.get(`loop|${practiceId}|${key}`) ?? [];
    const taskRows = [
      ...(tasksByKey.get(key) ?? []),
      ...(tasksByKey.get(`hl7-doc|${key.slice(4)}`) ?? []),
    ];
    const docs = docsByKey.get(key) ?? [];
    for (const e of events) claimedInbox.add(String(e.webhook_id));
    for (const t of taskRows) claimedTasks.add(String(t.key));
    if (disposition === 'applied') {
      appliedKeys.set(key, str(row.referral_id));
      if (row.referral_id === null || row.ack_code !== 'AA')
        problems.push(`${what}: not AA or no referral`);
      if (events.length !== 1 || str(events[0]?.referral_id) !== str(row.referral_id))
        problems.push(`${what}: ${events.length} inbox events for its referral`);
      if (taskRows.length > 0) problems.push(`${what}: also a task`);
      if (docs.length > 1) problems.push(`${what}: ${docs.length} documents`);
    } else if (disposition === 'task') {
      if (taskRows.length !== 1) problems.push(`${what}: ${taskRows.length} tasks`);
      const docTask = String(taskRows[0]?.key ?? '').startsWith('hl7-doc|');
      if (row.ack_code !== (docTask ? 'AE' : 'AA')) problems.push(`${what}: ACK ${row.ack_code}`);
      if (events.length + docs.length > 0) problems.push(`${what}: also an event or a document`);
    } else if (disposition === 'ignored' || disposition === 'rejected') {
      if (events.length + taskRows.length + docs.length > 0)
        problems.push(`${what}: has an event, task or document`);
      if (disposition === 'rejected' && (row.ack_code === 'AA' || row.problem === null))
        problems.push(`${what}: rejected without a problem or with AA`);
    } else problems.push(`${what}: unknown disposition`);
  }

  for (const e of inbox) {
    bump(counts, `inbox:${e.status}`);
    if (!claimedInbox.has(String(e.webhook_id))) problems.push(`inbox ${e.webhook_id}: no message`);
    if (e.status === 'pending' || e.status === 'failed')
      problems.push(`inbox ${e.webhook_id}: ${e.status}`);
  }
  for (const t of tasks) {
    if (!claimedTasks.has(String(t.key))) problems.push(`task ${t.key}: no message`);
  }
  for (const d of documents) {
    const owner = appliedKeys.get(String(d.key));
    if (owner === undefined || owner !== str(d.referral_id))
      problems.push(`document ${d.key}: no applied message for its referral`);
  }

  // One `hl7.received` per receipt (and per unreadable message, which has no receipt).
  const received = audit.filter((a) => a.action === 'hl7.received');
  const byDisposition = (list: string[]) => {
    const tally: Record<string, number> = {};
    for (const d of list) bump(tally, d);
    return tally;
  };
  const audited = byDisposition(received.map((a) => String(json(a.data_json).disposition)));
  const logged = byDisposition(log.map((r) => String(r.disposition)));
  const { unreadable = 0, ...auditedReceipts } = audited;
  if (JSON.stringify(sorted(auditedReceipts)) !== JSON.stringify(sorted(logged)))
    problems.push(`hl7.received audit ${JSON.stringify(audited)} vs log ${JSON.stringify(logged)}`);
  if (unreadable !== answers.unreadable)
    problems.push(`${unreadable} unreadable audited, ${answers.unreadable} answered unreadable`);

  const recorded = audit.filter(
    (a) => a.action === 'event.recorded' && json(a.data_json).source === 'hl7',
  );
  if (recorded.length !== inbox.length)
    problems.push(`${recorded.length} HL7 events audited, ${inbox.length} in the inbox`);

  const loggedAcks = new Set(log.map((r) => String(r.ack)));
  const stray = answers.acks.filter((a) => !loggedAcks.has(a));
  if (stray.length > 0) problems.push(`${stray.length} ACKs answered that the log does not hold`);

  problems.push(...(await transitionProblems(rows, audit)));
  return { problems, counts };
}

function sorted(record: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b)));
}

/** Each referral's audited moves are legal, chained, guarded once, and end at its status. */
async function transitionProblems(rows: TableReader, audit: TableRow[]): Promise<string[]> {
  const problems: string[] = [];
  const referrals = await rows('SELECT id, status FROM referrals');
  const guards = await rows(
    'SELECT key, referral_id, from_status, to_status FROM referral_transitions',
  );
  const moves = audit.filter((a) => a.action === 'referral.transition');
  const guardKeys = new Set(guards.map((g) => `${g.referral_id}|${g.key}`));
  if (guards.length !== moves.length)
    problems.push(`${guards.length} transition guards, ${moves.length} audited transitions`);
  for (const referral of referrals) {
    const mine = moves.filter((m) => m.referral_id === referral.id).map((m) => json(m.data_json));
    let at: string | undefined;
    for (const move of mine) {
      const from = ReferralStatus.parse(move.from);
      const to = ReferralStatus.parse(move.to);
      if (at !== undefined && from !== at)
        problems.push(`${referral.id}: ${at}, then from ${from}`);
      if (from !== to && !canTransition(from, to)) problems.push(`${referral.id}: ${from} → ${to}`);
      if (!guardKeys.has(`${referral.id}|${move.key}`))
        problems.push(`${referral.id}: ${from} → ${to} has no guard row`);
      at = to;
    }
    if (at !== undefined && at !== referral.status)
      problems.push(`${referral.id}: last audited ${at}, status ${referral.status}`);
  }
  return problems;
}
