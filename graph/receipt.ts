import type { LangGraphRunnableConfig } from '@langchain/langgraph';
import { z } from 'zod';
import type { DecisionReceipt } from '../src/domain/index.js';

const Receipt = z.object({ key: z.string().min(1), requestHash: z.string().min(1) });

/** The receipt of the coordinator request a resume carries, for the transition it decides. */
export function receiptOf(config: LangGraphRunnableConfig): DecisionReceipt | undefined {
  const parsed = Receipt.safeParse(config.configurable?.receipt);
  return parsed.success ? parsed.data : undefined;
}
