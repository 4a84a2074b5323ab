import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { App, type CfnElement } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { routes } from '@factory/shared';
import { TABLE, createTableInput } from '../../functions/src/store/table.js';
import { definitionFile, placeholders } from './constructs/workflow.js';
import { AREAS, areaOfRoute, pathPrefix } from '../../functions/src/http/areas.js';
import {
  ATTACHMENT_GROUP,
  FactoryErpStack,
  IMPORT_ROUTE,
  OPENAPI_ROUTE,
  WECOM_CALLBACK_ROUTE,
  deployedRoutes,
} from './stack.js';
import {
  BUNDLE_LIMIT_BYTES,
  OVER_LIMIT_ALLOWANCES,
  RESOURCE_LIMIT,
  bundleLimit,
  bundleName,
  bundlesOf,
  kib,
  provideRuntimeModules,
} from './bundles.js';
import { OUTBOX_STREAM_FILTER } from './constructs/outboxWorker.js';
import { DIGEST_SCHEDULE } from './constructs/digestJob.js';
import { NIGHTLY_MRP_SCHEDULE } from './constructs/nightlyMrp.js';
import { WORKFLOWS } from './workflows.js';
import { functionNeeds } from './constructs/roles.js';
import { areaFile } from '../../functions/src/http/entries.js';

// Synthesise once, with the same feature flags as `cdk synth`, and bundle every area for
// real: that is the proof that each area's router module bundles to a loadable Lambda.
const cdkJson = JSON.parse(readFileSync(new URL('../cdk.json', import.meta.url), 'utf8')) as {
  context: Record<string, unknown>;
};
const outdir = mkdtempSync(join(tmpdir(), 'factory-erp-synth-'));

let stack: FactoryErpStack;
let template: Template;
// The bundles import the AWS SDK from the Lambda runtime; here the workspace's stands in.
const removeRuntimeModules = provideRuntimeModules(outdir);

beforeAll(() => {
  const app = new App({ context: cdkJson.context, outdir });
  stack = new FactoryErpStack(app, 'FactoryErpTest');
  template = Template.fromStack(stack);
}, 300_000);

afterAll(() => {
  removeRuntimeModules();
  rmSync(outdir, { recursive: true, force: true });
});

const deployed = deployedRoutes();
const areaNames = Object.keys(AREAS);
/** The API Gateway route that carries a contract route to its area: a catch-all per prefix. */
const gatewayKey = (r: { path: string }) => {
  const prefix = pathPrefix(r.path);
  return r.path === prefix ? `ANY ${prefix}` : `ANY ${prefix}/{proxy+}`;
};
const localOnly = routes.filter((r) => r.localOnly);

type Resource = { Type: string; Properties: Record<string, unknown> };
const resources = (type: string): Resource[] =>
  Object.values(template.findResources(type) as Record<string, Resource>);
const allResources = () => template.toJSON().Resources as Record<string, Resource>;
const resource = (logicalId: string): Resource => {
  const r = allResources()[logicalId];
  if (!r) throw new Error(`no resource ${logicalId}`);
  return r;
};

/** The logical id of an L2 construct's main resource (a function, a role, a state machine). */
const logicalId = (c: IConstruct) => stack.getLogicalId(c.node.defaultChild as CfnElement);
const getAtt = (id: string) => ({ 'Fn::GetAtt': [id, 'Arn'] });
const routeFnId = (routeId: string) => logicalId(stack.functions.get(routeId)!);
const areaFnId = (area: string) => logicalId(stack.areaFunctions.get(area)!);
const mrp = () => stack.workflows.get('mrp')!;
const taskCount = WORKFLOWS.reduce((n, w) => n + w.tasks.length, 0);

type Statement = { Effect: string; Action: string | string[]; Resource: unknown };
const actions = (s: Statement) => [s.Action].flat();
/** CDK merges grants of one action set into one statement listing several resources. */
const canRead = (statements: Statement[], secretRef: unknown) =>
  statements.some(
    (s) =>
      s.Effect === 'Allow' &&
      actions(s).includes('secretsmanager:GetSecretValue') &&
      [s.Resource].flat().some((r) => JSON.stringify(r) === JSON.stringify(secretRef)),
  );
/** Every statement of the inline policies attached to the role a function runs as. */
const roleOf = (fnId: string) => {
  const role = resource(fnId).Properties.Role as { 'Fn::GetAtt': [string, string] };
  return role['Fn::GetAtt'][0];
};
const statementsOfRole = (roleId: string): Statement[] =>
  resources('AWS::IAM::Policy')
    .filter((p) =>
      (p.Properties.Roles as unknown[]).some((r) => JSON.stringify(r) === `{"Ref":"${roleId}"}`),
    )
    .flatMap((p) => (p.Properties.PolicyDocument as { Statement: Statement[] }).Statement);

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

  it('has the stream of the shared definition (new images, for the outbox worker)', () => {
    const [table] = resources('AWS::DynamoDB::Table');
    expect(table!.Properties.StreamSpecification).toEqual({ StreamViewType: TABLE.stream });
    // The outbox's pending index: keys only, like the local table.
    expect(table!.Properties.GlobalSecondaryIndexes).toContainEqual(
      expect.objectContaining({
        IndexName: 'pending',
        Projection: { ProjectionType: 'KEYS_ONLY' },
      }),
    );
  });
});

describe('secrets', () => {
  it('holds the session key pair (written by the first login), the share-link key, the WeCom apps and the alarm robot', () => {
    template.resourceCountIs('AWS::SecretsManager::Secret', 5);
    // The share-link HMAC key: a generated 64-character string without punctuation.
    template.hasResourceProperties('AWS::SecretsManager::Secret', {
      GenerateSecretString: Match.objectLike({ PasswordLength: 64, ExcludePunctuation: true }),
    });
    for (const secret of [stack.sessionSigningKey, stack.sessionPublicKey]) {
      expect(resource(logicalId(secret)).Properties).toMatchObject({
        GenerateSecretString: { SecretStringTemplate: '{}', GenerateStringKey: 'placeholder' },
      });
    }
    // The WeCom apps outlive the stack.
    expect(resource(logicalId(stack.wecomSecret))).toMatchObject({ DeletionPolicy: 'Retain' });
  });
});

