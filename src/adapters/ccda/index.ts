export { narrativeText } from './narrative-text.js';
export { CCDA_MAX_BYTES, type ReadConsultNote, readConsultNote } from './read-consult-note.js';
