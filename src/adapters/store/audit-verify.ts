import type { AuditCheckpoint, AuditProblem, AuditVerification } from '../../domain/index.js';
import { auditCheckpoints, GENESIS_MAC, isSealed, lastCheckpoint } from './audit-anchors.js';
import { auditRows, GENESIS_HASH, linksTo } from './audit-chain.js';
import type { StoreContext } from './context.js';

/**
 * One pass over the chain and its checkpoints, both in seq order: every row must hash onto the
 * one before; every checkpoint must carry a MAC (made with `key`) over itself and the previous
 * checkpoint's MAC, and name the row at its seq exactly; no checkpoint may lie past the last row.
 * Only checkpoints that exist at the start count, so one written meanwhile cannot pass the rows read.
 */
export async function verifyAudit(
  ctx: StoreContext,
  key: string | undefined,
): Promise<AuditVerification> {
  const checkpoints = auditCheckpoints(ctx.db, (await lastCheckpoint(ctx.db))?.seq ?? 0);
  const pull = async () => {
    const result = await checkpoints.next();
    return result.done ? undefined : result.value;
  };
  let next = await pull();
  let prevHash = GENESIS_HASH;
  let prevMac = GENESIS_MAC;
  let checked = 0;
  let anchored = 0;

  const fail = (problem: AuditProblem, firstBadSeq: number): AuditVerification => ({
    ok: false,
    checked,
    firstBadSeq,
    anchored,
    unanchored: checked - anchored,
    problem,
  });
  const unsealed = (checkpoint: AuditCheckpoint): AuditProblem | null => {
    if (key === undefined) return 'anchor_key_missing';
    return isSealed(key, checkpoint, prevMac) ? null : 'anchor_mac_invalid';
  };

  try {
    for await (const row of auditRows(ctx.db)) {
      const seq = Number(row.seq);
      if (seq !== checked + 1 || !linksTo(row, prevHash)) return fail('row_hash_mismatch', seq);
      prevHash = row.hash;
      checked = seq;
      while (next !== undefined && next.seq <= seq) {
        const problem = unsealed(next);
        if (problem) return fail(problem, anchored + 1);
        if (next.seq !== seq || next.hash !== row.hash)
          return fail('anchor_mismatch', anchored + 1);
        anchored = seq;
        prevMac = next.mac;
        next = await pull();
      }
    }
    if (next !== undefined) {
      const problem = unsealed(next);
      return problem ? fail(problem, anchored + 1) : fail('truncated', checked + 1);
    }
    return {
      ok: true,
      checked,
      firstBadSeq: null,
      anchored,
      unanchored: checked - anchored,
      problem: null,
    };
  } finally {
    await checkpoints.return(undefined);
  }
}
