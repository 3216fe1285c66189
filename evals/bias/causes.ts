import { bootstrapCi } from '../core/metrics.js';
import { type GroupFigure, OUTCOMES, SOON_DAYS } from './group-outcomes.js';
import {
  type GroupAttribute,
  NEAR_MILES,
  RADIUS_MILES,
  type ReferralOutcome,
} from './referral-outcome.js';

/** "rural patients", "Medicaid patients", "patients aged 65+", "patients speaking pt". */
export function groupLabel(attribute: GroupAttribute, group: string): string {
  switch (attribute) {
    case 'urban-rural':
      return `${group} patients`;
    case 'payer-type':
      return `${group} patients`;
    case 'age-band':
      return `patients aged ${group}`;
    case 'language':
      return `patients whose language is "${group}"`;
  }
}

const median = (xs: readonly number[]) => {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1
    ? (s[mid] as number)
    : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};

const fmt = (x: number | null, digits = 1) =>
  x === null ? 'n/a' : String(Math.round(x * 10 ** digits) / 10 ** digits);

/** The one or two specialties most of these referrals needed ("retina or glaucoma"). */
function commonSpecialties(cases: readonly ReferralOutcome[]): string {
  const counts = new Map<string, number>();
  for (const c of cases) for (const s of c.specialties) counts.set(s, (counts.get(s) ?? 0) + 1);
  const top = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const names = top.slice(0, 2).map(([name]) => name.replace(/ specialist$/i, ''));
  return names.length === 0 ? 'needed' : names.join(' or ');
}

function unfavourablePhrase(outcome: GroupFigure['outcome']): string {
  switch (outcome) {
    case 'distance':
      return `were first shown an option beyond ${NEAR_MILES} miles, or none`;
    case 'wait':
      return `were recommended a specialist listing a wait over ${SOON_DAYS} days`;
    case 'in-network':
      return 'were first shown an option outside their network, or none';
    case 'exception':
      return 'ended in an exception';
  }
}

/** A cause and how many of the unfavourable referrals it accounts for. */
interface Cause {
  count: number;
  text: string;
}

/** The likeliest reasons the group's unfavourable referrals went as they did, from their data. */
function causesOf(
  figure: GroupFigure,
  best: GroupFigure,
  bestLabel: string,
  bad: readonly ReferralOutcome[],
): string {
  const depth = median(figure.cases.map((o) => o.nearby.inNetwork));
  const bestDepth = median(best.cases.map((o) => o.nearby.inNetwork));
  const depthText = `their plans' networks list a median of ${fmt(depth)} open, reachable specialists of the preferred specialty within ${RADIUS_MILES} miles, against ${fmt(bestDepth)} for ${bestLabel}`;
  if (figure.outcome === 'wait') {
    const waits = median(figure.cases.map((o) => o.waitDays ?? 0));
    const bestWaits = median(best.cases.map((o) => o.waitDays ?? 0));
    const lead = `the specialists recommended to them list a median wait of ${fmt(waits)} days against ${fmt(bestWaits)} for ${bestLabel}`;
    return depth !== null && bestDepth !== null && depth < bestDepth
      ? `${lead}; ${depthText}, so the ranking has fewer short-wait specialists to choose from (thin network depth)`
      : `${lead}: the waits the directory lists where they live, not fewer specialists to choose from`;
  }
  const none = bad.filter((o) => o.nearby.any === 0);
  const narrow = bad.filter((o) => o.nearby.any > 0 && o.nearby.inNetwork === 0);
  const farOnly = bad.filter((o) => o.nearby.inNetwork > 0 && o.nearby.inNetworkNear === 0);
  const passedOver = bad.filter((o) => o.nearby.inNetworkNear > 0);
  const speaking = passedOver.filter((o) => o.firstSpeaksLanguage).length;
  const causes: Cause[] = [
    {
      count: none.length,
      text: `for ${none.length} no ${commonSpecialties(none)} specialist of any network practises within ${RADIUS_MILES} miles (thin coverage where they live)`,
    },
    {
      count: narrow.length,
      text: `for ${narrow.length} ${commonSpecialties(narrow)} specialists practise within ${RADIUS_MILES} miles but none in their plan's network (a narrow network)`,
    },
  ];
  if (figure.outcome === 'distance') {
    causes.push({
      count: farOnly.length,
      text: `for ${farOnly.length} the nearest open in-network ${commonSpecialties(farOnly)} specialist practises beyond ${NEAR_MILES} miles (their network is thin near them)`,
    });
    causes.push({
      count: passedOver.length,
      text: `for ${passedOver.length} an open in-network specialist practises within ${NEAR_MILES} miles but the ranking put a farther one first (${speaking} of those first options speak the patient's language: the ranking trades distance for language, wait and rating)`,
    });
  }
  const found = causes.filter((c) => c.count > 0).sort((a, b) => b.count - a.count);
  const [main, second] = found;
  if (!main) return depthText;
  return second && second.count * 4 >= bad.length
    ? `${main.text}; ${second.text}`
    : `${main.text}${main.count * 2 < bad.length ? `; ${depthText}` : ''}`;
}

/** A plain statement of an adverse group outcome and its likely cause, computed from the data. */
export function adverseStatement(o: {
  seed: number;
  directoryLabel: string;
  attribute: GroupAttribute;
  figure: GroupFigure;
  figures: readonly GroupFigure[];
}): string {
  const { figure, attribute } = o;
  const spec = OUTCOMES.find((s) => s.id === figure.outcome);
  const peers = o.figures.filter((f) => f.outcome === figure.outcome && f.compared);
  const best = peers.reduce((a, b) => ((b.rate ?? -1) > (a.rate ?? -1) ? b : a), figure);
  const bestLabel = groupLabel(attribute, best.group);
  const bad = figure.cases.filter((c) => !spec?.favourable(c));
  const who = groupLabel(attribute, figure.group);
  const hits = figure.cases.map((c) => (spec?.favourable(c) ? 1 : 0));
  const ci = bootstrapCi(hits, (xs) => xs.reduce((a: number, b) => a + b, 0) / xs.length, o.seed);
  const interval = ci ? ` [95% CI ${fmt(ci[0] * 100)}–${fmt(ci[1] * 100)}%]` : '';
  return (
    `${o.directoryLabel}, ${who}: ${bad.length} of ${figure.n} ${unfavourablePhrase(figure.outcome)} ` +
    `(favourable rate ${fmt((figure.rate ?? 0) * 100)}%${interval} against ${fmt((best.rate ?? 0) * 100)}% ` +
    `for ${bestLabel}, ratio ${fmt(figure.ratio, 2)}). Likely cause: ` +
    `${causesOf(figure, best, bestLabel, bad)}.`
  );
}
