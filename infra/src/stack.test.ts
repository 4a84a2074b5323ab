import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { routes } from '@factory/shared';
import { TABLE, createTableInput } from '../../functions/src/store/table.js';
import { FactoryErpStack, deployedRoutes } from './stack.js';

// Synthesise once, with the same feature flags as `cdk synth`, and bundle every handler for
// real: that is the proof that each route's module bundles to a loadable Lambda.
const cdkJson = JSON.parse(readFileSync(new URL('../cdk.json', import.meta.url), 'utf8')) as {
  context: Record<string, unknown>;
};
const outdir = mkdtempSync(join(tmpdir(), 'factory-erp-synth-'));

let stack: FactoryErpStack;
let template: Template;

beforeAll(() => {
  const app = new App({ context: cdkJson.context, outdir });
  stack = new FactoryErpStack(app, 'FactoryErpTest');
  template = Template.fromStack(stack);
}, 180_000);

afterAll(() => {
  rmSync(outdir, { recursive: true, force: true });
});

const routeKey = (r: { method: string; path: string }) => `${r.method} ${r.path}`;
const deployed = deployedRoutes();
const localOnly = routes.filter((r) => r.localOnly);

type Resource = { Properties: Record<string, unknown> };
const resources = (type: string): Resource[] =>
  Object.values(template.findResources(type) as Record<string, Resource>);

describe('table', () => {
  // The local runtime creates its table from createTableInput(); AWS must match it.
  const local = createTableInput('local');

  it('has the key schema, attributes and GSIs of the shared definition', () => {
    template.resourceCountIs('AWS::DynamoDB::Table', 1);
    const [table] = resources('AWS::DynamoDB::Table');
    const props = table!.Properties;
    expect(props.KeySchema).toEqual(local.KeySchema);
    expect(props.BillingMode).toBe('PAY_PER_REQUEST');

    const byName = (a: { AttributeName?: string }, b: { AttributeName?: string }) =>
      (a.AttributeName ?? '').localeCompare(b.AttributeName ?? '');
    expect([...(props.AttributeDefinitions as { AttributeName: string }[])].sort(byName)).toEqual(
      [...local.AttributeDefinitions!].sort(byName),
    );

    expect(props.GlobalSecondaryIndexes).toEqual(local.GlobalSecondaryIndexes);
    expect((props.GlobalSecondaryIndexes as unknown[]).length).toBe(TABLE.indexes.length);
  });

  it('expires items by the TTL attribute, keeps PITR on and is retained', () => {
    template.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({
        TimeToLiveSpecification: { AttributeName: TABLE.ttlAttribute, Enabled: true },
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      }),
    });
  });
});

describe('session secret', () => {
  it('is a generated 64-character string without punctuation', () => {
    template.resourceCountIs('AWS::SecretsManager::Secret', 1);
    template.hasResourceProperties('AWS::SecretsManager::Secret', {
      GenerateSecretString: Match.objectLike({ PasswordLength: 64, ExcludePunctuation: true }),
    });
  });
});

