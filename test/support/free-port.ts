export { freePort } from '../../evals/models/index.js';
