import { draftPacket } from '../../agents/index.js';
import type { State, Update } from '../state.js';

/** Drafts the packet for the recommended candidate, for the reviewer to see and edit. */
export const draftPacketNode = async (state: State): Promise<Update> => {
  const candidate = state.candidates.find((c) => c.candidateId === state.recommendedId);
  if (!state.referral || !state.patient || !candidate)
    throw new Error('draft-packet ran before match');
  return {
    packet: draftPacket({
      referral: state.referral,
      patient: state.patient,
      coverage: state.coverage,
      candidate,
    }),
  };
};
