export { createChatModel, createEmbedder } from './chat-model.js';
