import type { Hl7Message } from '@medplum/core';
import {
  ClinicalMessage,
  ClinicalMessageType,
  type Hl7Header,
  type Hl7Reading,
  type MessagePatient,
} from '../../domain/index.js';
import { componentOf, hl7Date, idsOf, namePart } from './fields.js';
import { parseMessage } from './header.js';
import { mapAdt } from './map-adt.js';
import { mapMdm, mapOru } from './map-mdm-oru.js';
import { mapRef } from './map-ref.js';
import { mapSiu } from './map-siu.js';
import { compact, firstSegment, isRejection, type Mapper } from './parts.js';

/** HL7 v2 versions we read: 2.3 to 2.8 (and 2.8.x). */
const SUPPORTED_VERSION = /^2\.(3|3\.1|4|5|5\.1|6|7|7\.1|8|8\.\d{1,2})$/;

const MAPPERS: Record<string, Mapper> = {
  SIU: mapSiu,
  ADT: mapAdt,
  MDM: mapMdm,
  ORU: mapOru,
  REF: mapRef,
};

function patientOf(message: Hl7Message): MessagePatient | undefined {
  const pid = firstSegment(message, 'PID');
  if (!pid) return undefined;
  return {
    ids: idsOf(pid, 3),
    ...compact({
      family: namePart(componentOf(pid, 5, 1)),
      given: namePart(componentOf(pid, 5, 2)),
      birthDate: hl7Date(componentOf(pid, 7)),
    }),
  };
}

function readParsed(header: Hl7Header, message: Hl7Message): Hl7Reading {
  if (!SUPPORTED_VERSION.test(header.version)) {
    return {
      kind: 'rejected',
      header,
      problem: 'unsupported_version',
      detail: 'MSH-12 names a version outside 2.3 to 2.8.',
    };
  }
  const named = `${header.messageType}^${header.trigger}`;
  const type = ClinicalMessageType.safeParse(named);
  const mapper = MAPPERS[header.messageType];
  if (!type.success || !mapper) {
    return {
      kind: 'rejected',
      header,
      problem: 'unsupported_message_type',
      detail: 'MSH-9 names a message type this interface does not read.',
    };
  }
  const patient = patientOf(message);
  if (!patient) {
    return {
      kind: 'rejected',
      header,
      problem: 'missing_required_field',
      detail: 'The PID segment is missing.',
    };
  }
  const content = mapper({ header, message, trigger: header.trigger });
  if (isRejection(content)) return { kind: 'rejected', header, ...content };
  const parsed = ClinicalMessage.safeParse({
    controlId: header.controlId,
    sendingFacility: header.sendingFacility,
    receivingFacility: header.receivingFacility,
    type: type.data,
    version: header.version,
    patient,
    ...content,
  });
  if (!parsed.success) {
    const path = parsed.error.issues[0]?.path.join('.') ?? '';
    return {
      kind: 'rejected',
      header,
      problem: 'malformed_field',
      detail: `The message does not fit the domain shape (${path}).`,
    };
  }
  return { kind: 'read', header, message: parsed.data };
}

/**
 * Reads one inbound HL7 v2 message (ER7) into a `ClinicalMessage`. Never throws: anything it
 * cannot use becomes `unreadable` (no usable MSH) or `rejected` (with the header, for the ACK).
 */
export function readHl7Message(raw: string): Hl7Reading {
  let header: Hl7Header | undefined;
  try {
    if (typeof raw !== 'string') return { kind: 'unreadable', problem: 'empty' };
    const parsed = parseMessage(raw);
    if (parsed.kind !== 'parsed') return parsed;
    header = parsed.header;
    return readParsed(parsed.header, parsed.message);
  } catch {
    return header
      ? { kind: 'rejected', header, problem: 'internal_error', detail: 'The reader failed.' }
      : { kind: 'unreadable', problem: 'internal_error' };
  }
}
