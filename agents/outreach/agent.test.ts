import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readability } from '../../evals/drafting/readability.js';
import { startOpenAiServer } from '../../evals/models/index.js';
import { SPECIALTIES, type SpecialtyKey } from '../../retrieval/index.js';
import { Candidate } from '../../src/domain/index.js';
import { STORED_CANDIDATE } from '../../test/fixtures/candidate.js';
import { ada, adaCoverage, referralFor } from '../../test/fixtures/world.js';
import { llmStepContext } from '../../test/support/llm.js';
import type { AgentContext } from '../llm/index.js';
import { patientPhi } from '../phi-context.js';
import { draftOutreach, outreachTemplate } from './agent.js';
import { SPECIALIST_KINDS, specialtyKeyOf, TEMPLATE_LANGUAGES } from './specialist-kinds.js';

const referral = referralFor('ref-1');
const PHONE = '(401) 555-0142';
const STREET = '1200 Oak Street, Suite 300';

const contact = {
  phone: PHONE,
  line: STREET,
  city: 'Providence',
  state: 'RI',
  postalCode: '02903',
};
const candidate = Candidate.parse({ ...STORED_CANDIDATE, contact });

const placeholders = /\{\w+\}|\bundefined\b|\bnull\b|\bNaN\b/;

describe('outreachTemplate', () => {
  it.each(TEMPLATE_LANGUAGES)(
    'writes to a patient in %s: the specialist, what they treat, the office and its phone',
    (language) => {
      const { outreach, missingLanguage } = outreachTemplate(
        referral,
        { ...ada, language },
        candidate,
      );
      const text = outreach.patientMessage.text;
      expect(missingLanguage).toBe(false);
      expect(outreach.patientMessage.language).toBe(language);
      expect(text).toContain(`${ada.givenName}`);
      expect(text).toContain(candidate.name);
      expect(text).toContain(SPECIALIST_KINDS[language].retina);
      expect(text).toContain(`Valley Retina Center, ${STREET}, Providence, RI 02903`);
      expect(text).toContain(PHONE);
      expect(text).not.toMatch(placeholders);
      expect(text).not.toContain(ada.familyName);
      expect(outreach.officeMessage).not.toMatch(placeholders);
    },
  );

  it('writes in English, flagged, when the patient speaks a language the templates lack', () => {
    const { outreach, missingLanguage } = outreachTemplate(
      referral,
      { ...ada, language: 'ru' },
      candidate,
    );
    expect(missingLanguage).toBe(true);
    expect(outreach.patientMessage.language).toBe('en');
    expect(outreach.patientMessage.text).toContain(`Phone: ${PHONE}.`);
  });

  it('gives the city and no phone for a candidate stored before contacts were kept', () => {
    const old = Candidate.parse(STORED_CANDIDATE);
    expect(old.contact).toBeUndefined();
    const text = outreachTemplate(referral, ada, old).outreach.patientMessage.text;
    expect(text).toContain('Office: Valley Retina Center, Providence.');
    expect(text).not.toContain('Phone');
    expect(text).not.toMatch(placeholders);
  });

  it('leaves out a phone the directory does not have, keeps the street address', () => {
    const noPhone = { ...candidate, contact: { ...contact, phone: null } };
    const text = outreachTemplate(referral, ada, noPhone).outreach.patientMessage.text;
    expect(text).toContain(STREET);
    expect(text).not.toContain('Phone');
  });

  it('reads at grade 8 or below in English, for every kind of specialist', () => {
    for (const key of Object.keys(SPECIALTIES) as SpecialtyKey[]) {
      const of = { ...candidate, specialty: SPECIALTIES[key].label, taxonomy: null };
      const text = outreachTemplate(referral, ada, of).outreach.patientMessage.text;
      expect(text, key).toContain(SPECIALIST_KINDS.en[key]);
      expect(readability(text)?.grade ?? 99, key).toBeLessThanOrEqual(8);
    }
  });
});

describe('specialtyKeyOf', () => {
  it('finds the specialty by label, else by taxonomy; an unknown one gets the general words', () => {
    expect(specialtyKeyOf({ specialty: 'Glaucoma specialist', taxonomy: null })).toBe('glaucoma');
    expect(specialtyKeyOf({ specialty: null, taxonomy: '207RE0101X' })).toBe('endocrinology');
    expect(specialtyKeyOf({ specialty: 'Astrologer', taxonomy: '999999999X' })).toBeUndefined();
    const unknown = { ...candidate, specialty: null, taxonomy: null };
    const text = outreachTemplate(referral, ada, unknown).outreach.patientMessage.text;
    expect(text).toContain(SPECIALIST_KINDS.en.other);
  });
});

describe('draftOutreach with a model', () => {
  let server: Awaited<ReturnType<typeof startOpenAiServer>>;
  let ctx: AgentContext;
  const phi = () => patientPhi(ada, adaCoverage, new Date('2026-11-25'));
  const sent = () => JSON.stringify(server.requests.map((r) => r.body));

  beforeAll(async () => {
    server = await startOpenAiServer();
  });
  afterAll(() => server.close());
  beforeEach(() => {
    server.requests.length = 0;
    ctx = llmStepContext(server.url);
  });

  it("adds the specialist's name, office and phone under the model's message, by code", async () => {
    server.script({
      json: {
        officeMessage: 'Please review the attached referral.',
        patientMessage: 'Hello, we have referred you to an eye doctor for your retina.',
      },
    });
    const { outreach, run } = await draftOutreach(
      { referral, patient: ada, candidate, phi: phi() },
      ctx,
    );
    expect(run.path).toBe('llm');
    expect(outreach.patientMessage.text).toBe(
      [
        'Hello, we have referred you to an eye doctor for your retina.',
        '',
        'Specialist: Elena Vasquez, MD.',
        `Office: Valley Retina Center, ${STREET}, Providence, RI 02903.`,
        `Phone: ${PHONE}.`,
      ].join('\n'),
    );
    // The model is never told the contact: it cannot choose or alter it.
    expect(sent()).not.toContain('555-0142');
    expect(sent()).not.toContain('Oak Street');
  });

  it('labels nothing in a language the templates lack: names and numbers only', async () => {
    server.script({
      json: {
        officeMessage: 'Please review.',
        patientMessage: 'Здравствуйте, вас направили к врачу.',
      },
    });
    const { outreach } = await draftOutreach(
      { referral, patient: { ...ada, language: 'ru' }, candidate, phi: phi() },
      ctx,
    );
    expect(outreach.patientMessage.language).toBe('ru');
    expect(outreach.patientMessage.text.split('\n').slice(-3)).toEqual([
      'Elena Vasquez, MD.',
      `Valley Retina Center, ${STREET}, Providence, RI 02903.`,
      `Tel. ${PHONE}.`,
    ]);
  });

  it('refuses a model message with a phone number of its own: the template goes out', async () => {
    server.script({
      json: {
        officeMessage: 'Please review.',
        patientMessage: 'Hello, call the specialist at 401-555-9999.',
      },
    });
    const { outreach, run } = await draftOutreach(
      { referral, patient: ada, candidate, phi: phi() },
      ctx,
    );
    expect(run).toMatchObject({ path: 'deterministic', fallback: 'rejected' });
    expect(outreach.patientMessage.text).not.toContain('9999');
    expect(outreach.patientMessage.text).toContain(PHONE);
  });
});