describe('functions', () => {
  it('has one Lambda per area and per workflow task, none for local-only routes', () => {
    expect(localOnly.length).toBeGreaterThan(0);
    // Five more: the WeCom callback processor, the outbox worker, the import worker, the
    // daily digest's job and the alarm robot.
    template.resourceCountIs('AWS::Lambda::Function', areaNames.length + taskCount + 5);
    for (const r of deployed) expect(routeFnId(r.id)).toBe(areaFnId(areaOfRoute(r)));
    const descriptions = areaNames.map((a) => resource(areaFnId(a)).Properties.Description);
    expect(descriptions).toEqual(
      areaNames.map((a) => {
        const prefixes = deployed
          .filter((r) => areaOfRoute(r) === a)
          .map((r) => pathPrefix(r.path));
        return `${a}: ${[...new Set(prefixes)].sort().join(' ')}`;
      }),
    );
  });

  it('runs every route function on nodejs22.x / arm64 with the table and the public key in its environment', () => {
    const tableRef = stack.resolve(stack.table.tableName) as unknown;
    const publicRef = stack.resolve(stack.sessionPublicKey.secretArn) as unknown;
    for (const r of deployed) {
      expect(resource(routeFnId(r.id)).Properties).toMatchObject({
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
        Handler: 'index.handler',
        MemorySize: 512,
        Timeout: 29,
        Environment: {
          Variables: {
            TABLE_NAME: tableRef,
            SESSION_PUBLIC_KEY_ARN: publicRef,
            STAGE: 'aws',
            SERVICE_VERSION: expect.any(String) as unknown,
            NODE_OPTIONS: '--enable-source-maps',
          },
        },
      });
    }
  });

  it("keeps the route functions' shared log, each task function's, each workflow's and the access log for 180 days", () => {
    // The four workers', the alarm robot's and the API's access log.
    template.resourceCountIs('AWS::Logs::LogGroup', 1 + taskCount + WORKFLOWS.length + 6);
    for (const group of resources('AWS::Logs::LogGroup')) {
      expect(group.Properties.RetentionInDays).toBe(180);
    }
  });

  it('sends every route function to the one route log group', () => {
    const [routeLogs] = Object.keys(allResources()).filter((id) => id.startsWith('RouteLogs'));
    expect(routeLogs).toBeDefined();
    for (const r of deployed) {
      expect(resource(routeFnId(r.id)).Properties.LoggingConfig).toEqual({
        LogGroup: { Ref: routeLogs },
      });
    }
  });

  it('bundles every area to an ES module that loads and exports `handler`', () => {
    const files = bundlesOf(allResources(), outdir).map((b) => b.file);
    for (const file of files) {
      expect(existsSync(file)).toBe(true);
      // Any CommonJS dependency that esbuild wraps calls `require`, which ESM lacks.
      expect(readFileSync(file, 'utf8').slice(0, 300)).toContain('createRequire');
    }

    // Import them in a separate plain Node process (not jest's module sandbox): a missing
    // `require` shim or an unbundled dependency fails here rather than on the first request.
    // The AWS SDK is left to the runtime; the workspace's copy stands in for it.
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

  it('ships docs/openapi.json beside the system bundle, which serves it without the contracts', () => {
    const system = bundlesOf(allResources(), outdir).find(
      (b) => b.logicalId === routeFnId(OPENAPI_ROUTE),
    )!;
    const shipped = readFileSync(join(system.dir, 'openapi.json'), 'utf8');
    expect(shipped).toBe(readFileSync(new URL('../../docs/openapi.json', import.meta.url), 'utf8'));
    // Neither the document builder nor another area's contract is in the bundle.
    const code = readFileSync(system.file, 'utf8');
    expect(code.includes('OpenApiGeneratorV31')).toBe(false);
    expect(code.includes('Enter a sales order (draft)')).toBe(false);

    const event = {
      version: '2.0',
      routeKey: 'GET /api/{proxy+}',
      rawPath: '/api/openapi.json',
      rawQueryString: '',
      headers: {},
      requestContext: { http: { method: 'GET', path: '/api/openapi.json' }, requestId: 'r1' },
      isBase64Encoded: false,
    };
    const script = `
      const { handler } = await import(process.argv[1]);
      const res = await handler(JSON.parse(process.argv[2]), { awsRequestId: 'r1' });
      const doc = JSON.parse(res.body);
      process.stdout.write(JSON.stringify({ status: res.statusCode, version: doc.info.version, paths: Object.keys(doc.paths).length }));`;
    const result = spawnSync(
      process.execPath,
      ['--input-type=module', '-e', script, pathToFileURL(system.file).href, JSON.stringify(event)],
      {
        encoding: 'utf8',
        env: { PATH: process.env.PATH ?? '', SERVICE_VERSION: '9.9.9', AWS_REGION: 'cn-north-1' },
      },
    );
    expect(result.status).toBe(0);
    const committed = JSON.parse(shipped) as { paths: object };
    expect(JSON.parse(result.stdout)).toEqual({
      status: 200,
      version: '9.9.9',
      paths: Object.keys(committed.paths).length,
    });
  });
});

describe('HTTP API', () => {
  it('has a catch-all route per URL prefix of the deployed routes, none for local-only ones', () => {
    const keys = resources('AWS::ApiGatewayV2::Route').map((r) => String(r.Properties.RouteKey));
    expect([...keys].sort()).toEqual([...new Set(deployed.map(gatewayKey))].sort());
    for (const r of localOnly) expect(keys).not.toContain(gatewayKey(r));
    expect(keys.some((k) => k.includes('/api/dev'))).toBe(false);
  });

  it("integrates each prefix with its area's function, one integration and permission per area", () => {
    template.resourceCountIs('AWS::ApiGatewayV2::Integration', areaNames.length);
    // One per area for API Gateway (the outbox sweep's rule and the digest job's rule have one
    // more each, for EventBridge).
    expect(
      resources('AWS::Lambda::Permission').filter(
        (p) => p.Properties.Principal === 'apigateway.amazonaws.com',
      ),
    ).toHaveLength(areaNames.length);
    // (And one for SNS: the alarm topic invokes the robot; one for the nightly MRP rule.)
    template.resourceCountIs('AWS::Lambda::Permission', areaNames.length + 4);
    const integrations = template.findResources('AWS::ApiGatewayV2::Integration') as Record<
      string,
      Resource
    >;
    // A route's target is `integrations/<integration ref>`.
    const targetOf = (key: string) => {
      const route = resources('AWS::ApiGatewayV2::Route').find(
        (r) => r.Properties.RouteKey === key,
      )!;
      const join = (route.Properties.Target as { 'Fn::Join': [string, unknown[]] })['Fn::Join'];
      const { Ref } = join[1][1] as { Ref: string };
      return JSON.stringify(integrations[Ref]!.Properties.IntegrationUri);
    };
    for (const r of deployed) {
      expect(targetOf(gatewayKey(r))).toBe(JSON.stringify(getAtt(routeFnId(r.id))));
    }
  });

  it('uses payload format 2.0, which decodes base64 bodies of binary (XLSX) responses', () => {
    // A FileResult answers { isBase64Encoded: true, body: <base64> }; with format 2.0 API
    // Gateway decodes it and sends the bytes. Nothing else to configure for HTTP APIs.
    const files = deployed.filter((r) => r.responseContentType);
    expect(files.map((r) => r.id)).toContain('boms.explosionXlsx');
    for (const integration of resources('AWS::ApiGatewayV2::Integration')) {
      expect(integration.Properties).toMatchObject({
        IntegrationType: 'AWS_PROXY',
        PayloadFormatVersion: '2.0',
      });
    }
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

  it('outputs the API URL, the table name and the state machine ARNs', () => {
    template.hasOutput('ApiUrl', {});
    template.hasOutput('TableName', { Value: stack.resolve(stack.table.tableName) as unknown });
    template.hasOutput('MrpStateMachineArn', { Value: { Ref: logicalId(mrp().stateMachine) } });
  });
});

describe('MRP workflow', () => {
  const file = definitionFile('mrp');
  const asl = readFileSync(file, 'utf8');
  /** Task state -> the module its Lambda is bundled from (as in functions/local/workflows.ts). */
  const stateTask: Record<string, string> = {
    Load: 'load',
    Compute: 'compute',
    Persist: 'persist',
    Notify: 'notify',
    MarkFailed: 'fail',
  };
  const placeholderOf: Record<string, string> = {
    load: 'LoadFunctionArn',
    compute: 'ComputeFunctionArn',
    persist: 'PersistFunctionArn',
    notify: 'NotifyFunctionArn',
    fail: 'FailFunctionArn',
  };
  const taskFnId = (task: string) => logicalId(mrp().functions.get(placeholderOf[task]!)!);
  const machine = () => resource(logicalId(mrp().stateMachine)).Properties;

  it('is one Standard state machine whose definition is the ASL file', () => {
    template.resourceCountIs('AWS::StepFunctions::StateMachine', WORKFLOWS.length);
    expect(machine().StateMachineType).toBe('STANDARD');
    expect(typeof machine().DefinitionString).toBe('string');
    expect(JSON.parse(machine().DefinitionString as string)).toEqual(JSON.parse(asl));
  });

  it('substitutes every placeholder with the ARN of its task function', () => {
    expect(placeholders(asl).sort()).toEqual(Object.values(placeholderOf).sort());
    const substitutions = machine().DefinitionSubstitutions as Record<string, unknown>;
    expect(Object.keys(substitutions).sort()).toEqual(placeholders(asl).sort());
    for (const [task, placeholder] of Object.entries(placeholderOf)) {
      expect(substitutions[placeholder]).toEqual(getAtt(taskFnId(task)));
    }

    // Render the definition as CloudFormation does, each ARN written as `arn:<logical id>`.
    const arnOf = (value: unknown) =>
      `arn:${(value as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0]}`;
    const rendered = (machine().DefinitionString as string).replace(
      /\$\{([A-Za-z0-9_]+)\}/g,
      (whole, name: string) => (name in substitutions ? arnOf(substitutions[name]) : whole),
    );
    expect(rendered).not.toMatch(/\$\{[^}]*\}/);
    const states = (JSON.parse(rendered) as { States: Record<string, Record<string, unknown>> })
      .States;
    const taskStates = Object.entries(states).filter(([, state]) => state.Type === 'Task');
    expect(Object.fromEntries(taskStates.map(([name, state]) => [name, state.Resource]))).toEqual(
      Object.fromEntries(
        Object.entries(stateTask).map(([state, task]) => [state, `arn:${taskFnId(task)}`]),
      ),
    );
  });

  it('bundles each task from its module, on nodejs22.x / arm64 with the table in its environment', () => {
    const tableRef = stack.resolve(stack.table.tableName) as unknown;
    const sizing: Record<string, { MemorySize: number; Timeout: number }> = {
      load: { MemorySize: 1024, Timeout: 300 },
      compute: { MemorySize: 1536, Timeout: 300 },
      persist: { MemorySize: 1024, Timeout: 300 },
      notify: { MemorySize: 256, Timeout: 60 },
      fail: { MemorySize: 256, Timeout: 60 },
    };
    for (const [task, size] of Object.entries(sizing)) {
      const props = resource(taskFnId(task)).Properties;
      expect(props).toMatchObject({
        Description: `mrp workflow: ${task} (${placeholderOf[task]})`,
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
        Handler: 'index.handler',
        ...size,
        Environment: {
          Variables: {
            TABLE_NAME: tableRef,
            STAGE: 'aws',
            SERVICE_VERSION: expect.any(String) as unknown,
            NODE_OPTIONS: '--enable-source-maps',
          },
        },
      });
      // The tasks need no session secret.
      expect(props.Environment).not.toHaveProperty('Variables.SESSION_SECRET_ARN');
    }
  });

  it('lets the tasks read and write the table, and nothing else of ours', () => {
    const tableArn = stack.resolve(stack.table.tableArn) as unknown;
    const roles = new Set(Object.keys(placeholderOf).map((t) => roleOf(taskFnId(t))));
    expect(roles.size).toBe(1);
    const statements = statementsOfRole([...roles][0]!);
    // Besides the X-Ray segments every traced function sends, and the table key's use.
    const ours = (st: Statement) =>
      !actions(st).every((a) => a.startsWith('xray:') || a.startsWith('kms:'));
    expect(statements.filter(ours)).toEqual([
      expect.objectContaining({
        Effect: 'Allow',
        Action: expect.arrayContaining(['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query']),
        Resource: [tableArn, { 'Fn::Join': ['', [tableArn, '/index/*']] }],
      }),
    ]);
  });

  it('lets the state machine invoke exactly its five task functions', () => {
    const roleArn = machine().RoleArn as { 'Fn::GetAtt': [string, string] };
    const statements = statementsOfRole(roleArn['Fn::GetAtt'][0]);
    const invoke = statements.filter((s) => actions(s).some((a) => a.startsWith('lambda:')));
    expect(invoke).toHaveLength(1);
    expect(invoke[0]!.Action).toBe('lambda:InvokeFunction');
    const expected = Object.keys(placeholderOf).map((t) => JSON.stringify(getAtt(taskFnId(t))));
    expect([...(invoke[0]!.Resource as unknown[])].map((r) => JSON.stringify(r)).sort()).toEqual(
      expected.sort(),
    );
  });

  it('logs every event to its own log group and traces executions', () => {
    expect(machine()).toMatchObject({
      LoggingConfiguration: {
        Level: 'ALL',
        Destinations: [
          { CloudWatchLogsLogGroup: { LogGroupArn: getAtt(logicalId(mrp().logGroup)) } },
        ],
      },
      TracingConfiguration: { Enabled: true },
    });
    expect(resource(logicalId(mrp().logGroup)).Properties.LogGroupName).toBe(
      '/aws/vendedlogs/states/FactoryErpTest-mrp',
    );
  });

  it('is started by mrp.startRun: the ARN in MRP_STATE_MACHINE_ARN and states:StartExecution', () => {
    const machineRef = { Ref: logicalId(mrp().stateMachine) };
    const startRun = resource(routeFnId('mrp.startRun')).Properties;
    expect(startRun.Environment).toMatchObject({
      Variables: { MRP_STATE_MACHINE_ARN: machineRef },
    });
    expect(statementsOfRole(roleOf(routeFnId('mrp.startRun')))).toContainEqual({
      Effect: 'Allow',
      Action: 'states:StartExecution',
      Resource: machineRef,
    });

    // Besides the route, only the outbox worker (net-change requests, the nightly run) starts
    // it.
    const starterIds = [routeFnId('mrp.startRun'), logicalId(stack.outboxWorker.fn)];
    for (const id of starterIds.slice(1)) {
      expect(resource(id).Properties.Environment).toMatchObject({
        Variables: { MRP_STATE_MACHINE_ARN: machineRef },
      });
      expect(statementsOfRole(roleOf(id))).toContainEqual(
        expect.objectContaining({ Effect: 'Allow', Resource: machineRef }),
      );
    }
    for (const [id, r] of Object.entries(allResources())) {
      if (r.Type !== 'AWS::Lambda::Function' || starterIds.includes(id)) continue;
      expect(r.Properties.Environment).not.toHaveProperty('Variables.MRP_STATE_MACHINE_ARN');
    }
    const starters = resources('AWS::IAM::Policy').filter((p) =>
      (p.Properties.PolicyDocument as { Statement: Statement[] }).Statement.some(
        (s) =>
          actions(s).some((a) => a.startsWith('states:')) &&
          JSON.stringify(s.Resource) === JSON.stringify(machineRef),
      ),
    );
    expect(starters).toHaveLength(2);
  });

  it('the costing workflow is started by costing.start only', () => {
    const costing = stack.workflows.get('costing')!;
    const machineRef = { Ref: logicalId(costing.stateMachine) };
    const start = resource(routeFnId('costing.start')).Properties;
    expect(start.Environment).toMatchObject({
      Variables: { COSTING_STATE_MACHINE_ARN: machineRef },
    });
    expect(statementsOfRole(roleOf(routeFnId('costing.start')))).toContainEqual({
      Effect: 'Allow',
      Action: 'states:StartExecution',
      Resource: machineRef,
    });
  });
});

describe('IAM', () => {
  // Issue 19, point 5 (the derivation itself: src/constructs/roles.test.ts).
  it('lets every area function do exactly what its bundle does on the table, and read the public key', () => {
    const tableArn = stack.resolve(stack.table.tableArn) as unknown;
    const publicArn = stack.resolve(stack.sessionPublicKey.secretArn) as unknown;
    const signingArn = stack.resolve(stack.sessionSigningKey.secretArn) as unknown;
    for (const area of areaNames) {
      const statements = statementsOfRole(roleOf(areaFnId(area)));
      const dynamo = statements.filter((s) => actions(s).some((a) => a.startsWith('dynamodb:')));
      expect(dynamo).toEqual([
        expect.objectContaining({
          Effect: 'Allow',
          Action: functionNeeds(areaFile(area)).dynamoActions,
          Resource: [tableArn, { 'Fn::Join': ['', [tableArn, '/index/*']] }],
        }),
      ]);
      expect(actions(dynamo[0]!)).not.toContain('dynamodb:Scan');
      expect(canRead(statements, publicArn)).toBe(true);
      // The private key: only where tokens are issued (the auth area: the login).
      expect(canRead(statements, signingArn)).toBe(area === 'auth');
    }
  });

  it('gives each area function a role of its own', () => {
    expect(new Set(areaNames.map((a) => roleOf(areaFnId(a)))).size).toBe(areaNames.length);
  });

  it("limits the WeCom callback's role to the callbacks' records (dynamodb:LeadingKeys)", () => {
    const dynamo = statementsOfRole(roleOf(routeFnId(WECOM_CALLBACK_ROUTE))).filter((s) =>
      actions(s).some((a) => a.startsWith('dynamodb:')),
    );
    expect(dynamo).toEqual([
      expect.objectContaining({
        Condition: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['T#*#WECOMCB#*'] } },
      }),
    ]);
  });
});

describe('WeCom', () => {
  const processorId = () => logicalId(stack.wecomProcessor.fn);
  const wecomSecretRef = () => ({ Ref: logicalId(stack.wecomSecret) });

  it('keeps the WeCom apps in a Secrets Manager secret created with a JSON placeholder', () => {
    expect(resource(logicalId(stack.wecomSecret)).Properties.GenerateSecretString).toMatchObject({
      SecretStringTemplate: JSON.stringify({ defaultCorpId: '', apps: [] }),
      GenerateStringKey: 'placeholder',
      ExcludePunctuation: true,
    });
    template.hasOutput('WecomSecretArn', { Value: wecomSecretRef() });
    template.hasOutput('WecomCallbackUrl', {});
  });

  it('routes /wecom/callback and /api/auth/wecom/login', () => {
    const keys = resources('AWS::ApiGatewayV2::Route').map((r) => r.Properties.RouteKey);
    expect(keys).toEqual(expect.arrayContaining(['ANY /wecom/callback', 'ANY /api/auth/{proxy+}']));
  });

  it('lets the area functions whose bundles read the WeCom secret read it, and no other', () => {
    for (const area of areaNames) {
      expect(canRead(statementsOfRole(roleOf(areaFnId(area))), wecomSecretRef())).toBe(
        functionNeeds(areaFile(area)).secrets.includes('wecom'),
      );
    }
  });

  it('has a processor Lambda that works on the table only (no WeCom call, no secret), retried twice on failure', () => {
    const props = resource(processorId()).Properties;
    expect(props).toMatchObject({
      Runtime: 'nodejs22.x',
      Architectures: ['arm64'],
      Timeout: 60,
      Environment: { Variables: { STAGE: 'aws' } },
    });
    expect(props.Environment).not.toHaveProperty('Variables.SESSION_PUBLIC_KEY_ARN');
    expect(props.Environment).not.toHaveProperty('Variables.WECOM_SECRET_ARN');
    const statements = statementsOfRole(roleOf(processorId()));
    expect(canRead(statements, wecomSecretRef())).toBe(false);
    // It needs no session key.
    expect(canRead(statements, stack.resolve(stack.sessionSigningKey.secretArn))).toBe(false);
    expect(statements.some((s) => actions(s).includes('dynamodb:PutItem'))).toBe(true);
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: { Ref: processorId() },
      MaximumRetryAttempts: 2,
      MaximumEventAgeInSeconds: 3600,
    });
  });

  it('lets only the callback route invoke the processor, asynchronously, named in its environment', () => {
    const callbackFn = routeFnId(WECOM_CALLBACK_ROUTE);
    expect(resource(callbackFn).Properties.Environment).toMatchObject({
      Variables: { WECOM_PROCESSOR_FUNCTION: { Ref: processorId() } },
    });
    const invoke = statementsOfRole(roleOf(callbackFn)).filter((s) =>
      actions(s).includes('lambda:InvokeFunction'),
    );
    expect(invoke).toHaveLength(1);
    expect(JSON.stringify(invoke[0]!.Resource)).toContain(processorId());
    for (const [id, r] of Object.entries(allResources())) {
      if (r.Type !== 'AWS::Lambda::Function' || id === callbackFn) continue;
      expect(r.Properties.Environment).not.toHaveProperty('Variables.WECOM_PROCESSOR_FUNCTION');
    }
    const invokers = resources('AWS::IAM::Policy').filter((p) =>
      (p.Properties.PolicyDocument as { Statement: Statement[] }).Statement.some(
        (s) =>
          actions(s).includes('lambda:InvokeFunction') &&
          JSON.stringify(s.Resource).includes(processorId()),
      ),
    );
    expect(invokers).toHaveLength(1);
  });
});

