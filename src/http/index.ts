export type { AppDeps } from './app.js';
export { createApp } from './app.js';
export type { Grant } from './auth.js';
