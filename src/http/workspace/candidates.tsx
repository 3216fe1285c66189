import type { Candidate } from '../../domain/index.js';
import { CsrfField } from './layout.js';

const CHECK_LABEL: Record<keyof Candidate['checks'], string> = {
  specialtyMatches: 'specialty',
  inNetwork: 'in network',
  acceptingNewPatients: 'accepting new patients',
  withinDistance: 'within distance',
  speaksPatientLanguage: "speaks the patient's language",
  reachable: 'reachable',
};

export const failedChecks = (c: Candidate) =>
  Object.entries(c.checks)
    .filter(([, ok]) => !ok)
    .map(([k]) => CHECK_LABEL[k as keyof Candidate['checks']]);

/** The ranked candidates with their reasons; a coordinator at review may choose another. */
export function Candidates(props: {
  candidates: Candidate[];
  recommendedId: string | null;
  selectedId: string | null;
  decideUrl: string | null;
  csrf: string;
  keyPrefix: string;
  interruptId: string;
}) {
  if (props.candidates.length === 0) return <p class="muted">No candidates in this round.</p>;
  return (
    <table class="stack" aria-label="Candidates">
      <thead>
        <tr>
          <th scope="col">Specialist</th>
          <th scope="col">Where</th>
          <th scope="col">Why</th>
          <th scope="col">Choice</th>
        </tr>
      </thead>
      <tbody>
        {props.candidates.map((c, i) => {
          const failed = failedChecks(c);
          return (
            <tr data-candidate={c.candidateId}>
              <td data-label="Specialist">
                <strong>
                  {i + 1}. {c.name}
                </strong>
                <div class="muted">
                  {c.specialty ?? 'no qualifying specialty'} · NPI {c.npi}
                </div>
                {c.candidateId === props.recommendedId && <span class="badge ok">recommended</span>}{' '}
                {c.candidateId === props.selectedId && <span class="badge ok">selected</span>}
              </td>
              <td data-label="Where">
                {c.locationName}, {c.city}
                <div class="muted">
                  {c.distanceKm.toFixed(1)} km{c.waitDays !== null ? ` · wait ${c.waitDays} d` : ''}
                </div>
              </td>
              <td data-label="Why">
                <div>{c.explanation}</div>
                <details>
                  <summary>{c.reasons.length} reasons</summary>
                  <ul>
                    {c.reasons.map((r) => (
                      <li>{r}</li>
                    ))}
                  </ul>
                </details>
                {failed.length > 0 && <div class="badge bad">fails: {failed.join(', ')}</div>}
              </td>
              <td data-label="Choice">
                {props.decideUrl && c.isValid && c.candidateId !== props.recommendedId ? (
                  <form method="post" action={props.decideUrl}>
                    <CsrfField csrf={props.csrf} />
                    <input type="hidden" name="interrupt" value={props.interruptId} />
                    <input type="hidden" name="decision" value="edit" />
                    <input type="hidden" name="candidateId" value={c.candidateId} />
                    <input
                      type="hidden"
                      name="key"
                      value={`${props.keyPrefix}-choose-${c.candidateId}`}
                    />
                    <button type="submit" class="secondary">
                      Send to this one
                    </button>
                  </form>
                ) : (
                  <span class="muted">{c.isValid ? '' : 'not eligible'}</span>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