describe('attachment bucket', () => {
  const bucketId = () => logicalId(stack.attachments.bucket);
  const attachmentRoutes = () => deployed.filter((r) => r.id.startsWith(`${ATTACHMENT_GROUP}.`));

  it('is private, SSL only, S3-encrypted, retained, with CORS for the H5 upload and aborted multipart uploads', () => {
    const bucket = resource(bucketId()) as Resource & { DeletionPolicy?: string };
    expect(bucket.DeletionPolicy).toBe('Retain');
    expect(bucket.Properties).toMatchObject({
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [
          { ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } },
        ],
      },
      CorsConfiguration: {
        CorsRules: [
          expect.objectContaining({
            AllowedMethods: expect.arrayContaining(['POST', 'GET']) as unknown,
            AllowedOrigins: ['*'],
            AllowedHeaders: ['*'],
          }),
        ],
      },
      LifecycleConfiguration: {
        Rules: [
          expect.objectContaining({
            AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 },
            Status: 'Enabled',
          }),
        ],
      },
    });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: bucketId() },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Deny',
            Action: 's3:*',
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          }),
        ]),
      },
    });
  });

  it("is named in the office area's environment, and only its role reaches the files, under t/", () => {
    expect(attachmentRoutes().length).toBeGreaterThan(0);
    const officeFn = routeFnId(attachmentRoutes()[0]!.id);
    expect(officeFn).toBe(areaFnId('office'));
    expect(resource(officeFn).Properties.Environment).toMatchObject({
      Variables: { ATTACHMENT_BUCKET: { Ref: bucketId() } },
    });
    const bucketArn = getAtt(bucketId());
    const s3Statements = resources('AWS::IAM::Policy').flatMap((p) =>
      (p.Properties.PolicyDocument as { Statement: Statement[] }).Statement.filter((st) =>
        actions(st).some((a) => a.startsWith('s3:')),
      ).map((st) => ({ st, roles: p.Properties.Roles })),
    );
    // The office area reaches the files under t/; the masterData area only uploaded factory
    // files under t/*/imports/ (issue 19); nobody else.
    const masterDataRole = JSON.stringify([{ Ref: roleOf(areaFnId('masterData')) }]);
    expect(new Set(s3Statements.map((x) => JSON.stringify(x.roles)))).toEqual(
      new Set([JSON.stringify([{ Ref: roleOf(officeFn) }]), masterDataRole]),
    );
    expect(
      s3Statements.filter((x) => JSON.stringify(x.roles) === masterDataRole).map((x) => x.st),
    ).toEqual([
      expect.objectContaining({
        Action: ['s3:DeleteObject', 's3:GetObject', 's3:PutObject'],
        Resource: { 'Fn::Join': ['', [bucketArn, '/t/*/imports/*']] },
      }),
      expect.objectContaining({
        Action: 's3:ListBucket',
        Condition: { StringLike: { 's3:prefix': ['t/*/imports/*'] } },
      }),
    ]);
    expect(
      s3Statements.filter((x) => JSON.stringify(x.roles) !== masterDataRole).map((x) => x.st),
    ).toEqual([
      expect.objectContaining({
        Effect: 'Allow',
        Action: ['s3:DeleteObject', 's3:GetObject', 's3:PutObject'],
        Resource: { 'Fn::Join': ['', [bucketArn, '/t/*']] },
      }),
      expect.objectContaining({
        Effect: 'Allow',
        Action: 's3:ListBucket',
        Resource: bucketArn,
        Condition: { StringLike: { 's3:prefix': ['t/*'] } },
      }),
    ]);
    // The office area has a role of its own: no other area may touch the files.
    for (const area of areaNames.filter((a) => a !== 'office')) {
      expect(roleOf(areaFnId(area))).not.toBe(roleOf(officeFn));
    }
  });
});

