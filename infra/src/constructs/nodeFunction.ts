import { Duration } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { ManagedPolicy, Role, ServicePrincipal, type IRole } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime, RuntimeManagementMode, Tracing } from 'aws-cdk-lib/aws-lambda';
import { join } from 'node:path';
import { NodejsFunction, OutputFormat, type ICommandHooks } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays, type ILogGroup } from 'aws-cdk-lib/aws-logs';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { grantNeeds } from './roles.js';

/**
 * Esbuild emits a `__require` shim for the CommonJS parts of the bundle (some AWS SDK and
 * smithy dependencies) that throws in an ES module unless a real `require` exists. The
 * alias keeps the banner's import from clashing with a bundled `createRequire`.
 */
export const ESM_REQUIRE_BANNER =
  "import { createRequire as __topLevelCreateRequire } from 'node:module';" +
  'const require = __topLevelCreateRequire(import.meta.url);';

/**
 * Imports left out of every bundle because the Lambda Node.js runtime provides them (AWS SDK
 * for JavaScript v3 under /var/runtime/node_modules). Tests that load a bundle outside Lambda
 * resolve them from the workspace's node_modules instead.
 */
export const RUNTIME_PROVIDED_MODULES = ['@aws-sdk/*', '@smithy/*'] as const;

/** The environment every function gets, whatever it serves. */
export function baseEnvironment(table: ITable, serviceVersion: string): Record<string, string> {
  return {
    TABLE_NAME: table.tableName,
    STAGE: 'aws',
    SERVICE_VERSION: serviceVersion,
    // The bundle is minified; map stack traces back to the TypeScript sources.
    NODE_OPTIONS: '--enable-source-maps',
  };
}

export type NodeFunctionProps = {
  description: string;
  /** The TypeScript module exporting `handler`. */
  entry: string;
  memorySize: number;
  timeout: Duration;
  /** Shared by several functions to keep the stack's resource count down (see README). */
  role: IRole;
  environment: Record<string, string>;
  /**
   * A log group shared with other functions (Lambda names each stream after its function);
   * without one the function gets a log group of its own.
   */
  logGroup?: ILogGroup;
  /**
   * Files shipped beside the bundle: repository path -> name in the function's folder (read
   * at run time next to `index.mjs`, e.g. the system function's OpenAPI document).
   */
  files?: Readonly<Record<string, string>>;
};

/**
 * A Lambda running one of our handler modules, bundled the one way all of them are, logging
 * to the given log group or to its own. Creates `Logs` (if needed) and `Fn` inside `scope`,
 * so logical ids depend only on the scope's path.
 */
export function nodeFunction(scope: Construct, props: NodeFunctionProps): NodejsFunction {
  const logGroup = props.logGroup ?? functionLogGroup(scope, 'Logs');

  return new NodejsFunction(scope, 'Fn', {
    description: props.description,
    entry: props.entry,
    handler: 'handler',
    runtime: Runtime.NODEJS_22_X,
    // The runtime, and with it the AWS SDK the functions import, changes only when the
    // function is deployed (where the synth test and a smoke test run), never underneath a
    // running deployment.
    runtimeManagementMode: RuntimeManagementMode.FUNCTION_UPDATE,
    architecture: Architecture.ARM_64,
    // X-Ray active tracing: each invocation is a trace (init, invocation, overhead) without
    // a tracing SDK in the bundle (docs/architecture.md, "Operations").
    tracing: Tracing.ACTIVE,
    memorySize: props.memorySize,
    timeout: props.timeout,
    role: props.role,
    logGroup,
    environment: props.environment,
    bundling: {
      // Bundle with the esbuild installed in the workspace; Docker is neither needed nor
      // available on every build machine.
      forceDockerBundling: false,
      format: OutputFormat.ESM,
      mainFields: ['module', 'main'],
      banner: ESM_REQUIRE_BANNER,
      target: 'node22',
      minify: true,
      sourceMap: true,
      // Line mapping is all stack traces need; embedding the sources would triple the zip.
      sourcesContent: false,
      // The AWS SDK v3 (and the smithy packages it is built on) comes from the nodejs22.x
      // runtime instead of the bundle: bundled, it was 350-400 KB of every function's
      // 600-700 KB and most of its cold start. The price is version drift: the runtime's SDK
      // is older than package-lock.json's and changes when AWS updates the runtime, so the
      // functions use only long-stable SDK APIs (docs/architecture.md, "Bundles").
      externalModules: [...RUNTIME_PROVIDED_MODULES],
      ...(props.files ? { commandHooks: copyFiles(props.files) } : {}),
    },
  });
}

/** Bundling hooks copying `files` (see NodeFunctionProps) into the asset once it is bundled. */
function copyFiles(files: Readonly<Record<string, string>>): ICommandHooks {
  return {
    beforeBundling: () => [],
    beforeInstall: () => [],
    afterBundling: (inputDir, outputDir) =>
      Object.entries(files).map(
        ([from, name]) => `cp "${join(inputDir, from)}" "${join(outputDir, name)}"`,
      ),
  };
}

/**
 * A log group kept for six months (China Cybersecurity Law art. 21: at least 180 days;
 * operations.ts raises any shorter one). Explicit (rather than the deprecated logRetention custom
 * resource) so the retention is a plain CloudFormation property. Default RETAIN: logs outlive
 * a stack deletion but still expire after six months.
 */
export function functionLogGroup(scope: Construct, id: string): LogGroup {
  return new LogGroup(scope, id, { retention: RetentionDays.SIX_MONTHS });
}

/**
 * An execution role for Lambda functions: CloudWatch Logs via the AWS managed basic
 * execution policy, plus whatever the caller grants. One role serves many functions that
 * need the same permissions; each role adds two resources (role and policy) to the stack.
 */
export function functionRole(scope: Construct, id: string, description: string): Role {
  return new Role(scope, id, {
    description,
    assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
    managedPolicies: [
      ManagedPolicy.fromAwsManagedPolicyName('service-role/AWSLambdaBasicExecutionRole'),
    ],
  });
}

/**
 * A function that works on the table and calls WeCom (the callback processor, the outbox
 * worker): its own role with what its bundle does on the table (indexes included) and the
 * WeCom secret if it reads it, nothing else (roles.ts); 512 MB, 60 s.
 */
export function wecomFunction(
  scope: Construct,
  props: {
    description: string;
    roleDescription: string;
    entry: string;
    table: ITable;
    wecomSecret: ISecret;
    serviceVersion: string;
  },
): NodejsFunction {
  const role = functionRole(scope, 'Role', props.roleDescription);
  // Issue 19: exactly what the function's bundle does with the table and the secret.
  const secrets = grantNeeds(role, [props.entry], {
    table: props.table,
    secrets: { wecom: props.wecomSecret },
  });
  return nodeFunction(scope, {
    description: props.description,
    entry: props.entry,
    memorySize: 512,
    timeout: Duration.seconds(60),
    role,
    environment: {
      ...baseEnvironment(props.table, props.serviceVersion),
      ...secrets,
    },
  });
}
