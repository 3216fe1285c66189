export { createMemoryDirectoryIndex } from './memory-index.js';
export { openDirectoryIndex } from './open.js';
export { createQdrantDirectoryIndex, openQdrantDirectoryIndex } from './qdrant/index.js';
export { createSqliteDirectoryIndex, openSqliteDirectoryIndex } from './sqlite/index.js';