describe('import worker', () => {
  const workerId = () => logicalId(stack.importWorker.fn);

  it('runs the import worker module on nodejs22.x / arm64 for up to 15 minutes, retried twice', () => {
    expect(resource(workerId()).Properties).toMatchObject({
      Runtime: 'nodejs22.x',
      Architectures: ['arm64'],
      Timeout: 900,
      Environment: { Variables: { TABLE_NAME: { Ref: logicalId(stack.table) } } },
    });
    const config = resources('AWS::Lambda::EventInvokeConfig').find(
      (c) => JSON.stringify(c.Properties.FunctionName) === JSON.stringify({ Ref: workerId() }),
    );
    expect(config?.Properties).toMatchObject({
      MaximumRetryAttempts: 2,
      MaximumEventAgeInSeconds: 6 * 3600,
    });
  });

  it('is invoked by the imports route only, named in its environment; it reads no secret', () => {
    const importFn = routeFnId(IMPORT_ROUTE);
    expect(resource(importFn).Properties.Environment).toMatchObject({
      Variables: { IMPORT_WORKER_FUNCTION: { Ref: workerId() } },
    });
    const invokers = resources('AWS::IAM::Policy').filter((p) =>
      (p.Properties.PolicyDocument as { Statement: Statement[] }).Statement.some(
        (s) =>
          actions(s).includes('lambda:InvokeFunction') &&
          JSON.stringify(s.Resource).includes(workerId()),
      ),
    );
    expect(invokers).toHaveLength(1);
    const own = JSON.stringify(statementsOfRole(roleOf(workerId())));
    expect(own).not.toContain('secretsmanager');
    expect(own).not.toContain('lambda:InvokeFunction');
  });
});

