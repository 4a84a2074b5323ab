import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AttributeType, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { AREAS } from '../../../functions/src/http/areas.js';
import { areaFile } from '../../../functions/src/http/entries.js';
import { keys } from '../../../functions/src/store/keys.js';
import { WORKFLOWS } from '../workflows.js';
import { DIGEST_JOB_ENTRY } from './digestJob.js';
import { IMPORT_WORKER_ENTRY } from './importWorker.js';
import { OUTBOX_WORKER_ENTRY } from './outboxWorker.js';
import { DYNAMO_PATTERNS, functionNeeds, grantNeeds, prepareNeeds } from './roles.js';
import { WECOM_PROCESSOR_ENTRY } from './wecomProcessor.js';
import { taskFile } from './workflow.js';

const areas = Object.keys(AREAS);
const workers = [WECOM_PROCESSOR_ENTRY, OUTBOX_WORKER_ENTRY, IMPORT_WORKER_ENTRY, DIGEST_JOB_ENTRY];
const tasks = WORKFLOWS.flatMap((w) => w.tasks.map((t) => taskFile(w.name, t.file)));

// One esbuild pass over every function (a few seconds), as the stack does.
beforeAll(() => prepareNeeds([...areas.map(areaFile), ...workers, ...tasks]));

describe('what each function needs, read from its bundle', () => {
  it('finds the DynamoDB actions in minified code: SDK commands by name, transaction parts by key', () => {
    const needs = (code: string) => DYNAMO_PATTERNS.filter(([p]) => p.test(code)).map(([, a]) => a);
    expect(needs('import{GetCommand as a,QueryCommand as b}from"@aws-sdk/lib-dynamodb";')).toEqual([
      'dynamodb:GetItem',
      'dynamodb:Query',
    ]);
    expect(needs('x({TransactItems:[{Put:{TableName:t}},{ConditionCheck:c}]})')).toEqual([
      'dynamodb:PutItem',
      'dynamodb:ConditionCheckItem',
    ]);
    expect(needs('const BatchWrite=1;{Delete:k}')).toEqual(['dynamodb:DeleteItem']);
  });

  it('gives the private session key to the system area (login) only', () => {
    for (const area of areas) {
      expect(functionNeeds(areaFile(area)).secrets.includes('sessionSigning')).toBe(
        area === 'system',
      );
    }
    for (const entry of [...workers, ...tasks]) {
      expect(functionNeeds(entry).secrets).not.toContain('sessionSigning');
      expect(functionNeeds(entry).secrets).not.toContain('sessionPublic');
    }
  });

  it('gives the share-link key to the areas making share links only', () => {
    expect(areas.filter((a) => functionNeeds(areaFile(a)).secrets.includes('shareLinks'))).toEqual([
      'purchasing',
      'delivery',
    ]);
  });

  it('gives the WeCom apps to the functions calling WeCom or checking its callbacks only', () => {
    expect(areas.filter((a) => functionNeeds(areaFile(a)).secrets.includes('wecom'))).toEqual([
      'system',
      'wecom',
    ]);
    expect(functionNeeds(OUTBOX_WORKER_ENTRY).secrets).toEqual(['wecom']);
    expect(functionNeeds(IMPORT_WORKER_ENTRY).secrets).toEqual([]);
    for (const entry of tasks) expect(functionNeeds(entry).secrets).toEqual([]);
  });

  it('grants Scan to nobody, BatchWriteItem only where the batch write code is bundled', () => {
    for (const entry of [...areas.map(areaFile), ...workers, ...tasks]) {
      const needs = functionNeeds(entry);
      expect(needs.dynamoActions).not.toContain('dynamodb:Scan');
      expect(needs.dynamoActions.includes('dynamodb:BatchWriteItem')).toBe(
        needs.modules.includes('functions/src/store/batchWrite.ts'),
      );
    }
    // The import worker writes files in batches; the WeCom callback never does.
    expect(functionNeeds(IMPORT_WORKER_ENTRY).dynamoActions).toContain('dynamodb:BatchWriteItem');
    expect(functionNeeds(areaFile('wecom')).dynamoActions).not.toContain('dynamodb:BatchWriteItem');
  });

  it("writes the WeCom callback's records under one key prefix", () => {
    expect(keys.wecomCallback('wwcorp', 'msg-1').pk).toBe('T#wwcorp#WECOMCB#msg-1');
    expect(keys.wecomCallback('*', '*').pk).toBe('T#*#WECOMCB#*');
  });
});

