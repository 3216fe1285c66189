import type {
  ClinicalMessage,
  ClinicalMessageType,
  LoopEventType,
} from '../../src/domain/index.js';

/** The HL7 v2 versions the reader accepts. */
export const HL7_VERSIONS = [
  '2.3',
  '2.3.1',
  '2.4',
  '2.5',
  '2.5.1',
  '2.6',
  '2.7',
  '2.7.1',
  '2.8',
] as const;
export type Hl7Version = (typeof HL7_VERSIONS)[number];

export interface Hl7MessageSpec {
  type: ClinicalMessageType;
  version?: Hl7Version;
  controlId?: string;
  sendingFacility?: string;
  receivingFacility?: string;
  /** MSH-7 (ISO, whole seconds). */
  sentAt?: string;
  /** Our referral id as the office echoes it (SCH-26, TXA-14, ORC-2/OBR-2, RF1-6); null: none. */
  placerId?: string | null;
  /** SCH-1, the SIU fallback for a missing SCH-26. */
  placerAppointmentId?: string;
  mrn?: string;
  /** A second PID-3 repetition. */
  otherId?: string;
  family?: string;
  given?: string;
  /** YYYY-MM-DD. */
  birthDate?: string;
  /** The specialist's NPI where the type carries one (AIP-3, PV1-7, TXA-5, OBR-32, PRD-7 RT). */
  npi?: string;
  /** SIU: the appointment start (AIS-4, and SCH-11.4 up to v2.5, TQ1-7 from v2.6). ISO, whole seconds. */
  appointmentAt?: string;
  /** ADT: the visit (PV1-44/45); MDM: TXA-4; ORU: OBR-7; REF: RF1-9. ISO, whole seconds. */
  eventAt?: string;
  /** MDM/ORU: the document, a C-CDA sent as ED Base64, or text sent as TX lines. */
  document?: { format: 'ccda' | 'text'; content: string; title?: string };
  /** REF^I12: RF1-1. */
  rf1Status?: 'A' | 'R' | 'P' | 'E';
  /** SIU: an NTE after SCH; REF: the RF1-10 reason text. */
  note?: string;
  /** The offset timestamps are written in, e.g. '-0500' or '+0215'. */
  offset?: string;
}

/** Escapes a value for ER7 written with `|^~\&`. */
export function escapeValue(value: string): string {
  return value.replace(/[\\|^&~\n]/g, (c) => {
    const map: Record<string, string> = {
      '\\': '\\E\\',
      '|': '\\F\\',
      '^': '\\S\\',
      '&': '\\T\\',
      '~': '\\R\\',
      '\n': '\\.br\\',
    };
    return map[c] ?? c;
  });
}

const e = (value: string | undefined) => (value === undefined ? '' : escapeValue(value));

/** ISO instant to HL7 DTM in the given offset: 2026-12-03T14:30:00Z with -0500 gives 20261203093000-0500. */
export function hl7Timestamp(iso: string, offset = '+0000'): string {
  const sign = offset.startsWith('-') ? -1 : 1;
  const minutes = sign * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(3, 5)));
  const local = new Date(Date.parse(iso) + minutes * 60_000).toISOString();
  return `${local.replace(/[-:T]/g, '').slice(0, 14)}${offset}`;
}

/** A segment from fields 1..n (index 0 of `fields` is field 1). */
function segment(name: string, fields: Array<string | undefined>): string {
  return [name, ...fields.map((f) => f ?? '')].join('|').replace(/\|+$/, '');
}

/** Fields at HL7 positions: `{ 3: 'x', 44: 'y' }` becomes an array with x at index 2. */
function at(positions: Record<number, string | undefined>): Array<string | undefined> {
  const max = Math.max(0, ...Object.keys(positions).map(Number));
  return Array.from({ length: max }, (_, i) => positions[i + 1]);
}

const STRUCTURES: Record<ClinicalMessageType, string> = {
  'SIU^S12': 'SIU_S12',
  'SIU^S13': 'SIU_S12',
  'SIU^S14': 'SIU_S12',
  'SIU^S15': 'SIU_S12',
  'SIU^S16': 'SIU_S12',
  'SIU^S17': 'SIU_S12',
  'SIU^S26': 'SIU_S12',
  'ADT^A01': 'ADT_A01',
  'ADT^A03': 'ADT_A03',
  'ADT^A04': 'ADT_A01',
  'MDM^T02': 'MDM_T02',
  'MDM^T04': 'MDM_T02',
  'MDM^T06': 'MDM_T02',
  'MDM^T10': 'MDM_T02',
  'ORU^R01': 'ORU_R01',
  'REF^I12': 'REF_I12',
  'REF^I14': 'REF_I12',
};

