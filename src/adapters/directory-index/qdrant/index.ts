export { openQdrantDirectoryIndex } from './open.js';
export { createQdrantDirectoryIndex, type QdrantIndexOptions } from './qdrant-directory-index.js';
