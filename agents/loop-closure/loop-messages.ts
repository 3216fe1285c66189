import type { TaskDraft } from '../../src/domain/index.js';

/** What the office, the patient and the coordinator are told as the loop is chased (no clinical detail). */

export function followUpToOffice(referralId: string, specialist: string, attempt: number) {
  return {
    subject: `Follow-up ${attempt}: referral ${referralId}`,
    body: [
      `Dear ${specialist} office,`,
      `We have not yet heard back about referral ${referralId}. Please acknowledge it and let us know the appointment date, quoting ${referralId} as the placer order number.`,
      'Thank you.',
    ].join('\n\n'),
  };
}

/** The office learns a referral it holds is cancelled; the subject prefix is the convention offices key on. */
export function cancellationToOffice(referralId: string, specialist: string) {
  return {
    subject: `Cancelled: referral ${referralId}`,
    body: `Dear ${specialist} office,\n\nReferral ${referralId} has been cancelled by the referring practice. Please cancel any appointment made for it. No reply is needed.`,
  };
}

const REBOOK: Record<string, (specialist: string) => string> = {
  en: (s) =>
    `We noticed you could not make your appointment with ${s}. Please call the office to book a new time, or reply to this message and we will help.`,
  es: (s) =>
    `Notamos que no pudo asistir a su cita con ${s}. Llame a la oficina para reservar una nueva hora, o responda a este mensaje y le ayudaremos.`,
};

/** The patient's rebooking nudge after a missed appointment, in their language where we have it. */
export function rebookToPatient(language: string, specialist: string) {
  const primary = language.split('-')[0]?.toLowerCase() ?? 'en';
  const write = REBOOK[primary] ?? REBOOK.en;
  return { language: REBOOK[primary] ? primary : 'en', text: (write ?? (() => ''))(specialist) };
}

export function followUpTask(referralId: string, attempts: number): TaskDraft {
  return {
    kind: 'follow_up',
    title: `Referral ${referralId}: the office has not answered ${attempts} follow-up(s)`,
    detail:
      'Call the specialist office, or choose another specialist (reject the referral to re-match).',
  };
}

export function noShowTask(referralId: string): TaskDraft {
  return {
    kind: 'no_show',
    title: `Referral ${referralId}: the patient missed the appointment`,
    detail: 'The patient was asked to rebook; the referral waits for a new appointment.',
  };
}

export function gapInCareTask(referralId: string): TaskDraft {
  return {
    kind: 'gap_in_care',
    title: `Referral ${referralId}: no consult note after the visit`,
    detail:
      'Ask the specialist office for the consult note; the referring provider has an EHR task too.',
  };
}

export function expiredTask(referralId: string): TaskDraft {
  return {
    kind: 'expired',
    title: `Referral ${referralId} expired before its loop closed`,
    detail: 'No consult note arrived in time. Decide whether to re-refer the patient.',
  };
}