describe('functions', () => {
  it('has one Lambda per deployed route, none for local-only routes', () => {
    expect(localOnly.length).toBeGreaterThan(0);
    template.resourceCountIs('AWS::Lambda::Function', deployed.length);
    const descriptions = resources('AWS::Lambda::Function').map((f) => f.Properties.Description);
    expect([...descriptions].sort()).toEqual(deployed.map((r) => `${r.id}: ${routeKey(r)}`).sort());
  });

  it('runs every function on nodejs22.x / arm64 with the table and secret in its environment', () => {
    const tableRef = stack.resolve(stack.table.tableName) as unknown;
    const secretRef = stack.resolve(stack.sessionSecret.secretArn) as unknown;
    for (const fn of resources('AWS::Lambda::Function')) {
      expect(fn.Properties).toMatchObject({
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
        Handler: 'index.handler',
        MemorySize: 512,
        Timeout: 29,
        Environment: {
          Variables: {
            TABLE_NAME: tableRef,
            SESSION_SECRET_ARN: secretRef,
            STAGE: 'aws',
            SERVICE_VERSION: expect.any(String) as unknown,
          },
        },
      });
    }
  });

  it('keeps each function log for one month', () => {
    template.resourceCountIs('AWS::Logs::LogGroup', deployed.length);
    for (const group of resources('AWS::Logs::LogGroup')) {
      expect(group.Properties.RetentionInDays).toBe(30);
    }
  });

  it('bundles every handler to an ES module that loads and exports `handler`', () => {
    // Asset folders are named after the asset hash, the zip name in the template minus `.zip`.
    const files = resources('AWS::Lambda::Function').map((f) => {
      const code = f.Properties.Code as { S3Key: string };
      return join(outdir, `asset.${code.S3Key.replace(/\.zip$/, '')}`, 'index.mjs');
    });
    for (const file of files) {
      expect(existsSync(file)).toBe(true);
      // Any CommonJS dependency that esbuild wraps calls `require`, which ESM lacks.
      expect(readFileSync(file, 'utf8').slice(0, 300)).toContain('createRequire');
    }

    // Import them in a separate plain Node process (not jest's module sandbox): a missing
    // `require` shim or an unbundled dependency fails here rather than on the first request.
    const script = `
      for (const url of JSON.parse(process.argv[1])) {
        const mod = await import(url);
        if (typeof mod.handler !== 'function') throw new Error('no handler export in ' + url);
      }`;
    const result = spawnSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        script,
        JSON.stringify(files.map((f) => pathToFileURL(f).href)),
      ],
      { encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } },
    );
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });
});

describe('HTTP API', () => {
  it('has exactly the route keys of the deployed routes', () => {
    const keys = resources('AWS::ApiGatewayV2::Route').map((r) => r.Properties.RouteKey);
    expect([...keys].sort()).toEqual(deployed.map(routeKey).sort());
    for (const r of localOnly) expect(keys).not.toContain(routeKey(r));
    expect(keys).not.toContain('POST /api/dev/token');
  });

  it('integrates each route with its own function', () => {
    template.resourceCountIs('AWS::ApiGatewayV2::Integration', deployed.length);
    template.resourceCountIs('AWS::Lambda::Permission', deployed.length);
    const targets = resources('AWS::ApiGatewayV2::Integration').map((i) =>
      JSON.stringify(i.Properties.IntegrationUri),
    );
    expect(new Set(targets).size).toBe(deployed.length);
  });

  it('answers CORS preflight for any origin with the headers the client sends', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      ProtocolType: 'HTTP',
      CorsConfiguration: {
        AllowOrigins: ['*'],
        AllowMethods: Match.arrayEquals(['GET', 'POST', 'PATCH', 'PUT', 'DELETE', 'OPTIONS']),
        AllowHeaders: Match.arrayEquals(['authorization', 'content-type', 'idempotency-key']),
        ExposeHeaders: ['idempotent-replay'],
      },
    });
  });

  it('outputs the API URL and the table name', () => {
    template.hasOutput('ApiUrl', {});
    template.hasOutput('TableName', { Value: stack.resolve(stack.table.tableName) as unknown });
  });
});

describe('IAM', () => {
  it('lets every function use the table and its indexes and read the secret', () => {
    const tableArn = stack.resolve(stack.table.tableArn) as unknown;
    const secretArn = stack.resolve(stack.sessionSecret.secretArn) as unknown;
    const policies = resources('AWS::IAM::Policy');
    expect(policies).toHaveLength(deployed.length);

    for (const policy of policies) {
      const statements = (policy.Properties.PolicyDocument as { Statement: unknown[] }).Statement;
      expect(statements).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            Effect: 'Allow',
            Action: expect.arrayContaining([
              'dynamodb:GetItem',
              'dynamodb:PutItem',
              'dynamodb:UpdateItem',
              'dynamodb:Query',
              'dynamodb:ConditionCheckItem',
              'dynamodb:DescribeTable',
            ]) as unknown,
            Resource: expect.arrayContaining([
              tableArn,
              { 'Fn::Join': ['', [tableArn, '/index/*']] },
            ]) as unknown,
          }),
          expect.objectContaining({
            Effect: 'Allow',
            Action: expect.arrayContaining(['secretsmanager:GetSecretValue']) as unknown,
            Resource: secretArn,
          }),
        ]),
      );
    }
  });
});
