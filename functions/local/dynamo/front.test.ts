// The front's own protocol behaviour; DynamoDB semantics are in tests/contract.
import { startLocalDynamo } from './localDynamo.js';
import type { LocalDynamo } from './localDynamo.js';

let local: LocalDynamo;

beforeAll(async () => {
  local = await startLocalDynamo({});
});
afterAll(async () => {
  await local.close();
});

const AUTH =
  'AWS4-HMAC-SHA256 Credential=a/20200101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0';

async function post(op: string, body: string, headers: Record<string, string> = {}) {
  const res = await fetch(local.endpoint, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.0',
      'x-amz-target': `DynamoDB_20120810.${op}`,
      'x-amz-date': '20200101T000000Z',
      authorization: AUTH,
      ...headers,
    },
    body,
  });
  return {
    status: res.status,
    headers: res.headers,
    json: (await res.json()) as Record<string, unknown>,
  };
}

describe('transactions front', () => {
  test("answers with dynalite's results and errors", async () => {
    const ok = await post('ListTables', '{}');
    expect(ok.status).toBe(200);
    expect(ok.json).toHaveProperty('TableNames');
    expect(ok.headers.get('x-amz-crc32')).toBeTruthy();

    // A local store checks no credentials: any client configuration may talk to it.
    const noAuth = await post('ListTables', '{}', { authorization: '' });
    expect(noAuth.status).toBe(200);

    const badItem = await post(
      'PutItem',
      JSON.stringify({ TableName: 'nope', Item: { pk: { S: 'a' } } }),
    );
    expect(badItem.status).toBe(400);
    expect(badItem.json.__type).toBe('com.amazonaws.dynamodb.v20120810#ResourceNotFoundException');

    const unknown = await post('ExecuteStatement', '{}');
    expect(unknown.json.__type).toBe('com.amazon.coral.service#UnknownOperationException');
  });

  test('answers transaction requests in the DynamoDB error shapes', async () => {
    const bad = await post('TransactWriteItems', '{not json');
    expect(bad.json.__type).toBe('com.amazon.coral.service#SerializationException');

    const empty = await post('TransactGetItems', '{"TransactItems":[]}');
    expect(empty.status).toBe(400);
    expect(empty.json.__type).toBe('com.amazon.coral.validate#ValidationException');

    const noTable = await post(
      'TransactWriteItems',
      JSON.stringify({ TransactItems: [{ Put: { TableName: 'nope', Item: { pk: { S: 'a' } } } }] }),
    );
    expect(noTable.json.__type).toBe('com.amazonaws.dynamodb.v20120810#ResourceNotFoundException');

    const twoKinds = await post(
      'TransactWriteItems',
      JSON.stringify({
        TransactItems: [{ Put: { TableName: 't', Item: {} }, Delete: { TableName: 't', Key: {} } }],
      }),
    );
    expect(twoKinds.json.message).toMatch(/only contain one of/);
  });

  test('close stops the front', async () => {
    const other = await startLocalDynamo({});
    expect((await fetch(other.endpoint)).status).toBe(200); // the health answer DynamoDB gives a GET
    await other.close();
    await expect(fetch(other.endpoint)).rejects.toThrow();
  });
});
