export { openSqliteDirectoryIndex } from './open.js';
export { createSqliteDirectoryIndex } from './sqlite-directory-index.js';
