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

const SIU_EVENTS: Record<string, LoopEventType> = {
  S12: 'scheduled',
  S13: 'rescheduled',
  S14: 'rescheduled',
  S15: 'appointment_cancelled',
  // Discontinued or deleted: no appointment stands, as after a cancellation.
  S16: 'appointment_cancelled',
  S17: 'appointment_cancelled',
  S26: 'no_show',
};

/** SCH-11 (TQ) still carries the start time up to v2.5; later versions use TQ1. */
const TQ_VERSIONS = new Set(['2.3', '2.3.1', '2.4', '2.5', '2.5.1']);

const APPOINTMENT_NOTE_PARENTS = new Set(['SCH', 'TQ1']);

/** SIU^S12/S13/S14/S15/S16/S17/S26: the appointment, its time and the specialist (AIP). */
export const mapSiu: Mapper = ({ header, message, trigger }) => {
  const sch = firstSegment(message, 'SCH');
  const placer = placerOf([
    ['SCH-26', sch && componentOf(sch, 26)],
    ['SCH-1', sch && componentOf(sch, 1)],
  ]);
  if (isRejection(placer)) return placer;
  const resourceTimes = (name: string, n: number) =>
    allSegments(message, name).map((s) => componentOf(s, n));
  const appointmentAt = firstTime(
    ...resourceTimes('AIS', 4),
    sch && TQ_VERSIONS.has(header.version) ? componentOf(sch, 11, 4) : undefined,
    ...resourceTimes('TQ1', 7),
    ...resourceTimes('AIG', 8),
    ...resourceTimes('AIL', 6),
    ...resourceTimes('AIP', 6),
  );
  const providerNpi = allSegments(message, 'AIP')
    .map((aip) => npiOf(aip, 3))
    .find((npi) => npi !== undefined);
  return {
    event: SIU_EVENTS[trigger] ?? null,
    ...placer,
    ...compact({
      appointmentAt,
      at: appointmentAt,
      providerNpi,
      note: noteOf([codedText(sch, 6), ...notesAfter(message, APPOINTMENT_NOTE_PARENTS)]),
    }),
  };
};
