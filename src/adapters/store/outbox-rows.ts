import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import {
  type AuditAction,
  type OutboxMessage,
  OutboxPayload,
  type OutboxState,
  type Scalar,
} from '../../domain/index.js';
import { appendAudit } from './audit-chain.js';
import { sha256Hex } from './canonical-json.js';
import { nowIso, type StoreContext } from './context.js';
import type { OutboxTable, StoreDatabase } from './schema.js';

const QUEUED_ACTION: Record<OutboxPayload['kind'], AuditAction> = {
  status_writeback: 'writeback.queued',
  specialist_message: 'message.queued',
  ehr_task: 'task.created',
  ehr_document: 'message.queued',
  patient_message: 'message.queued',
};

const DELIVERED_ACTION: Record<OutboxPayload['kind'], AuditAction> = {
  status_writeback: 'writeback.delivered',
  specialist_message: 'message.delivered',
  ehr_task: 'writeback.delivered',
  ehr_document: 'document.filed',
  patient_message: 'message.delivered',
};

export function queuedAction(payload: OutboxPayload): AuditAction {
  return QUEUED_ACTION[payload.kind];
}

export function deliveredAction(payload: OutboxPayload): AuditAction {
  return DELIVERED_ACTION[payload.kind];
}

/**
 * The non-PHI facts about a payload that the audit trail may carry: never bodies, subjects or
 * patient ids.
 */
export function payloadFacts(payload: OutboxPayload): Record<string, Scalar> {
  switch (payload.kind) {
    case 'status_writeback':
      return { kind: payload.kind, status: payload.status };
    case 'specialist_message':
      return {
        kind: payload.kind,
        recipientNpi: payload.recipient.npi,
        purpose: payload.purpose ?? 'referral',
      };
    case 'ehr_task':
      return { kind: payload.kind };
    case 'ehr_document':
      return { kind: payload.kind, documentId: payload.documentId };
    case 'patient_message':
      return { kind: payload.kind, channel: payload.channel, language: payload.language };
  }
}

export function outboxIdemKey(transitionKey: string, index: number, payload: OutboxPayload) {
  return sha256Hex(`${transitionKey}|${index}|${payload.kind}`);
}

export function rowToMessage(row: OutboxTable): OutboxMessage {
  return {
    id: row.id,
    idemKey: row.idem_key,
    practiceId: row.practice_id,
    referralId: row.referral_id,
    payload: OutboxPayload.parse(JSON.parse(row.payload_json)),
    state: row.state as OutboxState,
    attempts: Number(row.attempts),
    nextAttemptAt: row.next_attempt_at,
    lastError: row.last_error,
  };
}

export interface EnqueueInput {
  practiceId: string;
  referralId: string;
  transitionKey: string;
  actor: string;
  payloads: readonly OutboxPayload[];
}

let sequence = 0;

/** Ids that sort in enqueue order (time, then a per-process counter), so delivery keeps that order. */
function sortableId(now: string): string {
  sequence = (sequence + 1) % 1e9;
  return `${now}-${String(sequence).padStart(9, '0')}-${randomUUID().slice(0, 8)}`;
}

/** Queues each payload (deduplicated by idem_key) and audits it, inside the caller's transaction. */
export async function enqueueOutbox(
  trx: Kysely<StoreDatabase>,
  ctx: StoreContext,
  input: EnqueueInput,
): Promise<void> {
  for (const [index, raw] of input.payloads.entries()) {
    const payload = OutboxPayload.parse(raw);
    const idemKey = outboxIdemKey(input.transitionKey, index, payload);
    const now = nowIso(ctx);
    const id = sortableId(now);
    const result = await trx
      .insertInto('outbox')
      .values({
        id,
        idem_key: idemKey,
        practice_id: input.practiceId,
        referral_id: input.referralId,
        payload_json: JSON.stringify(payload),
        state: 'pending',
        attempts: 0,
        next_attempt_at: now,
        lease_until: null,
        last_error: null,
        external_id: null,
        created_at: now,
        updated_at: now,
      })
      .onConflict((oc) => oc.column('idem_key').doNothing())
      .executeTakeFirst();
    if (Number(result.numInsertedOrUpdatedRows ?? 0) === 0) continue;
    await appendAudit(trx, ctx, {
      practiceId: input.practiceId,
      referralId: input.referralId,
      actor: input.actor,
      action: queuedAction(payload),
      data: { ...payloadFacts(payload), outboxId: id, idemKey },
    });
  }
}

/**
 * Withdraws the referral's queued messages of `kinds` that the relay has not claimed, inside the
 * caller's transaction (PostgreSQL: their rows locked, so the relay skips them); `tooLate` when
 * one of them is already being sent or was delivered.
 */
export async function withdrawQueued(
  trx: Kysely<StoreDatabase>,
  ctx: StoreContext,
  input: {
    practiceId: string;
    referralId: string;
    kinds: readonly OutboxPayload['kind'][];
    actor: string;
  },
): Promise<{ withdrawn: number; tooLate: boolean }> {
  const rows = await trx
    .selectFrom('outbox')
    .selectAll()
    .where('practice_id', '=', input.practiceId)
    .where('referral_id', '=', input.referralId)
    .where('state', 'in', ['pending', 'sending', 'sent'])
    .orderBy('id')
    .$if(ctx.dialect === 'postgres', (q) => q.forUpdate())
    .execute();
  const mine = rows.map(rowToMessage).filter((m) => input.kinds.includes(m.payload.kind));
  const queued = mine.filter((m) => m.state === 'pending');
  for (const message of queued) {
    await trx
      .updateTable('outbox')
      .set({ state: 'withdrawn', lease_until: null, updated_at: nowIso(ctx) })
      .where('id', '=', message.id)
      .execute();
    await appendAudit(trx, ctx, {
      practiceId: input.practiceId,
      referralId: input.referralId,
      actor: input.actor,
      action: 'message.withdrawn',
      data: { ...payloadFacts(message.payload), outboxId: message.id },
    });
  }
  return { withdrawn: queued.length, tooLate: mine.length > queued.length };
}