describe('alarms', () => {
  type AlarmProps = Record<string, unknown>;
  const alarms = () => resources('AWS::CloudWatch::Alarm').map((a) => a.Properties as AlarmProps);

  it('alarms on 5xx answers of the HTTP API', () => {
    const api = logicalId(stack.httpApi);
    expect(alarms()).toContainEqual(
      expect.objectContaining({
        Namespace: 'AWS/ApiGateway',
        MetricName: '5xx',
        Dimensions: [{ Name: 'ApiId', Value: { Ref: api } }],
        Statistic: 'Sum',
        Period: 300,
        Threshold: 5,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        TreatMissingData: 'notBreaching',
      }),
    );
  });

  it('alarms on the Lambda errors of every function, each counted once, 10 a alarm', () => {
    const functionIds = Object.keys(template.findResources('AWS::Lambda::Function')).sort();
    const errorAlarms = alarms().filter(
      (a) => Array.isArray(a.Metrics) && JSON.stringify(a.Metrics).includes('"Errors"'),
    );
    expect(errorAlarms).toHaveLength(Math.ceil(functionIds.length / 10));
    const watched = errorAlarms.flatMap((a) =>
      (a.Metrics as { MetricStat?: { Metric: { MetricName: string; Dimensions: unknown[] } } }[])
        .filter((m) => m.MetricStat)
        .map((m) => {
          expect(m.MetricStat!.Metric.MetricName).toBe('Errors');
          const [dimension] = m.MetricStat!.Metric.Dimensions as { Value: { Ref: string } }[];
          return dimension!.Value.Ref;
        }),
    );
    expect(watched.sort()).toEqual(functionIds);
    for (const a of errorAlarms) expect(a).toMatchObject({ Threshold: 1 });
  });

  it('alarms on OutboxDeliveryFailed, the metric the WeCom outbox emits', () => {
    expect(alarms()).toContainEqual(
      expect.objectContaining({
        Namespace: 'FactoryErp',
        MetricName: 'OutboxDeliveryFailed',
        Dimensions: [{ Name: 'service', Value: 'factory-erp' }],
        Statistic: 'Sum',
        Threshold: 1,
        TreatMissingData: 'notBreaching',
      }),
    );
  });

  it('joins them in one composite alarm that notifies the alarm topic', () => {
    const [composite] = resources('AWS::CloudWatch::CompositeAlarm');
    expect(composite).toBeDefined();
    const rule = JSON.stringify(composite!.Properties.AlarmRule);
    for (const id of Object.keys(template.findResources('AWS::CloudWatch::Alarm'))) {
      expect(rule).toContain(id);
    }
    expect(composite!.Properties.AlarmActions).toEqual([{ Ref: logicalId(stack.alarms.topic) }]);
    template.hasOutput('AlarmTopicArn', {});
  });

  it('traces every function with X-Ray and pins its runtime between deploys', () => {
    for (const fn of resources('AWS::Lambda::Function')) {
      expect(fn.Properties).toMatchObject({
        TracingConfig: { Mode: 'Active' },
        RuntimeManagementConfig: { UpdateRuntimeOn: 'FunctionUpdate' },
      });
    }
  });
});

