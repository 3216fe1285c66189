import type { z } from 'zod';
import {
  AppError,
  CLINICAL_NOTES_LIMIT,
  type ClinicalNote,
  type EhrClient,
  type OutboxPayload,
  type ReferralChange,
  type ReferralChangePage,
} from '../../domain/index.js';
import { createHttpClient, type HttpClientOptions } from '../http-client.js';
import {
  toClinicalNote,
  toCoverage,
  toPatient,
  toProvider,
  toReferral,
  toReferralChange,
} from './map.js';
import {
  listOf,
  WireChangePage,
  WireClinicalNote,
  WireCoverage,
  WireCreated,
  WirePatient,
  WireProvider,
  WireReferral,
  WireReferralChange,
} from './wire.js';

function mapped<W, D>(map: (wire: W) => D): (wire: W) => D {
  return (wire) => {
    try {
      return map(wire);
    } catch (cause) {
      throw new AppError('UPSTREAM_REJECTED', 'EHR record failed domain validation', {
        cause,
        details: { upstream: 'ehr' },
      });
    }
  };
}

const id = (value: string) => encodeURIComponent(value);

/** The port's order whatever the upstream's: newest first, the upstream order kept within a day. */
const newestFirst = (a: ClinicalNote, b: ClinicalNote) =>
  a.date === b.date ? 0 : a.date < b.date ? 1 : -1;

/** One change-feed entry, or null when it does not validate (the caller counts and skips it). */
function changeOf(entry: unknown): ReferralChange | null {
  const wire = WireReferralChange.safeParse(entry);
  if (!wire.success) return null;
  try {
    return toReferralChange(wire.data);
  } catch {
    return null;
  }
}

/** The page's entries (each kept or counted invalid) and where the next page or pass starts. */
function toChangePage(page: z.infer<typeof WireChangePage>): ReferralChangePage {
  const changes: ReferralChange[] = [];
  let newest: { at: number; text: string } | null = null;
  for (const entry of page.data) {
    const change = changeOf(entry);
    if (change) changes.push(change);
    const at = Date.parse(entry.updated_at);
    if (newest === null || at > newest.at) newest = { at, text: entry.updated_at };
  }
  return {
    changes,
    invalid: page.data.length - changes.length,
    nextCursor: page.next_cursor ?? null,
    lastUpdatedAt: newest?.text ?? null,
  };
}

/** The RevolutionEHR REST surface (served by the sandbox in development). */
export function createRevolutionEhrClient(options: Omit<HttpClientOptions, 'upstream'>): EhrClient {
  const http = createHttpClient({ ...options, upstream: 'ehr' });

  function deliverRequest(payload: OutboxPayload) {
    switch (payload.kind) {
      case 'status_writeback':
        return {
          path: `/api/referrals/${id(payload.referralId)}/status`,
          body: { status: payload.status, ...(payload.note ? { note: payload.note } : {}) },
        };
      case 'specialist_message':
        return {
          path: '/api/messages',
          body: {
            referral_id: payload.referralId,
            recipient: payload.recipient,
            subject: payload.subject,
            body: payload.body,
          },
        };
      case 'ehr_task':
        return {
          path: '/api/tasks',
          body: { referral_id: payload.referralId, title: payload.title, detail: payload.detail },
        };
      case 'ehr_document':
        return {
          path: `/api/referrals/${id(payload.referralId)}/documents`,
          body: {
            title: payload.title,
            content_type: payload.contentType,
            content: payload.content,
            ...(payload.summary ? { summary: payload.summary } : {}),
            ...(payload.authorNpi ? { author_npi: payload.authorNpi } : {}),
          },
        };
      case 'patient_message':
        return {
          path: '/api/patient-messages',
          body: {
            referral_id: payload.referralId,
            patient_id: payload.patientId,
            channel: payload.channel,
            language: payload.language,
            body: payload.body,
          },
        };
    }
  }

  return {
    getReferral: async (referralId) =>
      mapped(toReferral)(
        await http.request({ path: `/api/referrals/${id(referralId)}`, schema: WireReferral }),
      ),
    getPatient: async (patientId) =>
      mapped(toPatient)(
        await http.request({ path: `/api/patients/${id(patientId)}`, schema: WirePatient }),
      ),
    getInsurance: async (patientId) => {
      const res = await http.request({
        path: `/api/patients/${id(patientId)}/insurance`,
        schema: listOf(WireCoverage),
      });
      return res.data.map(mapped(toCoverage));
    },
    getClinicalNotes: async (patientId) => {
      const res = await http.request({
        path: `/api/patients/${id(patientId)}/notes`,
        schema: listOf(WireClinicalNote),
      });
      return res.data.map(mapped(toClinicalNote)).sort(newestFirst).slice(0, CLINICAL_NOTES_LIMIT);
    },
    getProvider: async (providerId) =>
      mapped(toProvider)(
        await http.request({ path: `/api/providers/${id(providerId)}`, schema: WireProvider }),
      ),
    deliver: async (payload, idemKey) => {
      const req = deliverRequest(payload);
      const res = await http.request({
        method: 'POST',
        path: req.path,
        body: req.body,
        headers: { 'idempotency-key': idemKey },
        schema: WireCreated,
      });
      return { externalId: res.id };
    },
    listChangedReferrals: async ({ since, limit }) => {
      const query = `updated_since=${encodeURIComponent(since)}&limit=${limit}`;
      const page = await http.request({ path: `/api/referrals?${query}`, schema: WireChangePage });
      return toChangePage(page);
    },
  };
}
