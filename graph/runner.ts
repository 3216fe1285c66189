import { createHash } from 'node:crypto';
import { type BaseCheckpointSaver, Command } from '@langchain/langgraph';
import {
  AppError,
  AWAIT_KINDS,
  type DecisionReceipt,
  type PendingInterruptKind,
  type Referral,
  type Store,
  type Tracer,
} from '../src/domain/index.js';
import type { ReferralGraph } from './graph.js';
import { EXCEPTION_ACTION, REVIEW_ACTION } from './review-request.js';
import type { State } from './state.js';

export interface PendingInterrupt {
  id: string;
  kind: PendingInterruptKind;
  value: unknown;
}

export interface ReferralRef {
  practiceId: string;
  referralId: string;
}

/** One thread per referral; the id is derived, so a duplicate start finds the existing thread. */
export function threadIdFor(ref: ReferralRef): string {
  const digest = createHash('sha256').update(`${ref.practiceId}\n${ref.referralId}`).digest('hex');
  return `referral-${digest.slice(0, 32)}`;
}

function checkpointerOf(graph: ReferralGraph): BaseCheckpointSaver {
  const saver = graph.checkpointer;
  if (typeof saver !== 'object') throw new Error('the referral graph needs a checkpointer');
  return saver;
}

/** LangGraph's channel for resume values in a checkpoint's pending writes (not exported by it). */
const RESUME_CHANNEL = '__resume__';

const hasValues = (values: unknown) =>
  typeof values === 'object' && values !== null && Object.keys(values).length > 0;

function kindOf(value: unknown): PendingInterruptKind | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as { kind?: unknown; action_request?: { action?: unknown } };
  const awaiting = AWAIT_KINDS.find((k) => k === v.kind);
  if (awaiting) return awaiting;
  if (v.action_request?.action === REVIEW_ACTION) return 'review';
  if (v.action_request?.action === EXCEPTION_ACTION) return 'exception';
  return null;
}

/**
 * Runs the graph for referrals: durable (`durability: "sync"`), one run per thread at a time,
 * resumes only a pending interrupt named by id, and mirrors the pending gate into the index.
 */
