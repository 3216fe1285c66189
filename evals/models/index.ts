export { hijackedReply, ROGUE_NPI, ROGUE_TOOL_CALLS } from './adversarial-llm.js';
export { cooperativeAnswer, cooperativeModel, cooperativeReply } from './cooperative-llm.js';
export {
  EVAL_EHR_API_KEY,
  EVAL_PRACTICE_ID,
  newWebhookSecret,
  startEvalSandbox,
} from './eval-sandbox.js';
export { freePort } from './free-port.js';
export {
  answerStepOf,
  candidateIdsIn,
  deliverAnswer,
  placeholdersIn,
  promptText,
  stepOf,
  toolNamesOf,
} from './llm-requests.js';
export { agentOf, type Exchange, type ModelSession, startModelSession } from './model-session.js';
export {
  fakeEmbedding,
  type OpenAiServer,
  type RecordedRequest,
  type Reply,
  type ReplyHandler,
  type ScriptedToolCall,
  startOpenAiServer,
} from './openai-server.js';
export {
  type Delivered,
  type NewNote,
  type NewPatient,
  type NewReferral,
  type SandboxClient,
  sandboxClient,
} from './sandbox-client.js';
export { scriptedAgentModel } from './scripted-model.js';