describe('outbox worker', () => {
  const workerId = () => logicalId(stack.outboxWorker.fn);
  const tableId = () => logicalId(stack.table);

  /** EventBridge-style matching of the filter's subset we use: lists of exact values. */
  function matches(pattern: unknown, value: unknown): boolean {
    if (Array.isArray(pattern)) return pattern.includes(value);
    if (!pattern || typeof pattern !== 'object' || !value || typeof value !== 'object')
      return false;
    return Object.entries(pattern).every(([k, p]) =>
      matches(p, (value as Record<string, unknown>)[k]),
    );
  }
  const streamRecord = (eventName: string, image: Record<string, unknown>) => ({
    eventName,
    dynamodb: { NewImage: image },
  });
  const outboxImage = (status: string, attempts: number) => ({
    type: { S: 'outbox' },
    status: { S: status },
    attempts: { N: String(attempts) },
    tenant: { S: 'ww1' },
    id: { S: '01J0' },
  });

  it('runs on nodejs22.x / arm64, reads the WeCom secret, uses the table and its stream, no session secret', () => {
    const props = resource(workerId()).Properties;
    expect(props).toMatchObject({
      Runtime: 'nodejs22.x',
      Architectures: ['arm64'],
      Timeout: 60,
      Environment: {
        Variables: { WECOM_SECRET_ARN: { Ref: logicalId(stack.wecomSecret) }, STAGE: 'aws' },
      },
    });
    const statements = statementsOfRole(roleOf(workerId()));
    expect(canRead(statements, { Ref: logicalId(stack.wecomSecret) })).toBe(true);
    expect(canRead(statements, stack.resolve(stack.sessionSigningKey.secretArn))).toBe(false);
    for (const action of ['dynamodb:UpdateItem', 'dynamodb:Query', 'dynamodb:GetRecords']) {
      expect(statements.some((s) => actions(s).includes(action))).toBe(true);
    }
  });

  it("reads the table's stream, filtered to outbox records awaiting their first attempt, reporting batch item failures", () => {
    template.resourceCountIs('AWS::Lambda::EventSourceMapping', 1);
    const [mapping] = resources('AWS::Lambda::EventSourceMapping');
    expect(mapping!.Properties).toMatchObject({
      FunctionName: { Ref: workerId() },
      EventSourceArn: { 'Fn::GetAtt': [tableId(), 'StreamArn'] },
      StartingPosition: 'LATEST',
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: 3,
    });
    const filters = (mapping!.Properties.FilterCriteria as { Filters: { Pattern: string }[] })
      .Filters;
    expect(filters).toEqual([{ Pattern: OUTBOX_STREAM_FILTER.pattern }]);
    const pattern = JSON.parse(filters[0]!.Pattern) as unknown;
    // A new record, and a failed one resent: delivered at once.
    expect(matches(pattern, streamRecord('INSERT', outboxImage('pending', 0)))).toBe(true);
    expect(matches(pattern, streamRecord('MODIFY', outboxImage('pending', 0)))).toBe(true);
    // The worker's own writes (a claim counts the attempt), outcomes, and other records: not.
    expect(matches(pattern, streamRecord('MODIFY', outboxImage('pending', 1)))).toBe(false);
    expect(matches(pattern, streamRecord('MODIFY', outboxImage('delivered', 1)))).toBe(false);
    expect(matches(pattern, streamRecord('MODIFY', outboxImage('failed', 4)))).toBe(false);
    expect(matches(pattern, streamRecord('REMOVE', outboxImage('pending', 0)))).toBe(false);
    expect(
      matches(pattern, streamRecord('INSERT', { type: { S: 'approval' }, attempts: { N: '0' } })),
    ).toBe(false);
  });

  it('is also run every minute by an EventBridge rule (retries due after their backoff)', () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'rate(1 minute)',
      State: 'ENABLED',
      Targets: [Match.objectLike({ Arn: getAtt(workerId()) })],
    });
    template.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      FunctionName: getAtt(workerId()),
      Principal: 'events.amazonaws.com',
    });
  });
});

