import { Duration } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Architecture, Runtime } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import type { RouteContract } from '@factory/shared';
import { handlerFile } from '../../../functions/src/http/entries.js';

export type RouteFunctionProps = {
  route: RouteContract;
  table: ITable;
  sessionSecret: ISecret;
  serviceVersion: string;
};

/**
 * Esbuild emits a `__require` shim for the CommonJS parts of the bundle (some AWS SDK and
 * smithy dependencies) that throws in an ES module unless a real `require` exists. The
 * alias keeps the banner's import from clashing with a bundled `createRequire`.
 */
const ESM_REQUIRE_BANNER =
  "import { createRequire as __topLevelCreateRequire } from 'node:module';" +
  'const require = __topLevelCreateRequire(import.meta.url);';

/** One route, one Lambda: the handler module the local gateway also runs. */
export class RouteFunction extends Construct {
  readonly fn: NodejsFunction;

  constructor(scope: Construct, id: string, props: RouteFunctionProps) {
    super(scope, id);
    const { route } = props;

    // An explicit log group (rather than the deprecated logRetention custom resource) so the
    // retention is a plain CloudFormation property. Default RETAIN: logs outlive a stack
    // deletion but still expire after a month.
    const logGroup = new LogGroup(this, 'Logs', { retention: RetentionDays.ONE_MONTH });

    this.fn = new NodejsFunction(this, 'Fn', {
      description: `${route.id}: ${route.method} ${route.path}`,
      entry: handlerFile(route.id),
      handler: 'handler',
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: 512,
      // API Gateway HTTP APIs give up after 30 s; stop the function before that.
      timeout: Duration.seconds(29),
      logGroup,
      environment: {
        TABLE_NAME: props.table.tableName,
        SESSION_SECRET_ARN: props.sessionSecret.secretArn,
        STAGE: 'aws',
        SERVICE_VERSION: props.serviceVersion,
        // The bundle is minified; map stack traces back to the TypeScript sources.
        NODE_OPTIONS: '--enable-source-maps',
      },
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

    // Read/write includes the indexes and dynamodb:DescribeTable (the health check uses it).
    props.table.grantReadWriteData(this.fn);
    props.sessionSecret.grantRead(this.fn);
  }
}
