import type { RunnableConfig } from '@langchain/core/runnables';
import type {
  Checkpoint,
  CheckpointMetadata,
  CheckpointTuple,
  PendingWrite,
} from '@langchain/langgraph-checkpoint';
import { SqliteSaver } from '@langchain/langgraph-checkpoint-sqlite';
import type BetterSqlite3 from 'better-sqlite3';

/** Runs `fn` while holding the store's single SQLite connection. */
export type ConnectionGate = <T>(fn: () => Promise<T>) => Promise<T>;

/**
 * The checkpointer shares the store's better-sqlite3 connection, so its statements must not land
 * inside a store transaction that is still open (a rollback there would drop the checkpoint).
 * Every saver call therefore waits for, and holds, the same connection mutex Kysely uses.
 */
export class GatedSqliteSaver extends SqliteSaver {
  readonly #gate: ConnectionGate;

  constructor(db: BetterSqlite3.Database, gate: ConnectionGate) {
    super(db);
    this.#gate = gate;
  }

  /** Creates the checkpoint tables now, not lazily inside somebody's transaction. */
  init(): void {
    this.setup();
  }

  override getTuple(config: RunnableConfig): Promise<CheckpointTuple | undefined> {
    return this.#gate(() => super.getTuple(config));
  }

  override put(
    config: RunnableConfig,
    checkpoint: Checkpoint,
    metadata: CheckpointMetadata,
  ): Promise<RunnableConfig> {
    return this.#gate(() => super.put(config, checkpoint, metadata));
  }

  override putWrites(
    config: RunnableConfig,
    writes: PendingWrite[],
    taskId: string,
  ): Promise<void> {
    return this.#gate(() => super.putWrites(config, writes, taskId));
  }

  override deleteThread(threadId: string): Promise<void> {
    return this.#gate(() => super.deleteThread(threadId));
  }
}
