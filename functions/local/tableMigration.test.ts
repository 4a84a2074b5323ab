import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  PutItemCommand,
  QueryCommand,
  ScanCommand,
} from '@aws-sdk/client-dynamodb';
import { createTableInput } from '../src/store/table.js';
import { startLocalDynamo, type LocalDynamo } from './dynamo/localDynamo.js';
import { ensureTable } from './tableMigration.js';

let dynamo: LocalDynamo;
let client: DynamoDBClient;

beforeAll(async () => {
  dynamo = await startLocalDynamo({ port: 0 });
  client = new DynamoDBClient({
    endpoint: dynamo.endpoint,
    region: 'cn-north-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
});
afterAll(async () => {
  client.destroy();
  await dynamo.close();
});

/** The table as it was before the outbox: gsi1 only. */
async function oldTable(name: string): Promise<void> {
  const input = createTableInput(name);
  await client.send(
    new CreateTableCommand({
      ...input,
      AttributeDefinitions: input.AttributeDefinitions!.filter(
        (a) => !a.AttributeName!.startsWith('pending'),
      ),
      GlobalSecondaryIndexes: input.GlobalSecondaryIndexes!.filter((i) => i.IndexName === 'gsi1'),
    }),
  );
  for (let i = 0; i < 60; i++) {
    await client.send(
      new PutItemCommand({
        TableName: name,
        Item: {
          pk: { S: `T#t#ITEM` },
          sk: { S: `RM${i}` },
          gsi1pk: { S: 'T#t#X' },
          gsi1sk: { S: `RM${i}` },
          qty: { N: '1.5' },
        },
      }),
    );
  }
}

const indexes = async (name: string) =>
  (
    (await client.send(new DescribeTableCommand({ TableName: name }))).Table!
      .GlobalSecondaryIndexes ?? []
  ).map((i) => i.IndexName);

const count = async (name: string) =>
  (await client.send(new ScanCommand({ TableName: name, Select: 'COUNT' }))).Count;

it('creates a missing table and leaves a current one alone', async () => {
  expect(await ensureTable(client, 'fresh')).toBe('created');
  expect(await ensureTable(client, 'fresh')).toBe('current');
  expect((await indexes('fresh')).sort()).toEqual(['gsi1', 'pending']);
});

it('rebuilds a table from before an index with that index, every item kept', async () => {
  await oldTable('old');
  const lines: string[] = [];
  expect(await ensureTable(client, 'old', (l) => lines.push(l))).toBe('migrated');
  expect((await indexes('old')).sort()).toEqual(['gsi1', 'pending']);
  expect(await count('old')).toBe(60);
  const viaIndex = await client.send(
    new QueryCommand({
      TableName: 'old',
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :p',
      ExpressionAttributeValues: { ':p': { S: 'T#t#X' } },
    }),
  );
  expect(viaIndex.Count).toBe(60);
  expect(lines.join('\n')).toContain('adding index(es) pending');
  expect(await ensureTable(client, 'old')).toBe('current');
});

it('an interrupted rebuild is finished from its complete copy on the next start', async () => {
  // Copied out and marked complete, then stopped after dropping the original.
  await oldTable('cut');
  await ensureTable(client, 'cut--migrating');
  for (let i = 0; i < 3; i++) {
    await client.send(
      new PutItemCommand({
        TableName: 'cut--migrating',
        Item: { pk: { S: 'T#t#ITEM' }, sk: { S: `K${i}` } },
      }),
    );
  }
  await client.send(
    new PutItemCommand({
      TableName: 'cut--migrating',
      Item: { pk: { S: '#migration' }, sk: { S: 'complete' } },
    }),
  );
  expect(await ensureTable(client, 'cut')).toBe('migrated');
  expect(await count('cut')).toBe(3);
  await expect(
    client.send(new DescribeTableCommand({ TableName: 'cut--migrating' })),
  ).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
});
