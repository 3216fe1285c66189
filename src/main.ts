import { loadConfig } from './config.js';
import { startService } from './service.js';

let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig();
} catch (error) {
  console.error((error as Error).message);
  process.exit(2);
}

const service = await startService(config);
console.log(`Referral service   ${service.url}   (API reference: ${service.url}/docs)`);
console.log(`Workspace          ${service.url}/workspace   (sign in with the coordinator token)`);
if (service.sandboxUrl)
  console.log(`Sandbox EHR        ${service.sandboxUrl}   (practice ${config.sandbox.practiceId})`);
console.log(
  `Store              ${config.store.kind === 'sqlite' ? config.store.path : 'PostgreSQL'}`,
);
// No token or secret is ever printed: only where the coordinator's token comes from.
console.log(
  `Coordinator token  ${config.auth.isDemoTokenDefault ? 'DEMO_TOKEN is unset: the development default shown in README.md (Quick start)' : 'the value of DEMO_TOKEN'}`,
);
console.log(
  `Review queue       curl -H 'authorization: Bearer <token>' '${service.url}/api/referrals?status=pending_review'`,
);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    service.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}
