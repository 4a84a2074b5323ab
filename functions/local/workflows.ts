import { readFileSync } from 'node:fs';
import { StateMachine } from 'aws-local-stepfunctions';
import type { WorkflowName, WorkflowStarter } from '../src/workflows/starter.js';
import { handler as compute } from '../src/workflows/mrp/compute.js';
import { handler as fail } from '../src/workflows/mrp/fail.js';
import { handler as load } from '../src/workflows/mrp/load.js';
import { handler as notify } from '../src/workflows/mrp/notify.js';
import { handler as persist } from '../src/workflows/mrp/persist.js';
import * as costing from './costingTasks.js';

/** What StateMachine takes (the package does not export the type by name). */
type Definition = ConstructorParameters<typeof StateMachine>[0];

type Task = (input: never) => Promise<unknown>;

/** The Lambda handler behind each Task state (the ARN placeholders of the definition). */
const TASKS: Record<WorkflowName, Record<string, { arn: string; state: string; task: Task }>> = {
  mrp: {
    LoadFunctionArn: { arn: 'mrp-load', state: 'Load', task: load },
    ComputeFunctionArn: { arn: 'mrp-compute', state: 'Compute', task: compute },
    PersistFunctionArn: { arn: 'mrp-persist', state: 'Persist', task: persist },
    NotifyFunctionArn: { arn: 'mrp-notify', state: 'Notify', task: notify },
    FailFunctionArn: { arn: 'mrp-fail', state: 'MarkFailed', task: fail },
  },
  costing: {
    LoadFunctionArn: { arn: 'costing-load', state: 'Load', task: costing.load },
    ComputeFunctionArn: { arn: 'costing-compute', state: 'Compute', task: costing.compute },
    WriteFunctionArn: { arn: 'costing-write', state: 'Write', task: costing.write },
    NotifyFunctionArn: { arn: 'costing-notify', state: 'Notify', task: costing.notify },
    FailFunctionArn: { arn: 'costing-fail', state: 'MarkFailed', task: costing.fail },
  },
};

export type TaskWrapper = (state: string, task: Task) => Task;

/** A workflow's ASL definition with its Task ARNs as the local runner names them. */
export function localDefinition(name: WorkflowName): Definition {
  let text = readFileSync(
    new URL(`../src/workflows/${name}/definition.asl.json`, import.meta.url),
    'utf8',
  );
  for (const [placeholder, t] of Object.entries(TASKS[name])) {
    text = text.replaceAll(
      `\${${placeholder}}`,
      `arn:aws:lambda:cn-north-1:000000000000:function:${t.arn}`,
    );
  }
  return JSON.parse(text) as Definition;
}

/**
 * Runs the same ASL files Step Functions runs, with aws-local-stepfunctions, each Task state
 * mapped to the Lambda handler it invokes in AWS. Retries wait `retryMs` instead of seconds.
 */
export function localWorkflows(options: { retryMs?: number; wrap?: TaskWrapper } = {}) {
  const running = new Set<Promise<unknown>>();
  const machines = new Map<WorkflowName, StateMachine>();

  const machine = (name: WorkflowName) => {
    let m = machines.get(name);
    if (!m) {
      // Not validated again on every start (its JSON schemas took about a second to compile):
      // workflows.test.ts validates each definition exactly as this constructor would.
      m = new StateMachine(localDefinition(name), { validationOptions: { noValidate: true } });
      machines.set(name, m);
    }
    return m;
  };

  function execute(name: WorkflowName, input: Record<string, unknown>): Promise<unknown> {
    const tasks = Object.values(TASKS[name]);
    const handlers = Object.fromEntries(
      tasks.map((t) => {
        const task = options.wrap ? options.wrap(t.state, t.task) : t.task;
        return [t.state, (i: unknown) => task(i as never) as Promise<never>];
      }),
    );
    const retries = Object.fromEntries(tasks.map((t) => [t.state, options.retryMs ?? 10]));
    const execution = machine(name).run(input as never, {
      overrides: { taskResourceLocalHandlers: handlers, retryIntervalOverrides: retries },
    });
    return execution.result;
  }

  // As Step Functions: an execution name starts once (a retried start is a no-op).
  const started = new Set<string>();
  const start: WorkflowStarter = async (name, input, executionName) => {
    if (started.has(`${name}/${executionName}`)) return;
    started.add(`${name}/${executionName}`);
    const done = execute(name, input).catch(() => undefined); // the run records its own failure
    running.add(done);
    void done.finally(() => running.delete(done));
  };

  return {
    start,
    /** Runs to the end; rejects if the execution failed. */
    run: execute,
    /** Resolves when every started execution has finished. */
    async idle(): Promise<void> {
      while (running.size) await Promise.all([...running]);
    },
  };
}

export type LocalWorkflows = ReturnType<typeof localWorkflows>;