type Optional = 'document' | 'placerAppointmentId' | 'note' | 'npi' | 'placerId';
type Filled = Required<Omit<Hl7MessageSpec, Optional>> &
  Pick<Hl7MessageSpec, Exclude<Optional, 'placerId'>> & { placerId: string | undefined };

function filled(spec: Hl7MessageSpec): Filled {
  const { placerId, ...rest } = spec;
  return {
    version: '2.5.1',
    controlId: 'CTRL0001',
    sendingFacility: 'SPECIALIST EYE',
    receivingFacility: 'REFERRING PRACTICE',
    sentAt: '2026-12-01T15:00:00Z',
    mrn: 'MRN12345',
    otherId: 'ALT-77',
    family: 'Testpatient',
    given: 'Alice',
    birthDate: '1970-05-31',
    appointmentAt: '2026-12-03T14:30:00Z',
    eventAt: '2026-12-04T16:45:10Z',
    rf1Status: 'A',
    offset: '-0500',
    ...rest,
    placerId: placerId === null ? undefined : (placerId ?? 'REF-000123'),
  };
}

function msh(s: Filled): string {
  const [messageType, trigger] = s.type.split('^');
  const structure = s.version === '2.3' ? '' : `^${STRUCTURES[s.type]}`;
  return segment(
    'MSH',
    at({
      2: '^~\\&',
      3: 'SPECAPP',
      4: e(s.sendingFacility),
      5: 'LOOPAPP',
      6: e(s.receivingFacility),
      7: hl7Timestamp(s.sentAt, s.offset),
      9: `${messageType}^${trigger}${structure}`,
      10: e(s.controlId),
      11: 'P',
      12: s.version,
    }).slice(1),
  );
}

function pid(s: Filled): string {
  return segment(
    'PID',
    at({
      1: '1',
      3: `${e(s.mrn)}^^^HOSP^MR~${e(s.otherId)}^^^ALT^PI`,
      5: `${e(s.family)}^${e(s.given)}^Q`,
      7: s.birthDate.replace(/-/g, ''),
      8: 'F',
    }),
  );
}

function siu(s: Filled): string[] {
  const start = hl7Timestamp(s.appointmentAt, s.offset);
  const tqInSch = ['2.3', '2.3.1', '2.4', '2.5', '2.5.1'].includes(s.version);
  return [
    segment(
      'SCH',
      at({
        1: e(s.placerAppointmentId),
        2: 'FILL-9',
        7: '^Follow-up',
        11: tqInSch ? `^^30^${start}` : undefined,
        25: 'Booked',
        26: s.placerId === undefined ? undefined : `${e(s.placerId)}^LOOPAPP`,
      }),
    ),
    ...(tqInSch ? [] : [segment('TQ1', at({ 1: '1', 7: start }))]),
    ...(s.note === undefined ? [] : [segment('NTE', at({ 1: '1', 3: e(s.note) }))]),
    pid(s),
    segment('RGS', ['1']),
    segment('AIS', at({ 1: '1', 2: 'A', 3: 'EYE^Eye exam^L', 4: start })),
    segment('AIP', at({ 1: '1', 3: `${e(s.npi ?? 'STAFF9')}^Specialist^Sam`, 6: start })),
  ];
}

function adt(s: Filled): string[] {
  const visit = hl7Timestamp(s.eventAt, s.offset);
  const discharge = s.type === 'ADT^A03';
  return [
    segment('EVN', [s.type.slice(4), hl7Timestamp(s.sentAt, s.offset)]),
    pid(s),
    segment(
      'PV1',
      at({
        1: '1',
        2: 'O',
        7: `${e(s.npi ?? 'ATT1')}^Attending^Ann`,
        8: '1234567893^Referring^Rita',
        44: discharge ? undefined : visit,
        45: discharge ? visit : undefined,
      }),
    ),
  ];
}

function observations(s: Filled): string[] {
  const doc = s.document;
  if (!doc) return [];
  const code = `11488-4^${e(doc.title ?? 'Consult note')}^LN`;
  if (doc.format === 'ccda') {
    const data = Buffer.from(doc.content, 'utf8').toString('base64');
    return [
      segment('OBX', at({ 1: '1', 2: 'ED', 3: code, 5: `^text^XML^Base64^${data}`, 11: 'F' })),
    ];
  }
  return doc.content
    .split('\n')
    .map((line, i) =>
      segment('OBX', at({ 1: String(i + 1), 2: 'TX', 3: code, 5: e(line), 11: 'F' })),
    );
}

