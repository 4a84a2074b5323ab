import { readFileSync } from 'node:fs';
import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Table } from 'aws-cdk-lib/aws-dynamodb';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { routes, type RouteContract } from '@factory/shared';
import { Api } from './constructs/api.js';
import { RouteFunction } from './constructs/routeFunction.js';
import { AppTable } from './constructs/table.js';

export type FactoryErpStackProps = StackProps & {
  /** Reported by /api/health; defaults to the `serviceVersion` context value, then the
   * functions package version. */
  serviceVersion?: string;
};

/** The deployed routes: everything in the route table except local-runtime-only routes. */
export function deployedRoutes(): RouteContract[] {
  return routes.filter((r) => !r.localOnly);
}

/** `items.create` -> `ItemsCreate`: a stable construct id, so logical ids survive reordering. */
export function constructId(routeId: string): string {
  return routeId
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join('');
}

function functionsPackageVersion(): string {
  const pkg = JSON.parse(
    readFileSync(new URL('../../functions/package.json', import.meta.url), 'utf8'),
  ) as { version?: string };
  return pkg.version ?? '0.0.0';
}

export class FactoryErpStack extends Stack {
  readonly table: Table;
  readonly sessionSecret: Secret;
  /** Route id -> its function. */
  readonly functions: ReadonlyMap<string, NodejsFunction>;
  readonly httpApi: HttpApi;

  constructor(scope: Construct, id: string, props: FactoryErpStackProps = {}) {
    super(scope, id, {
      description: 'Factory ERP: table, session secret, one Lambda per API route, HTTP API',
      ...props,
    });

    const serviceVersion =
      props.serviceVersion ??
      (this.node.tryGetContext('serviceVersion') as string | undefined) ??
      functionsPackageVersion();

    this.table = new AppTable(this, 'Data').table;

    // Session tokens are signed with this; handlers fetch it once per container by ARN.
    // Rotating it signs everyone out, which is the intended effect of a rotation.
    this.sessionSecret = new Secret(this, 'SessionSecret', {
      description: 'Factory ERP session token signing secret',
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
    });

    const apiRoutes = deployedRoutes().map((route) => {
      const id = constructId(route.id);
      const { fn } = new RouteFunction(this, id, {
        route,
        table: this.table,
        sessionSecret: this.sessionSecret,
        serviceVersion,
      });
      return { route, fn, id };
    });

    this.functions = new Map(apiRoutes.map(({ route, fn }) => [route.id, fn]));

    this.httpApi = new Api(this, 'Api', { routes: apiRoutes }).httpApi;

    new CfnOutput(this, 'ApiUrl', {
      description: 'Base URL of the HTTP API (routes start with /api)',
      value: this.httpApi.apiEndpoint,
    });
    new CfnOutput(this, 'TableName', {
      description: 'The DynamoDB table',
      value: this.table.tableName,
    });
  }
}
