import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { ReviewDecision } from '../../src/domain/index.js';
import {
  AuditEntry,
  ReferralDetail,
  ReferralSummary,
  ReviewResult,
  Task,
} from '../../src/http/schemas.js';
import { type HttpResult, jsonClient } from './http.js';

export type Detail = z.infer<typeof ReferralDetail>;
export type Summary = z.infer<typeof ReferralSummary>;
export type Audit = z.infer<typeof AuditEntry>;
export type ReviewAnswer = z.infer<typeof ReviewResult>;
export type CoordinatorTask = z.infer<typeof Task>;
export type Candidate = Detail['candidates'][number];

function expectOk<T>(what: string, res: HttpResult, schema: z.ZodType<T>): T {
  if (res.status !== 200) throw new Error(`${what}: HTTP ${res.status} ${res.text.slice(0, 500)}`);
  return schema.parse(res.json);
}

/**
 * The coordinator API as one token sees it. The typed readers check each answer against the
 * published response schema, so a contract drift fails the test that hit it.
 */
export function serviceApi(baseUrl: string, token: string | undefined) {
  const http = jsonClient(baseUrl, token);
  const List = ReferralSummary.array();
  return {
    ...http,
    async list(status?: string): Promise<Summary[]> {
      const res = await http.get(`/api/referrals${status ? `?status=${status}` : ''}`);
      if (res.status !== 200) throw new Error(`list: HTTP ${res.status} ${res.text}`);
      return List.parse((res.json as { data: unknown }).data);
    },
    async referral(id: string): Promise<Detail> {
      return expectOk(`GET referral ${id}`, await http.get(`/api/referrals/${id}`), ReferralDetail);
    },
    async audit(id: string): Promise<Audit[]> {
      const res = await http.get(`/api/referrals/${id}/audit`);
      if (res.status !== 200) throw new Error(`audit: HTTP ${res.status} ${res.text}`);
      return AuditEntry.array().parse((res.json as { data: unknown }).data);
    },
    async tasks(status?: 'open' | 'done'): Promise<CoordinatorTask[]> {
      const res = await http.get(`/api/tasks${status ? `?status=${status}` : ''}`);
      if (res.status !== 200) throw new Error(`tasks: HTTP ${res.status} ${res.text}`);
      return Task.array().parse((res.json as { data: unknown }).data);
    },
    /** `POST /api/referrals/{id}/review`; `key: null` sends no Idempotency-Key. */
    review(
      id: string,
      decision: ReviewDecision | Record<string, unknown>,
      key: string | null = randomUUID(),
    ): Promise<HttpResult> {
      return http.post(
        `/api/referrals/${id}/review`,
        decision,
        key === null ? {} : { 'idempotency-key': key },
      );
    },
    /** A review that must succeed; returns the validated answer. */
    async decide(id: string, decision: ReviewDecision, key?: string): Promise<ReviewAnswer> {
      return expectOk(`review ${id}`, await this.review(id, decision, key), ReviewResult);
    },
  };
}

export type ServiceApi = ReturnType<typeof serviceApi>;
