import type { Child } from 'hono/jsx';
import type { Candidate } from '../../domain/index.js';
import { CsrfField } from './layout.js';

/** A specialist the directory search found, as the exception page lists it. */
export interface FoundSpecialist {
  npi: string;
  name: string;
  where: string;
  acceptingNewPatients: boolean | null;
}

interface FormProps {
  action: string;
  csrf: string;
  /** Unique per gate: a form submitted twice gets the first answer (the API's Idempotency-Key). */
  keyPrefix: string;
  /** The gate the form was rendered for: a decision on a gate that has since moved is refused. */
  interruptId: string;
}

function Decide(
  props: FormProps & { decision: string; label: string; class?: string; children?: Child },
) {
  return (
    <form method="post" action={props.action} class="actions">
      <CsrfField csrf={props.csrf} />
      <input type="hidden" name="interrupt" value={props.interruptId} />
      <input type="hidden" name="decision" value={props.decision} />
      <input type="hidden" name="key" value={`${props.keyPrefix}-${props.decision}`} />
      {props.children}
      <button type="submit" class={props.class}>
        {props.label}
      </button>
    </form>
  );
}

/** Approve, approve with an edited letter or patient message, reject (re-match) or cancel. */
export function ReviewForms(
  props: FormProps & {
    letter: string;
    patientMessage: string | null;
  },
) {
  return (
    <div class="grid">
      <Decide {...props} decision="approve" label="Approve and send" />
      <form method="post" action={props.action} aria-label="Edit and approve">
        <CsrfField csrf={props.csrf} />
        <input type="hidden" name="interrupt" value={props.interruptId} />
        <input type="hidden" name="decision" value="edit" />
        <input type="hidden" name="key" value={`${props.keyPrefix}-edit`} />
        <label for="packetBody">Letter to the specialist</label>
        <textarea id="packetBody" name="packetBody" rows={12} maxlength={8000}>
          {props.letter}
        </textarea>
        {props.patientMessage !== null && (
          <>
            <label for="patientMessage">Message to the patient</label>
            <textarea id="patientMessage" name="patientMessage" rows={5} maxlength={2000}>
              {props.patientMessage}
            </textarea>
          </>
        )}
        <label for="edit-note">Note for the specialist (optional)</label>
        <input id="edit-note" name="note" maxlength={4000} />
        <p>
          <button type="submit">Save edits and send</button>
        </p>
      </form>
      <Decide {...props} decision="reject" label="Reject and re-match" class="secondary">
        <div>
          <label for="reject-note">Why not this specialist</label>
          <input id="reject-note" name="note" required maxlength={4000} />
        </div>
      </Decide>
      <Decide {...props} decision="cancel" label="Cancel the referral" class="danger" />
    </div>
  );
}

/** One specialist the coordinator may propose at an exception, with a line on who they are. */
function ProposeSpecialist(props: FormProps & { npi: string; children: Child }) {
  return (
    <li>
      <form method="post" action={props.action} class="actions">
        <CsrfField csrf={props.csrf} />
        <input type="hidden" name="interrupt" value={props.interruptId} />
        <input type="hidden" name="decision" value="retry" />
        <input type="hidden" name="npi" value={props.npi} />
        <input type="hidden" name="key" value={`${props.keyPrefix}-retry-${props.npi}`} />
        <span>{props.children}</span>
        <button type="submit" class="secondary">
          Propose
        </button>
      </form>
    </li>
  );
}

/** Retry as is, retry with a specialty or a specialist the coordinator chose, or cancel. */
export function ExceptionForms(
  props: FormProps & {
    specialties: { key: string; label: string }[];
    alternatives: Candidate[];
    /** The directory search asked for on this page, and what it found. */
    find: string | undefined;
    found: FoundSpecialist[];
  },
) {
  return (
    <div class="grid">
      <Decide {...props} decision="retry" label="Retry" />
      <form method="post" action={props.action} class="actions" aria-label="Retry with a specialty">
        <CsrfField csrf={props.csrf} />
        <input type="hidden" name="interrupt" value={props.interruptId} />
        <input type="hidden" name="decision" value="retry" />
        <input type="hidden" name="key" value={`${props.keyPrefix}-retry-specialty`} />
        <div>
          <label for="retry-specialty">Specialty</label>
          <select id="retry-specialty" name="specialty" required>
            <option value="">Choose…</option>
            {props.specialties.map((s) => (
              <option value={s.key}>{s.label}</option>
            ))}
          </select>
        </div>
        <button type="submit" class="secondary">
          Match with this specialty
        </button>
      </form>
      <form
        method="post"
        action={props.action}
        class="actions"
        aria-label="Retry with a specialist"
      >
        <CsrfField csrf={props.csrf} />
        <input type="hidden" name="interrupt" value={props.interruptId} />
        <input type="hidden" name="decision" value="retry" />
        <input type="hidden" name="key" value={`${props.keyPrefix}-retry-npi`} />
        <div>
          <label for="retry-npi">Specialist's NPI (from the directory)</label>
          <input id="retry-npi" name="npi" required pattern="[0-9]{10}" inputmode="numeric" />
        </div>
        <button type="submit" class="secondary">
          Propose this specialist
        </button>
      </form>
      <form
        method="get"
        action={props.action.replace(/\/decide$/, '')}
        class="actions"
        aria-label="Search the directory"
      >
        <div>
          <label for="find">Find a specialist (name or NPI)</label>
          <input id="find" name="find" minlength={2} maxlength={100} value={props.find ?? ''} />
        </div>
        <button type="submit" class="secondary">
          Search the directory
        </button>
      </form>
      {props.find !== undefined && (
        <div>
          <h3>Directory results</h3>
          {props.found.length === 0 && <p class="muted">No active specialist matches.</p>}
          <ul>
            {props.found.map((p) => (
              <ProposeSpecialist {...props} npi={p.npi}>
                {p.name} · NPI {p.npi} · {p.where}
                {p.acceptingNewPatients === false && ' · not accepting new patients'}
              </ProposeSpecialist>
            ))}
          </ul>
        </div>
      )}
      {props.alternatives.length > 0 && (
        <div>
          <h3>Nearest ways out</h3>
          <ul>
            {props.alternatives.map((a) => (
              <ProposeSpecialist {...props} npi={a.npi}>
                {a.name}, {a.city} · {a.distanceKm.toFixed(1)} km · {a.explanation}
              </ProposeSpecialist>
            ))}
          </ul>
        </div>
      )}
      <Decide {...props} decision="cancel" label="Cancel the referral" class="danger" />
    </div>
  );
}
