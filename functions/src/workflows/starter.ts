import { startExecution } from '../adapters/aws/stepFunctions.js';
import type { Config } from '../config.js';

export type WorkflowName = 'mrp';
export type WorkflowStarter = (
  name: WorkflowName,
  input: Record<string, unknown>,
  executionName: string,
) => Promise<void>;

let local: WorkflowStarter | undefined;

/** The local runtime runs workflows itself (aws-local-stepfunctions); Lambda never calls this. */
export function useWorkflowStarter(starter: WorkflowStarter | undefined): void {
  local = starter;
}

/**
 * Starts a Step Functions execution (AWS) or a local run of the same definition. An execution
 * name starts one execution: starting it again (a retry resuming a request) does nothing.
 */
export async function startWorkflow(
  config: Config,
  name: WorkflowName,
  input: Record<string, unknown>,
  executionName: string,
): Promise<void> {
  if (local) return local(name, input, executionName);
  const arn = config.stateMachines[name];
  if (!arn) throw new Error(`no state machine configured for ${name}`);
  await startExecution(config.region, arn, executionName, input);
}
