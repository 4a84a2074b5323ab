import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';

/**
 * The one table definition. CDK (infra/), the local runtime and the tests all derive the
 * table from this object, so key names and indexes cannot drift apart.
 */
export const TABLE = {
  partitionKey: 'pk',
  sortKey: 'sk',
  indexes: [
    /** Tenant-first like the table's keys: repositories read whole items from it. */
    { name: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk', projection: 'ALL' },
    /**
     * The outbox's queue of WeCom messages waiting for delivery, across tenants: sparse (only
     * a pending outbox record carries `pendingPk`), keys only (the worker claims the record
     * itself, consistently). The one index whose partition does not start with the tenant;
     * only the outbox worker reads it (see docs/architecture.md, "Outbox").
     */
    { name: 'pending', partitionKey: 'pendingPk', sortKey: 'pendingSk', projection: 'KEYS_ONLY' },
  ],
  /** Epoch seconds; expired idempotency records and token caches go away by themselves. */
  ttlAttribute: 'expiresAt',
  /**
   * DynamoDB Streams view: the new image of every write, which the outbox worker Lambda reads
   * (filtered to outbox records waiting for a first delivery). The local runtime has no
   * stream: its worker is woken in process when an outbox record is written.
   */
  stream: 'NEW_IMAGE',
} as const;

export const DEFAULT_TABLE_NAME = 'factory-erp';

export function createTableInput(tableName: string): CreateTableCommandInput {
  const keyAttrs = [
    TABLE.partitionKey,
    TABLE.sortKey,
    ...TABLE.indexes.flatMap((i) => [i.partitionKey, i.sortKey]),
  ];
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: keyAttrs.map((name) => ({ AttributeName: name, AttributeType: 'S' })),
    KeySchema: [
      { AttributeName: TABLE.partitionKey, KeyType: 'HASH' },
      { AttributeName: TABLE.sortKey, KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: TABLE.indexes.map((i) => ({
      IndexName: i.name,
      KeySchema: [
        { AttributeName: i.partitionKey, KeyType: 'HASH' },
        { AttributeName: i.sortKey, KeyType: 'RANGE' },
      ],
      Projection: { ProjectionType: i.projection },
    })),
  };
}
