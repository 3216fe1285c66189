import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { ClinicalMessage, Hl7Reading } from '../../domain/index.js';
import { readHl7Message } from './read-message.js';

/** The public fhir-converter HL7 v2 samples, read in place (never copied into the repository). */
const DIR = fileURLToPath(
  new URL('../../../../shared/data/fhir-converter-samples/hl7v2/', import.meta.url),
);
const present = existsSync(DIR);
const files = present
  ? readdirSync(DIR)
      .filter((f) => f.endsWith('.hl7'))
      .sort()
  : [];
const read = (file: string): Hl7Reading => readHl7Message(readFileSync(`${DIR}${file}`, 'utf8'));

const GHH = { ids: ['PATID1234', '123456789'], family: 'EVERYMAN', given: 'ADAM' };
const GHH_1988 = { ...GHH, birthDate: '1988-08-18' };
const GHH_1961 = { ...GHH, birthDate: '1961-06-15' };
const DUCK = { ids: ['10006579'], family: 'DUCK', given: 'DONALD', birthDate: '1924-10-10' };
const siu = (
  controlId: string,
  type: ClinicalMessage['type'],
  event: ClinicalMessage['event'],
) => ({
  controlId,
  type,
  event,
  sendingFacility: 'GHHSFacility',
  receivingFacility: 'GHHRFacility',
  version: '2.8',
  placerId: '12345',
  patient: GHH_1988,
  appointmentAt: '2021-09-24T07:15:00.000Z',
  at: '2021-09-24T07:15:00.000Z',
});

