import type { LoopEventType } from '../../domain/index.js';
import { componentOf, npiOf } from './fields.js';
import {
  allSegments,
  codedText,
  compact,
  firstSegment,
  firstTime,
  isRejection,
  type Mapper,
  noteOf,
  notesAfter,
  placerOf,
} from './parts.js';

/** RF1-1 (referral status, table 0283): accepted, rejected; pending and expired report nothing. */
const RF1_STATUS_EVENTS: Record<string, LoopEventType | null> = {
  A: 'acknowledged',
  R: 'declined',
  P: null,
  E: null,
};

/** Message-level NTEs of a REF (the ones in OBR/OBX groups describe results). */
const REFERRAL_NOTE_PARENTS = new Set(['RF1', 'PV1', 'PV2']);

/** REF^I12 (the office's answer to our referral) and REF^I14 (cancellation). */
export const mapRef: Mapper = ({ header, message, trigger }) => {
  const rf1 = firstSegment(message, 'RF1');
  const placer = placerOf([['RF1-6', rf1 && componentOf(rf1, 6)]]);
  if (isRejection(placer)) return placer;
  const status = ((rf1 && componentOf(rf1, 1)) ?? '').toUpperCase();
  const referredTo = allSegments(message, 'PRD').find(
    (prd) => (componentOf(prd, 1) ?? '').toUpperCase() === 'RT',
  );
  return {
    event: trigger === 'I14' ? 'cancelled' : (RF1_STATUS_EVENTS[status] ?? null),
    ...placer,
    ...compact({
      providerNpi: npiOf(referredTo, 7),
      at: firstTime(rf1 && componentOf(rf1, 9)) ?? header.sentAt,
      note: noteOf([codedText(rf1, 10), ...notesAfter(message, REFERRAL_NOTE_PARENTS)]),
    }),
  };
};
