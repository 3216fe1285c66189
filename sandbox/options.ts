import type { OfficeProfile } from './offices/index.js';

export type Logger = (line: Record<string, unknown>) => void;

export interface OfficeOptions {
  /** 1 = real time (default); 1440 = an office day passes in a minute. */
  timeScale?: number;
  /** `startSandbox` sends due messages this often; default 1000 ms, 0 = only when asked. */
  tickMs?: number;
  /** Profiles by NPI, instead of the one a hash of the NPI and the referral id picks. */
  profiles?: Record<string, OfficeProfile>;
  /** Waits between attempts at one message, on the sandbox clock; default 5 s, 30 s, 2 min, 10 min. */
  retryDelaysMs?: number[];
  /** How long an office waits for an ACK; default 10 s. */
  ackTimeoutMs?: number;
}

export interface SandboxOptions {
  /** 0 = an ephemeral port. */
  port: number;
  /** Default '127.0.0.1'. */
  host?: string;
  practiceId: string;
  /** Callers must send `Authorization: Bearer <apiKey>` on /api/* and /payer/*. */
  apiKey: string;
  /** Where referral events are POSTed (the service's /webhooks/ehr). */
  webhookUrl: string;
  /** A Standard Webhooks secret, 'whsec_<base64>'. */
  webhookSecret: string;
  /** Deterministic world generation; default 42. */
  seed?: number;
  /** Default 40. */
  patientCount?: number;
  /** Waits between delivery attempts (so length + 1 attempts); default up to two minutes. */
  webhookRetryDelaysMs?: number[];
  /** Structured log lines; default silent. */
  logger?: Logger;
  /** The most a client may take to send its request headers; default 10 s. */
  headersTimeoutMs?: number;
  /** The most a client may take to send its whole request; default 30 s. */
  requestTimeoutMs?: number;
  /** The service's HL7 v2 MLLP listener; without it the specialist offices stay silent. */
  hl7?: { host: string; port: number };
  offices?: OfficeOptions;
  /** The sandbox clock (referral timestamps, office schedules); default the wall clock. */
  now?: () => Date;
}

/** What `createSandboxApp` takes: socket options are ignored there; `fetch` is for tests. */
export type SandboxAppOptions = Omit<
  SandboxOptions,
  'port' | 'host' | 'headersTimeoutMs' | 'requestTimeoutMs'
> &
  Partial<Pick<SandboxOptions, 'port' | 'host' | 'headersTimeoutMs' | 'requestTimeoutMs'>> & {
    fetch?: typeof fetch;
  };

export const DEFAULT_SEED = 42;
export const DEFAULT_HEADERS_TIMEOUT_MS = 10_000;
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;
export const DEFAULT_PATIENT_COUNT = 40;
export const DEFAULT_RETRY_DELAYS_MS: readonly number[] = [
  1000, 2000, 5000, 10_000, 30_000, 60_000, 120_000,
];
export const DEFAULT_OFFICE_TICK_MS = 1000;
export const DEFAULT_OFFICE_RETRY_DELAYS_MS: readonly number[] = [5000, 30_000, 120_000, 600_000];
export const DEFAULT_OFFICE_ACK_TIMEOUT_MS = 10_000;
export const silent: Logger = () => {};
