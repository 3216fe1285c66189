export { openSqliteDirectoryIndex } from './open.js';
export { createIndexTables } from './schema.js';
export { createSqliteDirectoryIndex } from './sqlite-directory-index.js';
