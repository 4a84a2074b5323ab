import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import {
  DefinitionBody,
  LogLevel,
  StateMachine,
  StateMachineType,
} from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { baseEnvironment, functionRole, nodeFunction } from './nodeFunction.js';
import { grantNeeds } from './roles.js';

/** One Task state's Lambda: `${placeholder}` in the ASL file becomes this function's ARN. */
export type WorkflowTask = {
  /** The placeholder in definition.asl.json, without `${}`: `LoadFunctionArn`. */
  placeholder: string;
  /** The module under functions/src/workflows/<workflow>/, without `.ts`: `load`. */
  file: string;
  memorySize: number;
  timeout: Duration;
};

export type WorkflowProps = {
  /** The folder under functions/src/workflows/ holding definition.asl.json and the tasks. */
  name: string;
  tasks: readonly WorkflowTask[];
  table: ITable;
  serviceVersion: string;
};

const WORKFLOWS_DIR = new URL('../../../functions/src/workflows/', import.meta.url);

/** The ASL file of a workflow: the one the local runner (functions/local/workflows.ts) runs. */
export function definitionFile(name: string): string {
  return fileURLToPath(new URL(`${name}/definition.asl.json`, WORKFLOWS_DIR));
}

export function taskFile(name: string, file: string): string {
  return fileURLToPath(new URL(`${name}/${file}.ts`, WORKFLOWS_DIR));
}

/** `${Name}` placeholders of a definition, in order of first appearance. */
export function placeholders(definition: string): string[] {
  return [...new Set([...definition.matchAll(/\$\{([A-Za-z0-9_]+)\}/g)].map((m) => m[1]!))];
}

/** The env variable functions/src/workflows/starter.ts reads the state machine ARN from. */
export function stateMachineArnVariable(name: string): string {
  return `${name.toUpperCase()}_STATE_MACHINE_ARN`;
}

const pascal = (s: string) => s[0]!.toUpperCase() + s.slice(1);

/**
 * A workflow as deployed: a Standard state machine whose definition is the workflow's ASL
 * file verbatim, each `${…FunctionArn}` placeholder substituted (by CloudFormation, through
 * `DefinitionSubstitutions`) with the ARN of a Lambda bundled from the task module.
 */
export class Workflow extends Construct {
  readonly name: string;
  readonly stateMachine: StateMachine;
  /** Placeholder -> the task's function. */
  readonly functions: ReadonlyMap<string, NodejsFunction>;
  /** The state machine's log group. */
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: WorkflowProps) {
    super(scope, id);
    this.name = props.name;

    const definition = readFileSync(definitionFile(props.name), 'utf8');
    checkDefinition(props.name, definition, props.tasks);

    // The tasks only need the table: one role for all of them, with what their bundles do.
    const role = functionRole(this, 'TaskRole', `${props.name} workflow tasks`);
    grantNeeds(
      role,
      props.tasks.map((t) => taskFile(props.name, t.file)),
      { table: props.table, secrets: {} },
    );

    const functions = new Map<string, NodejsFunction>();
    for (const task of props.tasks) {
      const fn = nodeFunction(new Construct(this, pascal(task.file)), {
        description: `${props.name} workflow: ${task.file} (${task.placeholder})`,
        entry: taskFile(props.name, task.file),
        memorySize: task.memorySize,
        timeout: task.timeout,
        role,
        environment: baseEnvironment(props.table, props.serviceVersion),
      });
      functions.set(task.placeholder, fn);
    }
    this.functions = functions;

    // Step Functions writes through CloudWatch Logs log delivery, which records every log
    // group it writes to in the account's logs resource policy (5,120 characters at most)
    // unless the name starts with /aws/vendedlogs/. A fixed name would clash with a retained
    // group when the stack is re-created, so this one goes with the stack; the run records
    // in the table and the execution history (90 days) outlive it.
    this.logGroup = new LogGroup(this, 'Logs', {
      logGroupName: `/aws/vendedlogs/states/${Stack.of(this).stackName}-${props.name}`,
      retention: RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });

    this.stateMachine = new StateMachine(this, 'StateMachine', {
      stateMachineType: StateMachineType.STANDARD,
      comment: `${props.name} workflow`,
      definitionBody: DefinitionBody.fromString(definition),
      definitionSubstitutions: Object.fromEntries(
        [...functions].map(([placeholder, fn]) => [placeholder, fn.functionArn]),
      ),
      // Payloads are pointers ({ tenant, runId }), so logging them gives nothing away.
      logs: { destination: this.logGroup, level: LogLevel.ALL, includeExecutionData: true },
      tracingEnabled: true,
    });

    // CDK cannot see the Task states of a string definition: allow exactly these functions.
    this.stateMachine.addToRolePolicy(
      new PolicyStatement({
        actions: ['lambda:InvokeFunction'],
        resources: [...functions.values()].map((fn) => fn.functionArn),
      }),
    );
  }
}