function mdm(s: Filled): string[] {
  return [
    segment('EVN', [s.type.slice(4), hl7Timestamp(s.sentAt, s.offset)]),
    pid(s),
    segment('PV1', ['1', 'O']),
    segment(
      'TXA',
      at({
        1: '1',
        2: `CN^${e(s.document?.title ?? 'Consult note')}`,
        3: s.document?.format === 'ccda' ? 'ED' : 'TX',
        4: hl7Timestamp(s.eventAt, s.offset),
        5: `${e(s.npi ?? 'AUTH1')}^Author^Ann`,
        12: 'DOC-1',
        14: e(s.placerId),
        17: 'AU',
      }),
    ),
    ...observations(s),
  ];
}

function oru(s: Filled): string[] {
  const placer = e(s.placerId);
  return [
    pid(s),
    segment('ORC', ['RE', placer]),
    segment(
      'OBR',
      at({
        1: '1',
        2: placer,
        3: 'FILL-1',
        4: `11488-4^${e(s.document?.title ?? 'Consult note')}^LN`,
        7: hl7Timestamp(s.eventAt, s.offset),
        16: '1234567893^Ordering^Olga',
        25: 'F',
        32: `${e(s.npi ?? 'INTERP1')}&Interpreter&Ian`,
      }),
    ),
    ...observations(s),
  ];
}

function ref(s: Filled): string[] {
  return [
    segment(
      'RF1',
      at({
        1: `${s.rf1Status}^Status^HL70283`,
        2: 'R^Routine^HL70280',
        6: s.placerId === undefined ? undefined : `${e(s.placerId)}^LOOPAPP`,
        7: '20261201',
        9: hl7Timestamp(s.eventAt, s.offset),
        10: s.note === undefined ? undefined : `^${e(s.note)}`,
      }),
    ),
    segment('PRD', at({ 1: 'RP^Referring^HL70286', 2: 'Referring^Rita', 7: '1234567893^NPI' })),
    segment(
      'PRD',
      at({ 1: 'RT^Referred to^HL70286', 2: 'Specialist^Sam', 7: `${e(s.npi ?? 'PRV9')}^NPI` }),
    ),
    pid(s),
  ];
}

/** A valid ER7 message (segments separated by `\r`) of one of our 13 types. */
export function buildHl7Message(spec: Hl7MessageSpec): string {
  const s = filled(spec);
  const body = { SIU: siu, ADT: adt, MDM: mdm, ORU: oru, REF: ref }[s.type.slice(0, 3)];
  return [msh(s), ...(body ? body(s) : [])].join('\r');
}

const EVENTS: Record<ClinicalMessageType, LoopEventType | null> = {
  'SIU^S12': 'scheduled',
  'SIU^S13': 'rescheduled',
  'SIU^S14': 'rescheduled',
  'SIU^S15': 'appointment_cancelled',
  'SIU^S16': 'appointment_cancelled',
  'SIU^S17': 'appointment_cancelled',
  'SIU^S26': 'no_show',
  'ADT^A01': 'seen',
  'ADT^A03': 'seen',
  'ADT^A04': 'seen',
  'MDM^T02': 'consult_received',
  'MDM^T04': 'consult_received',
  'MDM^T06': 'consult_received',
  'MDM^T10': 'consult_received',
  'ORU^R01': 'consult_received',
  'REF^I12': null,
  'REF^I14': 'cancelled',
};

const iso = (value: string) => new Date(value).toISOString();

/** What reading `buildHl7Message(spec)` must give back. */
export function expectedClinicalMessage(spec: Hl7MessageSpec): ClinicalMessage {
  const s = filled(spec);
  const kind = s.type.slice(0, 3);
  const rf1Events = { A: 'acknowledged', R: 'declined', P: null, E: null } as const;
  const event = s.type === 'REF^I12' ? rf1Events[s.rf1Status] : EVENTS[s.type];
  const placerId =
    kind === 'ADT'
      ? undefined
      : (s.placerId ?? (kind === 'SIU' ? s.placerAppointmentId : undefined));
  const when = kind === 'SIU' ? iso(s.appointmentAt) : iso(s.eventAt);
  const doc = s.document;
  return {
    controlId: s.controlId,
    sendingFacility: s.sendingFacility,
    receivingFacility: s.receivingFacility,
    type: s.type,
    version: s.version,
    event,
    ...(placerId === undefined ? {} : { placerId }),
    patient: { ids: [s.mrn, s.otherId], family: s.family, given: s.given, birthDate: s.birthDate },
    ...(s.npi === undefined ? {} : { providerNpi: s.npi }),
    at: when,
    ...(kind === 'SIU' ? { appointmentAt: when } : {}),
    ...(doc && (kind === 'MDM' || kind === 'ORU')
      ? {
          document: {
            format: doc.format,
            content: doc.content,
            title: doc.title ?? 'Consult note',
          },
        }
      : {}),
    ...(s.note !== undefined && (kind === 'SIU' || kind === 'REF') ? { note: s.note } : {}),
  };
}