describe('nightly MRP run', () => {
  const fnId = () => logicalId(stack.outboxWorker.fn);

  it('an EventBridge rule at 02:00 Shanghai time (18:00 UTC) invokes the outbox worker with { nightlyMrp: true }, not retried', () => {
    expect(NIGHTLY_MRP_SCHEDULE).toBe('cron(0 18 * * ? *)');
    expect(stack.nightlyMrp.schedule).toBeDefined();
    template.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: NIGHTLY_MRP_SCHEDULE,
      State: 'ENABLED',
      Targets: [
        Match.objectLike({
          Arn: getAtt(fnId()),
          Input: JSON.stringify({ nightlyMrp: true }),
          RetryPolicy: { MaximumRetryAttempts: 0 },
        }),
      ],
    });
    // The rule may invoke it (a permission per rule: the sweep's and this one).
    const permissions = resources('AWS::Lambda::Permission').filter(
      (p) =>
        JSON.stringify(p.Properties.FunctionName) === JSON.stringify(getAtt(fnId())) &&
        p.Properties.Principal === 'events.amazonaws.com',
    );
    expect(permissions).toHaveLength(2);
  });

  it('the function it invokes lists the tenants (WeCom secret) and may start the MRP state machine', () => {
    const mrp = stack.workflows.get('mrp')!;
    expect(resource(fnId()).Properties).toMatchObject({
      Environment: {
        Variables: {
          TABLE_NAME: { Ref: logicalId(stack.table) },
          WECOM_SECRET_ARN: { Ref: logicalId(stack.wecomSecret) },
          MRP_STATE_MACHINE_ARN: { Ref: logicalId(mrp.stateMachine) },
        },
      },
    });
    const statements = statementsOfRole(roleOf(fnId()));
    expect(canRead(statements, { Ref: logicalId(stack.wecomSecret) })).toBe(true);
    expect(statements).toContainEqual({
      Effect: 'Allow',
      Action: 'states:StartExecution',
      Resource: { Ref: logicalId(mrp.stateMachine) },
    });
  });
});

