import { Duration } from 'aws-cdk-lib';
import type { WorkflowName } from '../../functions/src/workflows/starter.js';
import type { WorkflowTask } from './constructs/workflow.js';

export type WorkflowSpec = {
  /** The folder under functions/src/workflows/, and the name starter.ts starts it by. */
  name: WorkflowName;
  /** Route ids whose functions start executions (they get the ARN and states:StartExecution). */
  startedBy: readonly string[];
  /** One per `${…}` placeholder of the workflow's definition.asl.json. */
  tasks: readonly WorkflowTask[];
};

/** The deployed workflows: MRP and monthly costing. */
export const WORKFLOWS: readonly WorkflowSpec[] = [
  {
    name: 'mrp',
    startedBy: ['mrp.startRun'],
    tasks: [
      {
        placeholder: 'LoadFunctionArn',
        file: 'load',
        memorySize: 1024,
        timeout: Duration.minutes(5),
      },
      {
        placeholder: 'ComputeFunctionArn',
        file: 'compute',
        memorySize: 1536,
        timeout: Duration.minutes(5),
      },
      {
        placeholder: 'PersistFunctionArn',
        file: 'persist',
        memorySize: 1024,
        timeout: Duration.minutes(5),
      },
      {
        placeholder: 'NotifyFunctionArn',
        file: 'notify',
        memorySize: 256,
        timeout: Duration.minutes(1),
      },
      {
        placeholder: 'FailFunctionArn',
        file: 'fail',
        memorySize: 256,
        timeout: Duration.minutes(1),
      },
    ],
  },
  {
    name: 'costing',
    startedBy: ['costing.start'],
    tasks: [
      {
        placeholder: 'LoadFunctionArn',
        file: 'load',
        memorySize: 1536,
        timeout: Duration.minutes(15),
      },
      {
        placeholder: 'ComputeFunctionArn',
        file: 'compute',
        memorySize: 2048,
        timeout: Duration.minutes(15),
      },
      {
        placeholder: 'WriteFunctionArn',
        file: 'write',
        memorySize: 256,
        timeout: Duration.minutes(1),
      },
      {
        placeholder: 'NotifyFunctionArn',
        file: 'notify',
        memorySize: 512,
        timeout: Duration.minutes(2),
      },
      {
        placeholder: 'FailFunctionArn',
        file: 'fail',
        memorySize: 256,
        timeout: Duration.minutes(1),
      },
    ],
  },
];
