/**
 * `npm run sandbox`: runs the sandbox EHR on its own. Reads the same variables as the service
 * (with the same development defaults) but parses them here: the sandbox imports nothing from src.
 */
import { startSandbox } from './server.js';

const env = process.env;
const int = (value: string | undefined, fallback: number) => {
  const n = Number(value);
  return value && Number.isInteger(n) && n >= 0 ? n : fallback;
};
const servicePort = int(env.PORT, 8787);

const sandbox = await startSandbox({
  port: int(env.SANDBOX_PORT, 8788),
  host: env.SANDBOX_HOST || '127.0.0.1',
  practiceId: env.DEMO_PRACTICE_ID || 'practice-demo',
  apiKey: env.EHR_API_KEY || 'sandbox-ehr-api-key',
  webhookUrl: `${(env.SERVICE_URL || `http://127.0.0.1:${servicePort}`).replace(/\/$/, '')}/webhooks/ehr`,
  webhookSecret: env.WEBHOOK_SECRET || 'whsec_ZGV2LW9ubHktd2ViaG9vay1zZWNyZXQtY2hhbmdlLW1l',
  seed: int(env.SANDBOX_SEED, 42),
  patientCount: int(env.SANDBOX_PATIENTS, 40),
  logger: (line) => console.log(JSON.stringify({ time: new Date().toISOString(), ...line })),
});
console.log(JSON.stringify({ level: 'info', msg: 'sandbox.listening', url: sandbox.url }));

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void sandbox.close().then(() => process.exit(0));
  });
}
