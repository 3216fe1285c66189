import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  postgresBackend,
  sqliteBackend,
  TickingClock,
} from '../../../test/support/store-backends.js';
import type { OutcomeMark, ReferralStatus, Store } from '../../domain/index.js';
import type { OpenStore } from './open-store.js';

const P = 'practice-a';
const OTHER = 'practice-b';
const NPI = '1234567893';

describe.each([sqliteBackend(), postgresBackend()])(
  'outcomes per specialist ($name)',
  (backend) => {
    let opened: OpenStore;
    let store: Store;

    beforeAll(async () => {
      opened = await backend.open({ clock: new TickingClock() });
      store = opened.store;
    });
    afterAll(async () => {
      await opened?.close();
      await backend.cleanup();
    });

    const move = (
      practiceId: string,
      referralId: string,
      to: ReferralStatus,
      outcome?: OutcomeMark,
      key = `${practiceId}|${referralId}|${to}`,
    ) =>
      store.referrals.applyTransition({
        practiceId,
        referralId,
        to,
        actor: 'system',
        key,
        ...(outcome ? { outcome } : {}),
      });

    async function sentReferral(practiceId: string, referralId: string) {
      await store.referrals.createReferral({ id: referralId, practiceId, threadId: referralId });
      for (const to of ['search_initiated', 'candidates_identified', 'approved'] as const) {
        await move(practiceId, referralId, to);
      }
      await move(practiceId, referralId, 'sent', {
        npi: NPI,
        milestone: 'sent',
        at: '2026-01-05T09:00:00.000Z',
      });
    }

    it('keeps the first time of each milestone, in the transaction of its move, per practice', async () => {
      await sentReferral(P, 'r-1');
      await sentReferral(OTHER, 'r-1');
      const at = (hour: number) => `2026-01-05T${String(hour).padStart(2, '0')}:00:00.000Z`;
      await move(P, 'r-1', 'acknowledged', { npi: NPI, milestone: 'acknowledged', at: at(12) });
      await move(P, 'r-1', 'scheduled', {
        npi: NPI,
        milestone: 'scheduled',
        at: at(13),
        appointmentAt: '2026-01-08T09:00:00.000Z',
      });
      await move(P, 'r-1', 'acknowledged', { npi: NPI, milestone: 'no_show', at: at(14) }, 'ns-1');
      await move(
        P,
        'r-1',
        'scheduled',
        {
          npi: NPI,
          milestone: 'scheduled',
          at: at(15),
          appointmentAt: '2026-01-20T09:00:00.000Z',
        },
        'rebooked',
      );
      const repeat = await move(
        P,
        'r-1',
        'acknowledged',
        {
          npi: NPI,
          milestone: 'no_show',
          at: at(16),
        },
        'ns-1',
      );
      expect(repeat.applied).toBe(false);

      const [mine] = await store.outcomes.forSpecialists(P, [NPI]);
      expect(mine).toMatchObject({
        sent: 1,
        timeToAcknowledge: { count: 1, medianHours: 3 },
        timeToAppointment: { count: 1, medianDays: 3 },
        noShows: { count: 1, of: 1 },
        loopClosure: { count: 0, of: 0 },
      });
      const [theirs] = await store.outcomes.forSpecialists(OTHER, [NPI]);
      expect(theirs).toMatchObject({ sent: 1, timeToAcknowledge: { count: 0 } });
    });

    it('records nothing when the move is refused, and nothing for a referral never sent', async () => {
      await store.referrals.createReferral({ id: 'r-2', practiceId: P, threadId: 'r-2' });
      await expect(
        move(P, 'r-2', 'seen', { npi: NPI, milestone: 'seen', at: '2026-01-06T09:00:00.000Z' }),
      ).rejects.toMatchObject({ code: 'INVALID_TRANSITION' });
      await move(P, 'r-2', 'cancelled', {
        npi: NPI,
        milestone: 'cancelled',
        at: '2026-01-06T09:00:00.000Z',
      });
      const [mine] = await store.outcomes.forSpecialists(P, [NPI]);
      expect(mine?.sent).toBe(1);
      expect(await store.outcomes.forSpecialists(P, [])).toEqual([]);
    });
  },
);
