export type { AppDeps } from './app.js';
export { createApp } from './app.js';
export type { Grant } from './auth.js';
export { type HttpTimeouts, serverTimeouts } from './server-options.js';
