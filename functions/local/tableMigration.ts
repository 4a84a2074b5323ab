import {
  BatchWriteItemCommand,
  CreateTableCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  GetItemCommand,
  PutItemCommand,
  ScanCommand,
  type AttributeValue,
  type DynamoDBClient,
  type TableDescription,
} from '@aws-sdk/client-dynamodb';
import { createTableInput, TABLE } from '../src/store/table.js';

const MARKER: Record<string, AttributeValue> = {
  [TABLE.partitionKey]: { S: '#migration' },
  [TABLE.sortKey]: { S: 'complete' },
};

/**
 * The local table as the one table definition describes it. dynalite cannot add an index to
 * a table (DynamoDB can, online), so a table kept under `.data/` from before an index was
 * added (the outbox's `pending` index) is rebuilt: its items are copied to a new table with
 * the current definition, the old table is dropped and created again, and the items copied
 * back. A copy marked complete survives an interruption: the next start finishes from it.
 */
export async function ensureTable(
  client: DynamoDBClient,
  tableName: string,
  log: (line: string) => void = () => undefined,
): Promise<'created' | 'current' | 'migrated'> {
  const copy = `${tableName}--migrating`;
  const copyTable = await describe(client, copy);
  if (copyTable) {
    if (await hasMarker(client, copy)) return restore(client, copy, tableName, log);
    // Interrupted while copying out: the original is intact; start again.
    await drop(client, copy);
  }
  const table = await describe(client, tableName);
  if (!table) {
    await create(client, tableName);
    return 'created';
  }
  const indexes = new Set((table.GlobalSecondaryIndexes ?? []).map((i) => i.IndexName));
  if (TABLE.indexes.every((i) => indexes.has(i.name))) return 'current';
  log(
    `table ${tableName}: adding index(es) ${TABLE.indexes
      .filter((i) => !indexes.has(i.name))
      .map((i) => i.name)
      .join(', ')} (copying the data once)`,
  );
  await create(client, copy);
  const n = await copyItems(client, tableName, copy);
  await client.send(new PutItemCommand({ TableName: copy, Item: MARKER }));
  log(`table ${tableName}: ${n} items copied`);
  return restore(client, copy, tableName, log);
}

async function restore(
  client: DynamoDBClient,
  copy: string,
  tableName: string,
  log: (line: string) => void,
): Promise<'migrated'> {
  if (await describe(client, tableName)) await drop(client, tableName);
  await create(client, tableName);
  const n = await copyItems(client, copy, tableName);
  await drop(client, copy);
  log(`table ${tableName}: rebuilt with the current indexes, ${n} items`);
  return 'migrated';
}

async function describe(
  client: DynamoDBClient,
  name: string,
): Promise<TableDescription | undefined> {
  try {
    return (await client.send(new DescribeTableCommand({ TableName: name }))).Table;
  } catch (err) {
    if ((err as { name?: string }).name === 'ResourceNotFoundException') return undefined;
    throw err;
  }
}

async function create(client: DynamoDBClient, name: string): Promise<void> {
  await client.send(new CreateTableCommand(createTableInput(name)));
  for (let i = 0; i < 500; i++) {
    if ((await describe(client, name))?.TableStatus === 'ACTIVE') return;
    await pause(20);
  }
  throw new Error(`table ${name} did not become active`);
}

async function drop(client: DynamoDBClient, name: string): Promise<void> {
  await client.send(new DeleteTableCommand({ TableName: name }));
  for (let i = 0; i < 500; i++) {
    if (!(await describe(client, name))) return;
    await pause(20);
  }
  throw new Error(`table ${name} was not deleted`);
}

async function hasMarker(client: DynamoDBClient, name: string): Promise<boolean> {
  const res = await client.send(new GetItemCommand({ TableName: name, Key: MARKER }));
  return res.Item !== undefined;
}

/** Every item of `from` into `to` (the marker excepted), 25 a request. */
async function copyItems(client: DynamoDBClient, from: string, to: string): Promise<number> {
  let n = 0;
  let start: Record<string, AttributeValue> | undefined;
  do {
    const page = await client.send(
      new ScanCommand({ TableName: from, ExclusiveStartKey: start, Limit: 500 }),
    );
    const items = (page.Items ?? []).filter(
      (i) => i[TABLE.partitionKey]?.S !== MARKER[TABLE.partitionKey]!.S,
    );
    for (let i = 0; i < items.length; i += 25) {
      let requests = items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } }));
      while (requests.length) {
        const res = await client.send(
          new BatchWriteItemCommand({ RequestItems: { [to]: requests } }),
        );
        requests = (res.UnprocessedItems?.[to] ?? []) as typeof requests;
      }
    }
    n += items.length;
    start = page.LastEvaluatedKey;
  } while (start);
  return n;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
