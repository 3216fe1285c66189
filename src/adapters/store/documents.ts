import type { Kysely } from 'kysely';
import type {
  DocumentStore,
  NewDocument,
  StoredDocument,
  UploadReceipt,
} from '../../domain/index.js';
import { appendAudit, lockAuditChain } from './audit-chain.js';
import { nowIso, type StoreContext } from './context.js';
import { insertLoopEvent } from './inbox.js';
import type { ConsultDocumentsTable, StoreDatabase } from './schema.js';

const rowToDocument = (row: ConsultDocumentsTable): StoredDocument => ({
  id: row.id,
  practiceId: row.practice_id,
  referralId: row.referral_id,
  source: row.source as StoredDocument['source'],
  format: row.format as StoredDocument['format'],
  title: row.title,
  content: row.content,
  summary: row.summary,
  authorNpi: row.author_npi,
  encounterDate: row.encounter_date,
  receivedAt: row.received_at,
});

/**
 * Inserts the document unless its key exists, inside the caller's transaction (audit chain
 * locked); audited as `actor`'s (its source by default).
 */
export async function insertDocument(
  trx: Kysely<StoreDatabase>,
  ctx: StoreContext,
  doc: NewDocument,
  actor: string = doc.source,
): Promise<StoredDocument> {
  const inserted = await trx
    .insertInto('consult_documents')
    .values({
      id: doc.id,
      key: doc.key,
      practice_id: doc.practiceId,
      referral_id: doc.referralId,
      source: doc.source,
      format: doc.format,
      title: doc.title,
      content: doc.content,
      summary: doc.summary,
      author_npi: doc.authorNpi,
      encounter_date: doc.encounterDate,
      received_at: nowIso(ctx),
    })
    .onConflict((oc) => oc.column('key').doNothing())
    .executeTakeFirst();
  const row = await trx
    .selectFrom('consult_documents')
    .selectAll()
    .where('key', '=', doc.key)
    .executeTakeFirstOrThrow();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0) {
    await appendAudit(trx, ctx, {
      practiceId: doc.practiceId,
      referralId: doc.referralId,
      actor,
      action: 'document.stored',
      data: { documentId: row.id, format: doc.format, source: doc.source },
    });
  }
  return rowToDocument(row);
}

/**
 * Claims an upload's Idempotency-Key with its answer, inside the caller's transaction; the receipt
 * already stored under the key when it was claimed before.
 */
async function claimUploadKey(
  trx: Kysely<StoreDatabase>,
  ctx: StoreContext,
  practiceId: string,
  receipt: UploadReceipt,
): Promise<UploadReceipt | undefined> {
  const inserted = await trx
    .insertInto('idempotency_keys')
    .values({
      practice_id: practiceId,
      key: receipt.key,
      request_hash: receipt.requestHash,
      status_code: receipt.statusCode,
      body_json: JSON.stringify(receipt.body ?? null),
      created_at: nowIso(ctx),
    })
    .onConflict((oc) => oc.columns(['practice_id', 'key']).doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0) return undefined;
  const row = await trx
    .selectFrom('idempotency_keys')
    .select(['request_hash', 'status_code', 'body_json'])
    .where('practice_id', '=', practiceId)
    .where('key', '=', receipt.key)
    .executeTakeFirstOrThrow();
  return {
    key: receipt.key,
    requestHash: row.request_hash,
    statusCode: Number(row.status_code),
    body: JSON.parse(row.body_json) as unknown,
  };
}

export function createDocumentStore(ctx: StoreContext): DocumentStore {
  return {
    add(doc) {
      return ctx.db.transaction().execute(async (trx) => {
        await lockAuditChain(trx, ctx);
        return insertDocument(trx, ctx, doc);
      });
    },

    upload({ document, event, receipt, actor }) {
      return ctx.db.transaction().execute(async (trx) => {
        await lockAuditChain(trx, ctx);
        const first = await claimUploadKey(trx, ctx, document.practiceId, receipt);
        if (first) return { recorded: false, first };
        await insertDocument(trx, ctx, document, actor);
        await insertLoopEvent(trx, ctx, { practiceId: document.practiceId, ...event });
        return { recorded: true, first: receipt };
      });
    },

    async get(practiceId, id) {
      const row = await ctx.db
        .selectFrom('consult_documents')
        .selectAll()
        .where('practice_id', '=', practiceId)
        .where('id', '=', id)
        .executeTakeFirst();
      return row ? rowToDocument(row) : undefined;
    },

    async listForReferral(practiceId, referralId) {
      const rows = await ctx.db
        .selectFrom('consult_documents')
        .selectAll()
        .where('practice_id', '=', practiceId)
        .where('referral_id', '=', referralId)
        .orderBy('received_at', 'asc')
        .execute();
      return rows.map(rowToDocument);
    },
  };
}
