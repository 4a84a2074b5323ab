import { startExecution } from '../adapters/aws/stepFunctions.js';
import type { Config } from '../config.js';
import type { WorkflowStarter } from '../usecases/ports.js';

export type { WorkflowName, WorkflowStarter } from '../usecases/ports.js';

/**
 * The product's workflow starter (the port `deps.workflows`): a Step Functions execution of
 * the workflow's state machine. An execution name starts one execution: starting it again (a
 * retry resuming a request) does nothing. The local runtime wires its own runner of the same
 * definitions (aws-local-stepfunctions) instead.
 */
export function stepFunctionsStarter(config: Config): WorkflowStarter {
  return async (name, input, executionName) => {
    const arn = config.stateMachines[name];
    if (!arn) throw new Error(`no state machine configured for ${name}`);
    await startExecution(config.region, arn, executionName, input);
  };
}
