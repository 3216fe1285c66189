import { buildConsultNote } from './consult-note.js';
import { escapeHl7, field, hl7Time, positioned, SEGMENT_SEPARATOR, segment } from './hl7.js';
import {
  MESSAGE_TYPES,
  type OfficePatient,
  type OfficeProvider,
  type OfficeReferral,
  type PlannedStep,
} from './model.js';

export const OFFICE_APPLICATION = 'SANDBOX-OFFICE';
const APPOINTMENT_TYPE = field('92004', 'Comprehensive eye exam, new patient');
const SEX: Readonly<Record<OfficePatient['sex'], string>> = {
  female: 'F',
  male: 'M',
  other: 'O',
  unknown: 'U',
};

export interface MessageContext {
  controlId: string;
  sentAt: Date;
  practiceId: string;
  office: OfficeProvider;
  patient: OfficePatient;
  referral: OfficeReferral;
  appointmentId: string;
}

function msh(ctx: MessageContext, type: string): string {
  return [
    'MSH',
    '^~\\&',
    field(OFFICE_APPLICATION),
    field(`NPI${ctx.office.npi}`),
    'REFERRALS',
    field(ctx.practiceId),
    hl7Time(ctx.sentAt, 'second'),
    '',
    type,
    field(ctx.controlId),
    'P',
    '2.8',
  ].join('|');
}

function pid({ patient }: MessageContext): string {
  return segment('PID', [
    '1',
    '',
    `${escapeHl7(patient.mrn)}^^^SANDBOX^MR`,
    '',
    field(patient.family_name, patient.given_name),
    '',
    patient.birth_date.replaceAll('-', ''),
    SEX[patient.sex],
  ]);
}

const provider = ({ office }: MessageContext) => field(office.npi, office.family, office.given);

function ref(ctx: MessageContext, step: PlannedStep): string[] {
  const rf1 = positioned({
    1: step.kind === 'decline' ? 'R' : 'A',
    6: field(ctx.referral.id),
    ...(step.reason === undefined ? {} : { 10: field(step.reason) }),
  });
  return [
    segment('RF1', rf1),
    segment('PRD', [
      'RT',
      field(ctx.office.office_name),
      '',
      '',
      '',
      '',
      `${ctx.office.npi}^^^^NPI`,
    ]),
    pid(ctx),
  ];
}

function siu(ctx: MessageContext, step: PlannedStep): string[] {
  const start = step.appointmentAt ?? step.dueAt;
  const sch = positioned({
    1: field(ctx.appointmentId),
    2: field(ctx.appointmentId),
    25: step.kind === 'no_show' ? 'Noshow' : 'Booked',
    26: field(ctx.referral.id),
  });
  return [
    segment('SCH', sch),
    pid(ctx),
    'RGS|1',
    segment('AIS', ['1', '', APPOINTMENT_TYPE, hl7Time(start, 'minute'), '', '', '30', 'min']),
    segment('AIP', ['1', '', provider(ctx)]),
  ];
}

function pv1(ctx: MessageContext, visitAt: Date): string {
  return segment(
    'PV1',
    positioned({ 1: '1', 2: 'O', 7: provider(ctx), 44: hl7Time(visitAt, 'minute') }),
  );
}

function adt(ctx: MessageContext, step: PlannedStep): string[] {
  const visitAt = step.visitAt ?? step.dueAt;
  return [`EVN|A04|${hl7Time(ctx.sentAt, 'second')}`, pid(ctx), pv1(ctx, visitAt)];
}

function mdm(ctx: MessageContext, step: PlannedStep): string[] {
  const visitAt = step.visitAt ?? step.dueAt;
  const documentId = `DOC${ctx.controlId}`;
  const note = buildConsultNote({
    documentId,
    referral: ctx.referral,
    patient: ctx.patient,
    office: ctx.office,
    visitAt,
    writtenAt: step.dueAt,
  });
  const txa = positioned({
    1: '1',
    2: 'CN',
    3: 'TX',
    4: hl7Time(step.dueAt, 'minute'),
    5: provider(ctx),
    12: field(documentId),
    14: field(ctx.referral.id),
    17: 'AU',
  });
  const content = `^text^XML^Base64^${Buffer.from(note, 'utf8').toString('base64')}`;
  return [
    `EVN|T02|${hl7Time(ctx.sentAt, 'second')}`,
    pid(ctx),
    pv1(ctx, visitAt),
    segment('TXA', txa),
    segment('OBX', ['1', 'ED', '11488-4^Consult note^LN', '', content, '', '', '', '', '', 'F']),
  ];
}

const BODIES: Readonly<
  Record<PlannedStep['kind'], (ctx: MessageContext, step: PlannedStep) => string[]>
> = {
  acknowledge: ref,
  decline: ref,
  book: siu,
  reschedule: siu,
  no_show: siu,
  visit: adt,
  consult_note: mdm,
};

/** The HL7 v2.8 message an office sends for a step, segments separated by CR. */
export function buildMessage(ctx: MessageContext, step: PlannedStep): string {
  const segments = [msh(ctx, MESSAGE_TYPES[step.kind]), ...BODIES[step.kind](ctx, step)];
  return segments.join(SEGMENT_SEPARATOR);
}