/** Fails the synth, not the deploy, when the ASL file and the task list disagree. */
export function checkDefinition(
  name: string,
  definition: string,
  tasks: readonly WorkflowTask[],
): void {
  try {
    JSON.parse(definition);
  } catch (err) {
    throw new Error(`${definitionFile(name)} is not JSON`, { cause: err });
  }
  checkTimeouts(name, JSON.parse(definition) as AslDefinition, tasks);
  const used = placeholders(definition);
  const given = tasks.map((t) => t.placeholder);
  const missing = used.filter((p) => !given.includes(p));
  const unused = given.filter((p) => !used.includes(p));
  if (missing.length || unused.length || new Set(given).size !== given.length) {
    throw new Error(
      `workflow ${name}: the tasks must map each placeholder of ${definitionFile(name)} ` +
        `exactly once (no task for: ${missing.join(', ') || '-'}; ` +
        `not in the definition: ${unused.join(', ') || '-'})`,
    );
  }
}

type AslState = {
  Type: string;
  Resource?: string;
  TimeoutSeconds?: number;
  Retry?: { ErrorEquals: string[]; MaxAttempts?: number }[];
  Catch?: unknown[];
};
type AslDefinition = { TimeoutSeconds?: number; States: Record<string, AslState> };

/** Attempts of a task state at most: the first plus Step Functions' retries (default 3). */
function attempts(state: AslState): number {
  const retries = (state.Retry ?? []).map((r) => r.MaxAttempts ?? 3);
  return 1 + Math.max(0, ...retries);
}

/**
 * The longest a run can take when every task times out on every attempt: the state machine's
 * own timeout must cover it, so a run that fails always gets to its failure step (a run cut
 * off by the state-machine timeout would stay `running` in the table).
 */
export function worstCaseSeconds(definition: AslDefinition): number {
  return Object.values(definition.States)
    .filter((s) => s.Type === 'Task')
    .reduce((sum, s) => sum + (s.TimeoutSeconds ?? 0) * attempts(s), 0);
}

/**
 * Every Task state has a TimeoutSeconds no shorter than its Lambda's timeout (Step Functions'
 * default is 99999999 s: a lost invocation would hang the run for a year) and a Catch (the
 * failure step's own catch goes straight to the Fail state); the state machine has a
 * TimeoutSeconds covering the worst case (worstCaseSeconds).
 */
function checkTimeouts(name: string, asl: AslDefinition, tasks: readonly WorkflowTask[]): void {
  const problems: string[] = [];
  for (const [stateName, state] of Object.entries(asl.States)) {
    if (state.Type !== 'Task') continue;
    const placeholder = /^\$\{([A-Za-z0-9_]+)\}$/.exec(state.Resource ?? '')?.[1];
    const task = tasks.find((t) => t.placeholder === placeholder);
    if (state.TimeoutSeconds === undefined) problems.push(`${stateName} has no TimeoutSeconds`);
    else if (task && state.TimeoutSeconds < task.timeout.toSeconds()) {
      problems.push(
        `${stateName} times out (${state.TimeoutSeconds} s) before its Lambda (${task.timeout.toSeconds()} s)`,
      );
    }
    if (!state.Catch?.length) problems.push(`${stateName} has no Catch`);
  }
  const worst = worstCaseSeconds(asl);
  if (asl.TimeoutSeconds === undefined) problems.push('the state machine has no TimeoutSeconds');
  else if (asl.TimeoutSeconds < worst) {
    problems.push(
      `the state machine times out (${asl.TimeoutSeconds} s) before its tasks' worst case (${worst} s)`,
    );
  }
  if (problems.length) {
    throw new Error(`workflow ${name} (${definitionFile(name)}): ${problems.join('; ')}`);
  }
}
