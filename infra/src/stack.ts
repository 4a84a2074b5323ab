import { readFileSync } from 'node:fs';
import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { routes, type RouteContract } from '@factory/shared';
import { Api, type ApiRoute } from './constructs/api.js';
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
  constructor(scope: Construct, id: string, props: FactoryErpStackProps = {}) {
    super(scope, id, {
      description: 'Factory ERP: table, session secret, one Lambda per API route, HTTP API',
      ...props,
    });

    const serviceVersion =
      props.serviceVersion ??
      (this.node.tryGetContext('serviceVersion') as string | undefined) ??
      functionsPackageVersion();

    const { table } = new AppTable(this, 'Data');

    // Session tokens are signed with this; handlers fetch it once per container by ARN.
    // Rotating it signs everyone out, which is the intended effect of a rotation.
    const sessionSecret = new Secret(this, 'SessionSecret', {
      description: 'Factory ERP session token signing secret',
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
    });

    const apiRoutes: ApiRoute[] = deployedRoutes().map((route) => {
      const id = constructId(route.id);
      const { fn } = new RouteFunction(this, id, { route, table, sessionSecret, serviceVersion });
      return { route, fn, id };
    });

    const api = new Api(this, 'Api', { routes: apiRoutes });

    new CfnOutput(this, 'ApiUrl', {
      description: 'Base URL of the HTTP API (routes start with /api)',
      value: api.httpApi.apiEndpoint,
    });
    new CfnOutput(this, 'TableName', {
      description: 'The DynamoDB table',
      value: table.tableName,
    });
  }
}
