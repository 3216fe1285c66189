import { draftOutreach, draftReferralPacket, patientPhi } from '../../agents/index.js';
import { agentContext, type GraphDeps } from '../deps.js';
import type { State, Update } from '../state.js';

/**
 * Drafts the packet and the outreach messages for the recommended candidate, for the reviewer
 * to see and edit. Nothing is sent here.
 */
export const draftPacketNode =
  (deps: GraphDeps) =>
  async (state: State): Promise<Update> => {
    const { referral, patient } = state;
    const candidate = state.candidates.find((c) => c.candidateId === state.recommendedId);
    if (!referral || !patient || !candidate) throw new Error('draft-packet ran before match');
    const ctx = agentContext(deps, state);
    // One vault per draft: the letter names the patient in full, the patient's message by given name.
    const phi = () => patientPhi(patient, state.coverage, deps.clock.now());
    const [letter, messages] = await Promise.all([
      draftReferralPacket(
        {
          referral,
          patient,
          coverage: state.coverage,
          candidate,
          clinicalSummary: state.clinicalSummary,
          phi: phi(),
        },
        ctx,
      ),
      draftOutreach({ referral, patient, candidate, phi: phi() }, ctx),
    ]);
    return {
      packet: letter.packet,
      outreach: messages.outreach,
      agentRuns: [letter.run, messages.run],
    };
  };