describe.each([
  ['aws', 'us-east-1'],
  ['aws-cn', 'cn-north-1'],
])('grantNeeds (%s, %s)', (partition, region) => {
  function build(area: string, options: { leadingKeys?: string[] } = {}) {
    const stack = new Stack(new App(), 'Test', { env: { region } });
    const key = new Key(stack, 'Key');
    const table = new Table(stack, 'Table', {
      partitionKey: { name: 'pk', type: AttributeType.STRING },
      encryption: TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: key,
    });
    const secret = (id: string) => new Secret(stack, id);
    const secrets = {
      sessionSigning: secret('Signing'),
      sessionPublic: secret('Public'),
      shareLinks: secret('Share'),
      wecom: secret('Wecom'),
    };
    const role = new Role(stack, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
    });
    const environment = grantNeeds(role, [areaFile(area)], { table, secrets }, options);
    const template = Template.fromStack(stack);
    const statements = Object.values(template.findResources('AWS::IAM::Policy')).flatMap(
      (p) =>
        (p as { Properties: { PolicyDocument: { Statement: Record<string, unknown>[] } } })
          .Properties.PolicyDocument.Statement,
    );
    const ref = (id: string) => {
      const [logical] = Object.keys(template.findResources('AWS::SecretsManager::Secret')).filter(
        (l) => l.startsWith(id),
      );
      return { Ref: logical };
    };
    return { template, statements, environment, ref };
  }
  const has = (statements: Record<string, unknown>[], action: string, resource: unknown) =>
    statements.some(
      (s) =>
        [s.Action].flat().includes(action) &&
        [s.Resource].flat().some((r) => JSON.stringify(r) === JSON.stringify(resource)),
    );

  it('grants the exact DynamoDB actions on the table and its indexes, and the key for them', () => {
    const { statements, template } = build('stock');
    const dynamo = statements.filter((s) =>
      [s.Action].flat().some((a) => String(a).startsWith('dynamodb:')),
    );
    expect(dynamo).toHaveLength(1);
    expect(dynamo[0]!.Action).toEqual(functionNeeds(areaFile('stock')).dynamoActions);
    expect(dynamo[0]!.Condition).toBeUndefined();
    const [keyId] = Object.keys(template.findResources('AWS::KMS::Key'));
    expect(
      statements.some(
        (s) =>
          [s.Action].flat().includes('kms:Decrypt') &&
          JSON.stringify(s.Resource) === JSON.stringify({ 'Fn::GetAtt': [keyId, 'Arn'] }),
      ),
    ).toBe(true);
    expect(JSON.stringify(template.toJSON())).not.toMatch(
      partition === 'aws' ? /arn:aws-cn:/ : /arn:aws:/,
    );
  });

  it('reads the public key only; hands over its ARN and no other', () => {
    const { statements, environment, ref } = build('stock');
    expect(Object.keys(environment)).toEqual(['SESSION_PUBLIC_KEY_ARN']);
    expect(has(statements, 'secretsmanager:GetSecretValue', ref('Public'))).toBe(true);
    for (const other of ['Signing', 'Share', 'Wecom']) {
      expect(has(statements, 'secretsmanager:GetSecretValue', ref(other))).toBe(false);
    }
  });

  it('lets the issuer read and write the signing key and publish the public key', () => {
    const { statements, environment, ref } = build('system');
    expect(Object.keys(environment).sort()).toEqual([
      'SESSION_PUBLIC_KEY_ARN',
      'SESSION_SIGNING_KEY_ARN',
      'WECOM_SECRET_ARN',
    ]);
    for (const id of ['Signing', 'Public']) {
      expect(has(statements, 'secretsmanager:GetSecretValue', ref(id))).toBe(true);
      expect(has(statements, 'secretsmanager:PutSecretValue', ref(id))).toBe(true);
    }
    expect(has(statements, 'secretsmanager:GetSecretValue', ref('Share'))).toBe(false);
  });

  it('adds a dynamodb:LeadingKeys condition when given one', () => {
    const { statements } = build('wecom', { leadingKeys: ['T#*#WECOMCB#*'] });
    const dynamo = statements.filter((s) =>
      [s.Action].flat().some((a) => String(a).startsWith('dynamodb:')),
    );
    expect(dynamo).toEqual([
      expect.objectContaining({
        Condition: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['T#*#WECOMCB#*'] } },
      }),
    ]);
  });
});

it('fails the synth when a function reads a secret the stack does not give', () => {
  const stack = new Stack(new App(), 'Test');
  const table = new Table(stack, 'Table', {
    partitionKey: { name: 'pk', type: AttributeType.STRING },
  });
  const role = new Role(stack, 'Role', { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
  expect(() => grantNeeds(role, [areaFile('system')], { table, secrets: {} })).toThrow(
    /system.ts read the session(Public|Signing) secret, which the stack does not give/,
  );
});
