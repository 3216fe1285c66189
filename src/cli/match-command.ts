import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { matchAdHoc } from '../../agents/index.js';
import { openDirectoryIndex } from '../adapters/directory-index/index.js';
import { openStore } from '../adapters/store/index.js';
import type { Config } from '../config.js';
import {
  AppError,
  type EhrClient,
  issuesFromZod,
  MatchRequest,
  type PayerClient,
  toAppError,
} from '../domain/index.js';

/** One referral as JSON in → one result as JSON out; NDJSON in → one result a line, in order. */
function parseInput(text: string): { requests: unknown[]; isStream: boolean } {
  const trimmed = text.trim();
  try {
    return { requests: [JSON.parse(trimmed) as unknown], isStream: false };
  } catch {
    const lines = trimmed.split('\n').filter((l) => l.trim() !== '');
    return {
      requests: lines.map((line) => {
        try {
          return JSON.parse(line) as unknown;
        } catch {
          return Symbol.for('invalid-json');
        }
      }),
      isStream: true,
    };
  }
}

/** `referrals match [file|-]`: the matcher on the configured directory, without the service. */
export async function matchCommand(
  config: Config,
  [source = '-']: string[],
  io: { out: (line: string) => void; readStdin: () => string },
): Promise<number> {
  const text = source === '-' ? io.readStdin() : readFileSync(source, 'utf8');
  const { requests, isStream } = parseInput(text);
  const opened = await openStore(config.store);
  const directoryIndex = await openDirectoryIndex(config.directory.index, config.llm);
  const runtime = {
    deps: {
      directory: directoryIndex.index,
      plans: opened.store.directory,
      profiles: opened.store.directory,
      outcomes: opened.store.outcomes,
      ehr: NO_EHR,
      payer: NO_PAYER,
    },
    audit: opened.store.audit,
  };
  let failures = 0;
  try {
    for (const raw of requests) {
      const parsed = MatchRequest.safeParse(raw);
      let result: unknown;
      if (!parsed.success) {
        failures++;
        result = {
          error: {
            code: 'VALIDATION_FAILED',
            issues:
              typeof raw === 'symbol'
                ? [{ path: '(root)', code: 'invalid_json', message: 'Not JSON' }]
                : issuesFromZod(parsed.error),
          },
        };
      } else {
        try {
          result = await matchAdHoc(parsed.data, {
            scope: { practiceId: config.sandbox.practiceId, referralId: `adhoc-${randomUUID()}` },
            runtime,
            matching: config.matching,
          });
        } catch (error) {
          failures++;
          const e = toAppError(error);
          result = {
            error: {
              code: e.code,
              message: e.message,
              ...(e.issues.length > 0 ? { issues: e.issues } : {}),
            },
          };
        }
      }
      io.out(isStream ? JSON.stringify(result) : JSON.stringify(result, null, 2));
    }
  } finally {
    directoryIndex.close();
    await opened.close();
  }
  return failures === 0 ? 0 : 1;
}

/** The ad hoc matcher reads only the directory: the EHR and the payer are out of its reach. */
const refuse = async (): Promise<never> => {
  throw new AppError('TOOL_NOT_ALLOWED', 'referrals match reads only the directory');
};
export const NO_EHR: EhrClient = {
  getReferral: refuse,
  getPatient: refuse,
  getInsurance: refuse,
  getProvider: refuse,
  getClinicalNotes: refuse,
  deliver: refuse,
  listChangedReferrals: refuse,
};
export const NO_PAYER: PayerClient = { getNetworkStatus: refuse };
