export { createRevolutionEhrClient } from './revolution-ehr-client.js';
