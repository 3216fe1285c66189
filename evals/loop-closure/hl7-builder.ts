import type { LoopEventType } from '../../src/domain/index.js';
import type { GeneratedType, InboundSpec } from './matching-cases.js';

/** The loop event each generated type reports. */
export const EVENT_OF: Readonly<Record<GeneratedType, LoopEventType>> = {
  'SIU^S12': 'scheduled',
  'SIU^S15': 'appointment_cancelled',
  'ADT^A04': 'seen',
  'ADT^A03': 'seen',
  'MDM^T02': 'consult_received',
  'ORU^R01': 'consult_received',
  'REF^I12': 'acknowledged',
  'REF^I14': 'cancelled',
};

/** `2025-04-02T09:30:00.000Z` → `202504020930+0000`. */
const ts = (iso: string) => `${iso.replace(/[-:T]/g, '').slice(0, 12)}+0000`;
const date = (ymd: string | undefined) => (ymd ? ymd.replace(/-/g, '') : '');

const xcn = (s: InboundSpec['specialist']) => (s ? `${s.npi}^${s.family}^${s.given}^^^^^^NPI` : '');

/** A segment from its non-empty fields by position (`{ 3: 'x' }` → `NAME|||x`). */
function segment(name: string, fields: Record<number, string | undefined>): string {
  const last = Math.max(...Object.keys(fields).map(Number));
  const values = Array.from({ length: last }, (_, i) => fields[i + 1] ?? '');
  return [name, ...values].join('|');
}

/** The segments after MSH and PID that carry each type's event, ids and times. */
function body(spec: InboundSpec): string[] {
  const at = ts(spec.at);
  const placer = spec.placerId;
  const office = spec.officeId;
  const doctor = xcn(spec.specialist);
  switch (spec.type) {
    case 'SIU^S12':
    case 'SIU^S15':
      return [
        segment('SCH', { 2: office, 7: 'CONSULT^Consultation', 9: '30', 10: 'min', 26: placer }),
        segment('AIS', { 1: '1', 2: 'A', 3: 'CONSULT^Eye consultation', 4: at }),
        segment('AIP', { 1: '1', 2: 'A', 3: doctor, 4: 'OPH^Ophthalmology', 6: at }),
      ];
    case 'ADT^A04':
    case 'ADT^A03':
      return [
        segment('EVN', { 1: spec.type.slice(4), 2: at }),
        segment('PV1', {
          1: '1',
          2: 'O',
          3: 'EYE^^^CLINIC',
          7: doctor,
          [spec.type === 'ADT^A03' ? 45 : 44]: at,
        }),
      ];
    case 'MDM^T02':
      return [
        segment('EVN', { 1: 'T02', 2: at }),
        segment('PV1', { 1: '1', 2: 'O', 3: 'EYE^^^CLINIC', 7: doctor }),
        segment('TXA', {
          1: '1',
          2: 'CN^Consultation note',
          3: 'TX',
          4: at,
          5: doctor,
          12: `DOC-${spec.controlId}`,
          14: placer,
          17: 'AU',
        }),
        segment('OBX', {
          1: '1',
          2: 'TX',
          3: '11488-4^Consult note^LN',
          5: 'Seen in consultation. Findings and plan as discussed.',
          11: 'F',
        }),
      ];
    case 'ORU^R01':
      return [
        segment('ORC', { 1: 'RE', 2: placer, 3: office }),
        segment('OBR', {
          1: '1',
          2: placer,
          3: office,
          4: '92134^OCT retina^CPT',
          7: at,
          32: doctor,
        }),
        segment('OBX', {
          1: '1',
          2: 'TX',
          3: '92134^OCT retina^CPT',
          5: 'Central subfield thickness within normal limits.',
          11: 'F',
        }),
      ];
    case 'REF^I12':
    case 'REF^I14': {
      const s = spec.specialist;
      return [
        segment('RF1', {
          1: 'A^Accepted^HL70283',
          2: 'R^Routine^HL70280',
          5: 'O^Outpatient^HL70284',
          6: placer,
          9: date(spec.at.slice(0, 10)),
        }),
        segment('PRD', {
          1: 'RT^Referred to Provider^HL70286',
          2: s && `${s.family}^${s.given}`,
          7: s && `${s.npi}^NPI`,
        }),
      ];
    }
  }
}

/** One inbound HL7 v2.5.1 message (ER7, CR-separated) as a specialist's office would send it. */
export function buildHl7(spec: InboundSpec): string {
  const [type, trigger] = spec.type.split('^');
  const p = spec.patient;
  const pid3 = p.ids.map((id) => `${id}^^^OFFICE^MR`).join('~');
  const name = p.family || p.given ? `${p.family ?? ''}^${p.given ?? ''}` : '';
  return [
    `MSH|^~\\&|OFFICE_EHR|EYE_OFFICE|REFERRALS|PRACTICE|${ts(spec.at)}||${type}^${trigger}^${type}_${trigger}|${spec.controlId}|P|2.5.1`,
    `PID|1||${pid3}||${name}||${date(p.birthDate)}|U`,
    ...body(spec),
  ].join('\r');
}