/** Checked by reading each file (field positions are in the comments). */
const EXPECTED: Record<string, Partial<ClinicalMessage>> = {
  // SCH-26 empty so SCH-1; AIS-4 20210924093000+0215; NTE after SCH; SCH-6 "Add".
  'SIU-S12-01.hl7': {
    ...siu('MSG00012', 'SIU^S12', 'scheduled'),
    note: 'Add\nAppointment booked for emergency procedure',
  },
  // AIS-4 empty everywhere; v2.8 so SCH-11 is ignored; TQ1-7 202010041126+0215.
  'SIU-S12_1.hl7': {
    ...siu('MSG00001', 'SIU^S12', 'scheduled'),
    appointmentAt: '2020-10-04T09:11:00.000Z',
    at: '2020-10-04T09:11:00.000Z',
    note: 'Add\nAppointment specific instructions',
  },
  // Its NTE puts the reason in NTE-2, not NTE-3: only SCH-6 is a note.
  'SIU-S13-01.hl7': { ...siu('MSG00013', 'SIU^S13', 'rescheduled'), note: 'Add' },
  'SIU-S14-01.hl7': { ...siu('MSG00014', 'SIU^S14', 'rescheduled'), note: 'Add' },
  'SIU-S15-01.hl7': { ...siu('MSG00015', 'SIU^S15', 'appointment_cancelled'), note: 'Add' },
  'SIU-S26-01.hl7': { ...siu('MSG00026', 'SIU^S26', 'no_show'), note: 'Add' },
  // Discontinued, deleted: no appointment stands, as after a cancellation.
  'SIU-S16-01.hl7': { ...siu('MSG00016', 'SIU^S16', 'appointment_cancelled'), note: 'Add' },
  'SIU-S17-01.hl7': { ...siu('MSG00017', 'SIU^S17', 'appointment_cancelled'), note: 'Add' },
  // PV1-44 20150208113419+0110.
  'ADT-A01-01.hl7': {
    type: 'ADT^A01',
    event: 'seen',
    patient: GHH_1988,
    at: '2015-02-08T10:24:19.000Z',
  },
  // PV1-45 20150209113419+0110.
  'ADT-A03-01.hl7': {
    type: 'ADT^A03',
    event: 'seen',
    patient: GHH_1988,
    at: '2015-02-09T10:24:19.000Z',
  },
  'ADT-A04-01.hl7': {
    type: 'ADT^A04',
    event: 'seen',
    patient: GHH_1988,
    at: '2015-02-08T10:24:19.000Z',
  },
  // Named like an MDM, but MSH-9 is ADT^A01.
  'MDM_01.hl7': {
    type: 'ADT^A01',
    event: 'seen',
    patient: GHH_1988,
    at: '2015-02-08T10:24:19.000Z',
  },
  // v2.3, BOM, PV1-44 20050110045502+0700.
  'ADT01-23.hl7': {
    controlId: '599102',
    sendingFacility: '1',
    receivingFacility: '',
    version: '2.3',
    patient: DUCK,
    at: '2005-01-09T21:55:02.000Z',
  },
  // No PV1-44: EVN-2 20070818112300+0700.
  'ADT01-28.hl7': { version: '2.5.1', patient: GHH_1961, at: '2007-08-18T04:23:00.000Z' },
  // "MSH" is also PID-27 and PV1-39: still one message.
  'ADT04-23.hl7': {
    controlId: 'Q123456789T123456789X123456',
    patient: { ids: ['123456789'], family: 'BROS', given: 'MARIO', birthDate: '1985-01-01' },
    at: '2000-12-31T17:00:00.000Z',
  },
  'ADT04-251.hl7': {
    patient: { ids: ['MRN12345'], family: 'Doe', given: 'Jane', birthDate: '1978-01-01' },
    at: '2019-05-04T11:12:05.000Z',
  },
  // PV1-7 4356789876 is labelled NPI but fails the check digit.
  'ADT04-28.hl7': {
    patient: {
      ids: ['0000000001', 'e167267c-16c9-4fe3-96ae-9cff5703e90a', 'a1d4ee8aba494ca'],
      family: 'Bixby',
      given: 'Timothy',
      birthDate: '2008-01-06',
    },
    at: '2018-10-17T15:28:05.000Z',
  },
  // TXA-14 00012345; TXA-4 200801311555+0215; its only ED is an empty PDF: no document.
  'MDM-T02-01.hl7': {
    type: 'MDM^T02',
    event: 'consult_received',
    placerId: '00012345',
    patient: { ids: ['987654321'], family: 'PROSOLV', given: 'SAMPLE', birthDate: '1972-12-01' },
    at: '2008-01-31T13:40:00.000Z',
  },
  // Addendum and replacement, each with content (the same empty PDF): a document arrives.
  'MDM-T06-01.hl7': {
    type: 'MDM^T06',
    event: 'consult_received',
    placerId: '00012345',
    patient: { ids: ['987654321'], family: 'PROSOLV', given: 'SAMPLE', birthDate: '1972-12-01' },
    at: '2008-01-31T13:40:00.000Z',
  },
  'MDM-T10-01.hl7': {
    type: 'MDM^T10',
    event: 'consult_received',
    placerId: '00012345',
    patient: { ids: ['987654321'], family: 'PROSOLV', given: 'SAMPLE', birthDate: '1972-12-01' },
    at: '2008-01-31T13:40:00.000Z',
  },
  // No TXA-14 and ORC-2 empty; 29 OBX TX lines.
  'MDM-T02-03.hl7': {
    controlId: '112',
    version: '2.3',
    event: 'consult_received',
    patient: {
      ids: ['3196695816', '6597923189'],
      family: 'Clark',
      given: 'Frederick',
      birthDate: '1930-01-22',
    },
    at: '2021-08-01T06:51:42.000Z',
  },
  // No ORC: OBR-2; OBR-7 empty, first OBX-14 20141006062700+0700; only NM values.
  'LAB-ORU-1.hl7': { placerId: '88502218', patient: DUCK, at: '2014-10-05T23:27:00.000Z' },
  'LAB-ORU-2.hl7': { placerId: '855238581', patient: DUCK, at: '2014-10-06T01:30:00.000Z' },
  // ORC-2 ORD666555^NIST EHR; OBR-7 20110103143428-0800; OBX 26-28 are TX.
  'LRI_2.0-NG_CBC_Typ_Message.hl7': {
    placerId: 'ORD666555',
    patient: { ids: ['PATID1234'], family: 'Jones', given: 'William', birthDate: '1961-06-15' },
    at: '2011-01-03T22:34:28.000Z',
    document: {
      format: 'text',
      title: 'CBC W Auto Differential panel in Blood',
      content:
        'Many spherocytes present.\nReactive morphology in lymphoid cells.\nPlatelets show defective granulation.',
    },
  },
  // ORC-2 empty: OBR-2 845439^GHH OE; OBR-7 200202150730+0215; its ED OBX has no data.
  'ORU-R01-01.hl7': {
    placerId: '845439',
    patient: { ids: ['14'], family: 'Finn', given: 'Huckleberry', birthDate: '1963-08-15' },
    at: '2002-02-15T05:15:00.000Z',
  },
  'ORU-R01-RMGEAD.hl7': {
    version: '2.4',
    placerId: '845439',
    patient: { ids: ['555-44-4444'], family: 'EVERYWOMAN', given: 'EVE', birthDate: '1962-03-20' },
    at: '2002-02-15T01:30:00.000Z',
  },
  // RF1-1 P (pending): nothing to act on; RF1-6 226839^EPIC; RF1-9 20220125; RF1-10 text;
  // the last NTE (after PV2) is the message's, the one after OBR is a result comment.
  'REF-I12-01.hl7': {
    type: 'REF^I12',
    event: null,
    placerId: '226839',
    patient: GHH_1961,
    at: '2022-01-25T00:00:00.000Z',
    note: 'Provider Ordered\nLab test',
  },
  'REF-I14-01.hl7': { type: 'REF^I14', event: 'cancelled', placerId: '226839', patient: GHH_1961 },
};

