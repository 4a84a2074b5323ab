import { readFileSync } from 'node:fs';
import { App, Duration, Stack } from 'aws-cdk-lib';
import { AttributeType, Table } from 'aws-cdk-lib/aws-dynamodb';
import { WORKFLOWS } from '../workflows.js';
import {
  Workflow,
  checkDefinition,
  definitionFile,
  worstCaseSeconds,
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

  describe.each(WORKFLOWS.map((w) => [w.name, w] as const))('the %s definition', (name, spec) => {
    const asl = JSON.parse(readFileSync(definitionFile(name), 'utf8')) as {
      TimeoutSeconds?: number;
      States: Record<
        string,
        { Type: string; Resource?: string; TimeoutSeconds?: number; Catch?: { Next: string }[] }
      >;
    };
    const taskStates = Object.entries(asl.States).filter(([, s]) => s.Type === 'Task');

    it('gives every task a timeout no shorter than its Lambda and a catch', () => {
      expect(taskStates.length).toBe(spec.tasks.length);
      for (const [, state] of taskStates) {
        const task = spec.tasks.find((t) => state.Resource === `\${${t.placeholder}}`)!;
        expect(state.TimeoutSeconds).toBeGreaterThanOrEqual(task.timeout.toSeconds());
        expect(state.Catch?.length).toBeGreaterThan(0);
      }
    });

    it('catches a failing failure step into the Fail state', () => {
      expect(asl.States.MarkFailed!.Catch).toEqual([
        expect.objectContaining({ ErrorEquals: ['States.ALL'], Next: 'Failed' }),
      ]);
      expect(asl.States.Failed!.Type).toBe('Fail');
    });

    it('times the whole run out, after the worst case of its tasks', () => {
      expect(asl.TimeoutSeconds).toBeGreaterThanOrEqual(worstCaseSeconds(asl));
      expect(() => checkDefinition(name, JSON.stringify(asl), spec.tasks)).not.toThrow();
    });
  });

  describe('refuses a definition', () => {
    const mrp = () =>
      JSON.parse(readFileSync(definitionFile('mrp'), 'utf8')) as {
        TimeoutSeconds?: number;
        States: Record<string, Record<string, unknown>>;
      };
    const check = (asl: unknown) => () => checkDefinition('mrp', JSON.stringify(asl), mrpTasks);

    it('with a task without a timeout', () => {
      const asl = mrp();
      delete asl.States.Compute!.TimeoutSeconds;
      expect(check(asl)).toThrow(/Compute has no TimeoutSeconds/);
    });

    it('with a task timing out before its Lambda', () => {
      const asl = mrp();
      asl.States.Load!.TimeoutSeconds = 60;
      expect(check(asl)).toThrow(/Load times out \(60 s\) before its Lambda \(300 s\)/);
    });

    it('with a task without a catch', () => {
      const asl = mrp();
      delete asl.States.MarkFailed!.Catch;
      expect(check(asl)).toThrow(/MarkFailed has no Catch/);
    });

    it('without a state-machine timeout, or with one shorter than the worst case', () => {
      const asl = mrp();
      delete asl.TimeoutSeconds;
      expect(check(asl)).toThrow(/the state machine has no TimeoutSeconds/);
      asl.TimeoutSeconds = 600;
      expect(check(asl)).toThrow(/before its tasks' worst case \(3600 s\)/);
    });
  });
});
