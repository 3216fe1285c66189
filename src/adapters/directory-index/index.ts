export { createBuiltinDirectory } from './builtin-directory.js';
export { builtinProfiles, SPECIALTY_TAXONOMY } from './builtin-profiles.js';
export { createMemoryDirectoryIndex } from './memory-index.js';
export { createSqliteDirectoryIndex, openSqliteDirectoryIndex } from './sqlite/index.js';