export function createReferralRunner(deps: {
  graph: ReferralGraph;
  store: Store;
  tracer?: Tracer;
}) {
  const { graph, store, tracer } = deps;
  const checkpointer = checkpointerOf(graph);

  /** The thread's state, and which of its tasks a resume has already answered. */
  async function snapshot(ref: ReferralRef) {
    const config = { configurable: { thread_id: threadIdFor(ref) } };
    const [state, tuple] = await Promise.all([
      graph.getState(config),
      checkpointer.getTuple(config),
    ]);
    const answered = new Set(
      (tuple?.pendingWrites ?? []).filter(([, ch]) => ch === RESUME_CHANNEL).map(([task]) => task),
    );
    return { state, answered };
  }

  type Snapshot = Awaited<ReturnType<typeof snapshot>>;

  /** Unfinished tasks (finished tasks keep their interrupts: stack notes §1.5.3). */
  const unfinished = (snap: Snapshot) => snap.state.tasks.filter((t) => t.result === undefined);

  /**
   * Interrupts still waiting for an answer. A task that was resumed but did not finish (the
   * process died mid-decision) is not waiting: its run is stalled, and continuing it applies the
   * recorded answer.
   */
  function gatesOf(snap: Snapshot): PendingInterrupt[] {
    return unfinished(snap)
      .filter((t) => !snap.answered.has(t.id))
      .flatMap((t) => t.interrupts)
      .flatMap((i) => {
        const kind = kindOf(i.value);
        return i.id && kind ? [{ id: i.id, kind, value: i.value }] : [];
      });
  }

  /** Work left and nothing to wait for: a crash stopped it between steps or mid-decision. */
  function isStalled(snap: Snapshot): boolean {
    if (unfinished(snap).some((t) => snap.answered.has(t.id))) return true;
    return snap.state.next.length > 0 && gatesOf(snap).length === 0;
  }

  async function pending(ref: ReferralRef): Promise<PendingInterrupt[]> {
    return gatesOf(await snapshot(ref));
  }

  /** Mirrors the thread's pending gate (if any) into the referral index. */
  async function syncGate(ref: ReferralRef): Promise<PendingInterrupt | null> {
    const gate = (await pending(ref))[0] ?? null;
    await store.referrals.setPendingInterrupt(
      ref.practiceId,
      ref.referralId,
      gate ? { id: gate.id, kind: gate.kind } : null,
    );
    return gate;
  }

  /** Runs the graph (fresh input, `null` to continue, or a resume command), then mirrors the gate. */
  async function run(
    ref: ReferralRef,
    input: Parameters<ReferralGraph['invoke']>[0],
    actor = 'system',
    receipt?: DecisionReceipt,
  ) {
    const threadId = threadIdFor(ref);
    const invoke = (callbacks: unknown[] = []) =>
      graph.invoke(input, {
        configurable: { thread_id: threadId, actor, ...(receipt ? { receipt } : {}) },
        durability: 'sync',
        // biome-ignore lint/suspicious/noExplicitAny: the tracer's LangChain handlers, opaque to the port
        callbacks: callbacks as any,
      });
    const name = input === null ? 'continue' : input instanceof Command ? 'resume' : 'start';
    await (tracer ? tracer.run({ threadId, ...ref, name }, invoke) : invoke());
    return syncGate(ref);
  }

  /** Continues a thread that stopped between steps (a crash mid-run), if it has work left. */
  async function continueIfStalled(ref: ReferralRef): Promise<boolean> {
    if (!isStalled(await snapshot(ref))) {
      await syncGate(ref);
      return false;
    }
    await run(ref, null);
    return true;
  }

  return {
    pending,
    threadIdFor,

    async state(ref: ReferralRef): Promise<State | null> {
      const { values } = await graph.getState({ configurable: { thread_id: threadIdFor(ref) } });
      return hasValues(values) ? (values as State) : null;
    },

    /**
     * Starts the thread for a new referral (with the EHR's answer when the caller just read it);
     * a second start of the same referral changes nothing.
     */
    async start(ref: ReferralRef, fetched: Referral | null = null): Promise<'started' | 'exists'> {
      const threadId = threadIdFor(ref);
      return store.locks.withLock(threadId, async () => {
        await store.referrals.createReferral({
          id: ref.referralId,
          practiceId: ref.practiceId,
          threadId,
        });
        if (hasValues((await snapshot(ref)).state.values)) {
          await continueIfStalled(ref);
          return 'exists';
        }
        await run(ref, { ...ref, ...(fetched ? { referral: fetched } : {}) });
        return 'started';
      });
    },

    /**
     * Resumes the interrupt `interruptId` with `value`; refuses when it is not pending (now).
     * A `receipt` is stored with the transition the resumed gate decides.
     */
    async resume(
      input: ReferralRef & {
        interruptId: string;
        value: unknown;
        actor: string;
        receipt?: DecisionReceipt;
      },
    ) {
      const threadId = threadIdFor(input);
      return store.locks.withLock(threadId, async () => {
        const gates = await pending(input);
        if (!gates.some((g) => g.id === input.interruptId)) {
          throw new AppError('CONFLICT', 'That decision point is no longer pending');
        }
        return run(
          input,
          new Command({ resume: { [input.interruptId]: input.value } }),
          input.actor,
          input.receipt,
        );
      });
    },

    /**
     * Offers an outside event to the thread once its current run is over (under the thread's
     * lock, so an event that arrives mid-run waits for the gate it is meant for): `choose` picks
     * the gate and the resume value, or null when no pending gate takes it.
     */
    async deliver(
      ref: ReferralRef,
      choose: (gates: PendingInterrupt[]) => { interruptId: string; value: unknown } | null,
      actor: string,
    ): Promise<'resumed' | 'not_pending'> {
      return store.locks.withLock(threadIdFor(ref), async () => {
        await continueIfStalled(ref);
        const chosen = choose(await pending(ref));
        if (!chosen) return 'not_pending';
        await run(ref, new Command({ resume: { [chosen.interruptId]: chosen.value } }), actor);
        return 'resumed';
      });
    },

    /** Waits for the referral's current run, and continues it if a crash left it stalled. */
    async settle(ref: ReferralRef): Promise<void> {
      await store.locks.withLock(threadIdFor(ref), () => continueIfStalled(ref));
    },

    /** After a restart: continue every unfinished referral that has work left and no gate. */
    async recover(): Promise<number> {
      let resumed = 0;
      for (const record of await store.referrals.listUnfinished()) {
        const ref = { practiceId: record.practiceId, referralId: record.id };
        const didRun = await store.locks.withLock(record.threadId, async () => {
          if (!hasValues((await snapshot(ref)).state.values)) {
            await run(ref, { ...ref });
            return true;
          }
          return continueIfStalled(ref);
        });
        if (didRun) resumed++;
      }
      return resumed;
    },
  };
}

export type ReferralRunner = ReturnType<typeof createReferralRunner>;
