import type { Duration } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { ManagedPolicy, Role, ServicePrincipal, type IRole } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays, type ILogGroup } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';

/**
 * Esbuild emits a `__require` shim for the CommonJS parts of the bundle (some AWS SDK and
 * smithy dependencies) that throws in an ES module unless a real `require` exists. The
 * alias keeps the banner's import from clashing with a bundled `createRequire`.
 */
export const ESM_REQUIRE_BANNER =
  "import { createRequire as __topLevelCreateRequire } from 'node:module';" +
  'const require = __topLevelCreateRequire(import.meta.url);';

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
    architecture: Architecture.ARM_64,
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
      // Bundle the AWS SDK too instead of using the copy in the Lambda runtime: the handlers
      // are tested against the SDK and smithy versions in package-lock.json, and the
      // runtime's copy changes underneath us without notice.
      externalModules: [],
    },
  });
}

/**
 * A log group kept for one month. Explicit (rather than the deprecated logRetention custom
 * resource) so the retention is a plain CloudFormation property. Default RETAIN: logs outlive
 * a stack deletion but still expire after a month.
 */
export function functionLogGroup(scope: Construct, id: string): LogGroup {
  return new LogGroup(scope, id, { retention: RetentionDays.ONE_MONTH });
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
