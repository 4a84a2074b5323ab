import { readFileSync } from 'node:fs';
import { App, Duration, Stack } from 'aws-cdk-lib';
import { AttributeType, Table } from 'aws-cdk-lib/aws-dynamodb';
import { WORKFLOWS } from '../workflows.js';
import {
  Workflow,
  definitionFile,
  placeholders,
  stateMachineArnVariable,
  type WorkflowTask,
} from './workflow.js';

// The checks run before any function is bundled, so these tests synthesise nothing.
const build = (tasks: readonly WorkflowTask[]) => {
  const stack = new Stack(new App(), 'Test');
  const table = new Table(stack, 'Table', {
    partitionKey: { name: 'pk', type: AttributeType.STRING },
  });
  return () => new Workflow(stack, 'Mrp', { name: 'mrp', tasks, table, serviceVersion: '0' });
};
const mrpTasks = WORKFLOWS.find((w) => w.name === 'mrp')!.tasks;

describe('Workflow', () => {
  it('finds the placeholders of the MRP definition', () => {
    expect(placeholders(readFileSync(definitionFile('mrp'), 'utf8'))).toEqual([
      'LoadFunctionArn',
      'ComputeFunctionArn',
      'PersistFunctionArn',
      'NotifyFunctionArn',
      'FailFunctionArn',
    ]);
  });

  it('refuses a task list that leaves a placeholder unmapped', () => {
    expect(build(mrpTasks.slice(1))).toThrow(/no task for: LoadFunctionArn/);
  });

  it('refuses a task the definition does not use', () => {
    const extra = { placeholder: 'CostFunctionArn', file: 'cost', memorySize: 256 };
    expect(build([...mrpTasks, { ...extra, timeout: Duration.seconds(1) }])).toThrow(
      /not in the definition: CostFunctionArn/,
    );
  });

  it('refuses a placeholder mapped twice', () => {
    expect(build([...mrpTasks, mrpTasks[0]!])).toThrow(/exactly once/);
  });

  it('names the env variable the starter reads', () => {
    expect(stateMachineArnVariable('mrp')).toBe('MRP_STATE_MACHINE_ARN');
  });
});
