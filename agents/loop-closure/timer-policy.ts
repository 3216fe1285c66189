import type { TimerPolicies, TimerPolicy, Urgency } from '../../src/domain/index.js';

/**
 * The deadlines for one referral: its urgency's policy (a same-day condition of the rule table
 * makes it `emergent`), with its referral type's overrides on top.
 */
export function timerPolicyFor(
  policies: TimerPolicies,
  referral: { urgency: Urgency; referralType: string; urgentCondition: string | null },
): TimerPolicy {
  const urgency = referral.urgentCondition ? 'emergent' : referral.urgency;
  const overrides = Object.entries(policies.byReferralType[referral.referralType] ?? {}).filter(
    ([, value]) => value !== undefined,
  );
  return { ...policies[urgency], ...Object.fromEntries(overrides) };
}
