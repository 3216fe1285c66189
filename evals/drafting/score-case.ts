import type { Outreach, Packet } from '../../agents/index.js';
import type { DraftingCase } from './cases.js';
import { detectLanguage } from './language.js';
import { readability } from './readability.js';
import {
  hasContact,
  mentionsAll,
  mentionsAny,
  namesSpecialist,
  placeholdersIn,
  statesLanguage,
} from './text-checks.js';

export const MAX_GRADE = 8;

/** The checks of one draft (the letter, or the patient message). */
export interface DraftChecks {
  reason: boolean;
  specialist: boolean;
  contact: boolean;
  /** Letter: the patient's language is stated. Message: written in the language it should be. */
  language: boolean;
  placeholders: string[];
}

export interface CaseScore {
  caseId: string;
  /** The patient's preferred language. */
  language: string;
  urgency: DraftingCase['urgency'];
  letter: DraftChecks;
  message: DraftChecks & {
    /** The language the product says the message is in, and the one it reads as. */
    declared: string;
    detected: string | null;
    /** The patient's language had no template and no model wrote it: English was sent. */
    fellBack: boolean;
  };
  /** Placeholders left in the office message. */
  officePlaceholders: string[];
  /** Flesch–Kincaid grade of the patient message when it is in English; null otherwise. */
  grade: number | null;
  problems: string[];
}

/** The text without the specialist's own names (a practice called "Valley Retina Center" says no reason). */
function withoutSpecialist(text: string, s: DraftingCase['specialist']): string {
  return [s.locationName, s.name, s.specialty].reduce((t, name) => t.split(name).join(' '), text);
}

export interface Drafts {
  letter: Packet;
  outreach: Outreach;
}

/**
 * Scores one case's drafts. `supported(language)`: whether the product can write to a patient in
 * that language (a template, or the model on the LLM path); when it cannot, English is expected.
 */
export function scoreCase(
  c: DraftingCase,
  drafts: Drafts,
  supported: (language: string) => boolean,
): CaseScore {
  const s = c.specialist;
  const letterText = `${drafts.letter.subject}\n${drafts.letter.body}`;
  const message = drafts.outreach.patientMessage;
  const patientLanguage = c.patient.language;
  const detected = detectLanguage(message.text);
  const canWrite = supported(patientLanguage);
  const expected = canWrite ? patientLanguage : 'en';
  const letter: DraftChecks = {
    reason: mentionsAll(withoutSpecialist(letterText, s), c.letterTerms),
    specialist: namesSpecialist(letterText, s),
    contact: hasContact(letterText, s),
    language: statesLanguage(letterText, patientLanguage),
    placeholders: [...new Set(placeholdersIn(letterText))],
  };
  const lay = Object.values(c.patientTerms).flat();
  const scored = {
    reason: mentionsAny(withoutSpecialist(message.text, s), lay),
    specialist: namesSpecialist(message.text, s),
    contact: hasContact(message.text, s),
    language: message.language === expected && detected === expected,
    placeholders: [...new Set(placeholdersIn(message.text))],
    declared: message.language,
    detected,
    fellBack: !canWrite,
  };
  const officePlaceholders = [...new Set(placeholdersIn(drafts.outreach.officeMessage))];
  const grade = detected === 'en' ? (readability(message.text)?.grade ?? null) : null;

  const problems: string[] = [];
  const miss = (ok: boolean, what: string) => {
    if (!ok) problems.push(what);
  };
  miss(letter.placeholders.length === 0, `letter leaves ${letter.placeholders.join(' ')}`);
  miss(scored.placeholders.length === 0, `patient message leaves ${scored.placeholders.join(' ')}`);
  miss(officePlaceholders.length === 0, `office message leaves ${officePlaceholders.join(' ')}`);
  miss(letter.specialist, 'letter does not name the specialist');
  miss(letter.contact, "letter gives neither the specialist's phone nor street address");
  miss(letter.reason, 'letter misses the reason');
  miss(letter.language, `letter does not state the patient's language (${patientLanguage})`);
  miss(scored.specialist, 'patient message does not name the specialist');
  miss(scored.contact, "patient message gives neither the specialist's phone nor street address");
  miss(scored.reason, 'patient message does not say why (no lay term)');
  miss(
    scored.language,
    `patient message should be in ${expected}: declared ${message.language}, reads as ${detected ?? 'unknown'}`,
  );
  miss(grade === null || grade <= MAX_GRADE, `patient message reads at grade ${grade?.toFixed(1)}`);
  return {
    caseId: c.id,
    language: patientLanguage,
    urgency: c.urgency,
    letter,
    message: scored,
    officePlaceholders,
    grade,
    problems,
  };
}
