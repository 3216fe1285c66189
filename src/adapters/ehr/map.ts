import type { z } from 'zod';
import {
  ClinicalNote,
  Coverage,
  EhrResponse,
  Patient,
  Referral,
  ReferralChange,
  ReferringProvider,
} from '../../domain/index.js';
import type {
  WireClinicalNote,
  WireCoverage,
  WirePatient,
  WireProvider,
  WireReferral,
  WireReferralChange,
} from './wire.js';

/** Wire → domain; the domain schemas run last, so a drifting upstream fails loudly here. */
export function toPatient(w: z.infer<typeof WirePatient>): Patient {
  return Patient.parse({
    id: w.id,
    givenName: w.given_name,
    familyName: w.family_name,
    birthDate: w.birth_date,
    sex: w.sex,
    address: {
      line: w.address.line,
      city: w.address.city,
      state: w.address.state,
      postalCode: w.address.postal_code,
    },
    location: w.location,
    language: w.language,
    preferredChannel: w.preferred_channel,
    ...(w.phone ? { phone: w.phone } : {}),
    ...(w.email ? { email: w.email } : {}),
    ...(w.mrn ? { mrn: w.mrn } : {}),
  });
}

export function toCoverage(w: z.infer<typeof WireCoverage>): Coverage {
  return Coverage.parse({
    payerId: w.payer_id,
    payerName: w.payer_name,
    planId: w.plan_id,
    planName: w.plan_name,
    memberId: w.member_id,
    isPrimary: w.is_primary,
  });
}

export function toReferral(w: z.infer<typeof WireReferral>): Referral {
  return Referral.parse({
    id: w.id,
    practiceId: w.practice_id,
    patientId: w.patient_id,
    referringProviderId: w.referring_provider_id,
    reason: w.reason,
    diagnosisCodes: w.diagnosis_codes,
    ...(w.specialty ? { specialty: w.specialty } : {}),
    urgency: w.urgency ?? 'routine',
    ...(w.preferred_radius_km ? { preferredRadiusKm: w.preferred_radius_km } : {}),
    createdAt: w.created_at,
  });
}

export function toClinicalNote(w: z.infer<typeof WireClinicalNote>): ClinicalNote {
  return ClinicalNote.parse({
    id: w.id,
    patientId: w.patient_id,
    date: w.date,
    kind: w.kind,
    ...(w.author ? { author: w.author } : {}),
    text: w.text,
  });
}

export function toProvider(w: z.infer<typeof WireProvider>): ReferringProvider {
  return ReferringProvider.parse(w);
}

const RESPONSE_TYPES: readonly string[] = EhrResponse.shape.type.options;

/** A change-feed entry; answers of a kind we do not know are left out, not fatal. */
export function toReferralChange(w: z.infer<typeof WireReferralChange>): ReferralChange {
  const responses = (w.specialist_responses ?? [])
    .filter((r) => RESPONSE_TYPES.includes(r.type))
    .map((r) => ({
      type: r.type,
      at: r.at,
      ...(r.note ? { note: r.note } : {}),
      ...(r.appointment_at ? { appointmentAt: r.appointment_at } : {}),
    }));
  return ReferralChange.parse({
    referralId: w.id,
    practiceId: w.practice_id,
    ...(w.created_at ? { createdAt: w.created_at } : {}),
    updatedAt: w.updated_at,
    status: w.status,
    lastWriteBack: w.status_history?.at(-1)?.status ?? null,
    cancelledAt: w.cancelled_at ?? null,
    ...(w.cancellation_reason ? { cancellationNote: w.cancellation_reason } : {}),
    responses,
  });
}
