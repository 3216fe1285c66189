export type { VerifyWebhook } from './standard-webhooks.js';
export { createWebhookVerifier } from './standard-webhooks.js';
