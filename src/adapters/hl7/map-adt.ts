import { componentOf, npiOf } from './fields.js';
import { compact, firstSegment, firstTime, type Mapper } from './parts.js';

/** ADT^A01/A03/A04: the specialist saw the patient; PV1-8 (referring doctor) is us, so skipped. */
export const mapAdt: Mapper = ({ header, message, trigger }) => {
  const pv1 = firstSegment(message, 'PV1');
  const evn = firstSegment(message, 'EVN');
  const visitTime = pv1 && componentOf(pv1, trigger === 'A03' ? 45 : 44);
  return {
    event: 'seen',
    ...compact({
      at: firstTime(visitTime, evn && componentOf(evn, 2)) ?? header.sentAt,
      providerNpi: npiOf(pv1, 7, 9),
    }),
  };
};
