export type { ToolDefinition, ToolDeps, ToolScope } from './define-tool.js';
export { defineTool } from './define-tool.js';
export type { ToolName } from './registry.js';
export { approvedTools } from './registry.js';
export type { ToolRuntime } from './run-tool.js';
export { runTool } from './run-tool.js';
