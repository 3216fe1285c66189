import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { type OpenStore, openStore } from '../../src/adapters/store/index.js';
import type { Clock } from '../../src/domain/index.js';
import { dropPgSchema, pgQuery, randomPgSchema, TEST_DATABASE_URL } from './postgres.js';

/** One database for one test file, opened as many times as a test needs. */
export interface TestBackend {
  name: 'sqlite' | 'postgres';
  open(options?: { clock?: Clock; auditAnchorKey?: string }): Promise<OpenStore>;
  /** Runs statements on a separate raw connection, outside the store (to play the attacker). */
  raw(statements: string[]): Promise<void>;
  /** Statements that switch the audit table's append-only triggers off. */
  disableAuditTriggers: string[];
  cleanup(): Promise<void>;
}

export function sqliteBackend(): TestBackend {
  const dir = mkdtempSync(join(tmpdir(), 'store-test-'));
  const path = join(dir, 'nested', 'referrals.sqlite');
  return {
    name: 'sqlite',
    open: (options = {}) => openStore({ kind: 'sqlite', path }, options),
    async raw(statements) {
      const db = new Database(path);
      try {
        for (const statement of statements) db.exec(statement);
      } finally {
        db.close();
      }
    },
    disableAuditTriggers: [
      'DROP TRIGGER audit_events_no_update',
      'DROP TRIGGER audit_events_no_delete',
    ],
    async cleanup() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function postgresBackend(schema = randomPgSchema()): TestBackend {
  return {
    name: 'postgres',
    open: (options = {}) =>
      openStore({ kind: 'postgres', url: TEST_DATABASE_URL }, { ...options, pgSchema: schema }),
    raw: (statements) => pgQuery(schema, statements),
    disableAuditTriggers: [
      'ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_modify',
      'ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_truncate',
    ],
    cleanup: () => dropPgSchema(schema),
  };
}

/** A clock the test moves by hand. */
export class ManualClock implements Clock {
  #ms: number;

  constructor(start = '2025-01-01T00:00:00.000Z') {
    this.#ms = Date.parse(start);
  }

  now(): Date {
    return new Date(this.#ms);
  }

  advance(ms: number): Date {
    this.#ms += ms;
    return this.now();
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A clock that moves 1 ms per reading, so orderings by time are deterministic. */
export class TickingClock implements Clock {
  #ms: number;

  constructor(start = '2025-01-01T00:00:00.000Z') {
    this.#ms = Date.parse(start);
  }

  now(): Date {
    this.#ms += 1;
    return new Date(this.#ms);
  }
}
