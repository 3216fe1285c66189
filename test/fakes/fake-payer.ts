import { AppError, type NetworkStatus, type PayerClient } from '../../src/domain/index.js';

export function createFakePayer(plans: NetworkStatus[]) {
  let isDown = false;
  const client: PayerClient = {
    async getNetworkStatus({ planId }) {
      if (isDown) throw new AppError('UPSTREAM_UNAVAILABLE', 'fake payer down');
      const plan = plans.find((p) => p.planId === planId);
      if (!plan) throw new AppError('NOT_FOUND', 'unknown plan');
      return plan;
    },
  };
  return {
    client,
    setDown: (down: boolean) => {
      isDown = down;
    },
  };
}
