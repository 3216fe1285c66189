export type { Hl7Reading } from '../../domain/index.js';
export { ackCodeFor, buildHl7Ack, type Hl7AckOptions } from './ack.js';
export { consultNoteReader, createHl7Codec } from './codec.js';
export { escapeHl7, hl7Date, hl7DateTime, unescapeHl7 } from './fields.js';
export { HL7_MAX_BYTES } from './header.js';
export { readHl7Message } from './read-message.js';
