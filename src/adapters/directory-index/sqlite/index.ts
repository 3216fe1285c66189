export { withDenseVectors } from './dense-vectors.js';
export { openSqliteDirectoryIndex } from './open.js';
export { createSqliteDirectoryIndex } from './sqlite-directory-index.js';