describe.skipIf(!present)(
  `HL7 v2 public samples (${present ? DIR : 'skipped: ../shared/data missing'})`,
  () => {
    it('has the 83 files, 23 of them with a BOM', () => {
      expect(files).toHaveLength(83);
      const boms = files.filter((f) => readFileSync(`${DIR}${f}`, 'utf8').startsWith('\uFEFF'));
      expect(boms).toHaveLength(23);
    });

    it.each(files)('%s gives a reading without throwing', (file) => {
      const reading = read(file);
      expect(['read', 'rejected']).toContain(reading.kind);
      const expected = EXPECTED[file];
      if (expected) {
        expect(reading.kind).toBe('read');
        if (reading.kind === 'read') {
          expect(reading.message).toMatchObject(expected);
          expect(reading.message.providerNpi).toBeUndefined();
        }
      } else {
        expect(reading).toMatchObject({ kind: 'rejected', problem: 'unsupported_message_type' });
      }
    });

    it('reads exactly the 28 files whose MSH-9 is one of our types (or read as one)', () => {
      const readFiles = files.filter((f) => read(f).kind === 'read');
      expect(readFiles).toEqual(Object.keys(EXPECTED).sort());
    });

    it('reads the whole MDM^T02 text document from its 29 TX lines', () => {
      const reading = read('MDM-T02-03.hl7');
      if (reading.kind !== 'read') throw new Error(reading.kind);
      const doc = reading.message.document;
      expect(doc?.format).toBe('text');
      expect(doc?.title).toBe('DS');
      const lines = doc?.content.split('\n') ?? [];
      expect(lines).toHaveLength(29);
      expect(lines[0]).toBe(
        'Toilet cylinder crackers model step-mother visor opening communication',
      );
      expect(lines[28]).toBe('Reminder shofar congo vibration mother-in-law bondsman suspect');
    });

    it('keeps the header of rejected samples for the ACK', () => {
      expect(read('ADT-A08-01.hl7')).toMatchObject({
        kind: 'rejected',
        problem: 'unsupported_message_type',
        header: {
          controlId: 'MSG00001',
          messageType: 'ADT',
          trigger: 'A08',
          version: '2.8',
          processingId: 'P',
          sendingApplication: 'ADTApp',
          sendingFacility: 'GHHSFacility',
          receivingApplication: 'EHRApp',
          receivingFacility: 'GHHRFacility',
          encodingCharacters: '|^~\\&',
          sentAt: '1989-08-18T09:11:00.000Z',
        },
      });
      expect(read('SIU_12.hl7')).toMatchObject({ header: { messageType: 'ADT', trigger: 'A60' } });
    });

    it('reads the same with CR, CRLF or LF separators and without the BOM', () => {
      for (const file of Object.keys(EXPECTED)) {
        const raw = readFileSync(`${DIR}${file}`, 'utf8').replace(/^\uFEFF/, '');
        const baseline = readHl7Message(raw);
        expect(readHl7Message(raw.replace(/\n/g, '\r'))).toEqual(baseline);
        expect(readHl7Message(raw.replace(/\n/g, '\r\n'))).toEqual(baseline);
      }
    });
  },
);