describe('daily digest job', () => {
  const jobId = () => logicalId(stack.digestJob.fn);

  it('runs the digest job module on nodejs22.x / arm64 with the table and the WeCom secret, not the session secret', () => {
    expect(DIGEST_SCHEDULE).toBe('cron(0 * * * ? *)');
    expect(resource(jobId()).Properties).toMatchObject({
      Runtime: 'nodejs22.x',
      Architectures: ['arm64'],
      Timeout: 60,
      Environment: {
        Variables: {
          TABLE_NAME: { Ref: logicalId(stack.table) },
          WECOM_SECRET_ARN: { Ref: logicalId(stack.wecomSecret) },
          STAGE: 'aws',
        },
      },
    });
    const statements = statementsOfRole(roleOf(jobId()));
    expect(canRead(statements, { Ref: logicalId(stack.wecomSecret) })).toBe(true);
    expect(canRead(statements, stack.resolve(stack.sessionSigningKey.secretArn))).toBe(false);
    for (const action of ['dynamodb:PutItem', 'dynamodb:Query', 'dynamodb:GetItem']) {
      expect(statements.some((s) => actions(s).includes(action))).toBe(true);
    }
  });

  it('is invoked every hour on the hour by an EventBridge rule, not retried (the next hour makes up)', () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'cron(0 * * * ? *)',
      State: 'ENABLED',
      Targets: [
        Match.objectLike({ Arn: getAtt(jobId()), RetryPolicy: { MaximumRetryAttempts: 0 } }),
      ],
    });
    template.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      FunctionName: getAtt(jobId()),
      Principal: 'events.amazonaws.com',
    });
    // Nothing else invokes it.
    const invokers = resources('AWS::IAM::Policy').filter((p) =>
      (p.Properties.PolicyDocument as { Statement: Statement[] }).Statement.some(
        (s) =>
          actions(s).includes('lambda:InvokeFunction') &&
          JSON.stringify(s.Resource).includes(jobId()),
      ),
    );
    expect(invokers).toEqual([]);
  });
});

describe('stack size', () => {
  it(`grows by area, not by route: at most ${RESOURCE_LIMIT} resources`, () => {
    const count = Object.keys(allResources()).length;
    // Per area: function, integration, permission and one or two routes per URL prefix (the
    // log group and role are shared); 16 per workflow of five tasks; a few shared ones.
    // docs/BENCHMARKS.md records the current count.
    expect(count).toBeLessThanOrEqual(RESOURCE_LIMIT);
  });

  it('keeps every bundle at most 300 KB minified, the AWS SDK left to the runtime', () => {
    const bundles = bundlesOf(allResources(), outdir);
    expect(bundles).toHaveLength(resources('AWS::Lambda::Function').length);
    // Every bundle within the limit, or within its allowance while it has one (bundles.ts).
    const over = bundles
      .filter((b) => !(b.bytes <= bundleLimit(bundleName(b.description))))
      .map((b) => `${b.description}: ${kib(b.bytes)}`);
    expect(over).toEqual([]);
    // An allowance no longer needed is removed, so the list only shrinks.
    const allowed = bundles.filter((b) => OVER_LIMIT_ALLOWANCES[bundleName(b.description)]);
    expect(allowed.map((b) => bundleName(b.description)).sort()).toEqual(
      Object.keys(OVER_LIMIT_ALLOWANCES).sort(),
    );
    for (const b of allowed) expect(b.bytes).toBeGreaterThan(BUNDLE_LIMIT_BYTES);
    // The alarm robot reads a secret and posts to WeCom: it has no table to reach.
    for (const b of bundles.filter((x) => !x.description.startsWith('Alarm robot'))) {
      const code = readFileSync(b.file, 'utf8');
      // The DynamoDB client is imported from the runtime, not bundled (its protocol's
      // target prefix would be in the bundle).
      expect(code).toContain('"@aws-sdk/client-dynamodb"');
      expect(code).not.toContain('DynamoDB_20120810');
    }
  });
});

describe('WeCom egress (issue 19)', () => {
  it('puts exactly the functions whose bundle holds the WeCom client behind the NAT EIPs', () => {
    // The client fetches its token from /cgi-bin/gettoken: a bundle without it calls no WeCom
    // app API (the robot posts to a webhook, which needs no trusted IP).
    const callers = bundlesOf(allResources(), outdir)
      .filter((b) => readFileSync(b.file, 'utf8').includes('/cgi-bin/gettoken'))
      .map((b) => b.description)
      .sort();
    const inVpc = resources('AWS::Lambda::Function')
      .filter((f) => f.Properties.VpcConfig)
      .map((f) => String(f.Properties.Description))
      .sort();
    expect(callers.length).toBeGreaterThan(0);
    expect(inVpc).toEqual(callers);
    // Production default: a NAT gateway with its own EIP per AZ, each an output.
    template.resourceCountIs('AWS::EC2::NatGateway', 2);
    template.hasOutput('WecomTrustedIp2', {});
  });
});
