import type { Clock, ConsultNoteReader, Hl7Codec } from '../../domain/index.js';
import { readConsultNote } from '../ccda/index.js';
import { buildHl7Ack } from './ack.js';
import { readHl7Message } from './read-message.js';

/** The HL7 v2 port over our reader and ACK builder; ACKs are stamped with the clock's time. */
export function createHl7Codec(clock: Clock): Hl7Codec {
  return {
    read: readHl7Message,
    ack: (header, code, options = {}) =>
      buildHl7Ack(header, code, { ...options, now: clock.now() }),
  };
}

/** The C-CDA port: consult notes read with the XML parser. */
export const consultNoteReader: ConsultNoteReader = { read: readConsultNote };
