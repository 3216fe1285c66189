import type { Coverage, Patient } from '../src/domain/index.js';
import {
  ageBand,
  deidentify,
  knownIdentifiersOf,
  type PlaceholderVault,
  reidentify,
  unknownPlaceholders,
  zip3,
} from './phi/index.js';

/**
 * One patient's de-identification for one agent step: allow-listed facts (age band, ZIP3) and
 * free text masked with one vault, so a draft can be re-identified by code afterwards.
 */
export interface PatientPhi {
  ageBand: string;
  zip3: string;
  deidentify(text: string): string;
  reidentify(text: string): string;
  /** Placeholders in `text` that this vault never issued (invented by a model). */
  unknownPlaceholders(text: string): string[];
}

export function patientPhi(patient: Patient, coverage: Coverage | null, today: Date): PatientPhi {
  const known = knownIdentifiersOf(patient, { memberId: coverage?.memberId });
  let vault: PlaceholderVault = {};
  return {
    ageBand: ageBand(patient.birthDate, today),
    zip3: zip3(patient.address.postalCode),
    deidentify(text) {
      const out = deidentify(text, known, vault);
      vault = out.vault;
      return out.text;
    },
    reidentify: (text) => reidentify(text, vault),
    unknownPlaceholders: (text) => unknownPlaceholders(text, vault),
  };
}
