export { createDraftingSuite, type Drafters, draftingSuite } from './suite.js';
