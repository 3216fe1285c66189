export type { LogLevel } from './logger.js';
export { createLogger } from './logger.js';
