export { createPayerClient } from './payer-client.js';
