import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { Agent } from 'node:http';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import type { HttpHandler } from '@smithy/protocol-http';
import type { Config } from '../config.js';
import { checkWriteSize } from './itemSize.js';

/** The table's client: only the store sends requests through it. */
export type TableClient = DynamoDBDocumentClient;

let localHandler: HttpHandler | undefined;

/**
 * The local runtime serves DynamoDB in the same process as the handlers; it registers a
 * request handler that skips the socket. Lambda never calls this.
 */
export function useLocalDynamoHandler(handler: HttpHandler | undefined): void {
  localHandler = handler;
}

export function createDocumentClient(
  config: Pick<Config, 'region' | 'dynamoEndpoint'>,
): DynamoDBDocumentClient {
  const local = config.dynamoEndpoint !== undefined;
  const client = new DynamoDBClient({
    region: config.region,
    ...(local
      ? {
          endpoint: config.dynamoEndpoint,
          credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
          // Many concurrent postings share one process locally; keep sockets warm.
          requestHandler:
            localHandler ??
            new NodeHttpHandler({ httpAgent: new Agent({ keepAlive: true, maxSockets: 64 }) }),
          // The embedded store checks no signatures; signing every call only cost CPU.
          ...(localHandler ? { signer: { sign: async <T>(request: T) => request } } : {}),
          maxAttempts: 1,
        }
      : {}),
  });
  const db = DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true },
    // Every number comes back as its exact decimal text; repositories parse what they need.
    unmarshallOptions: { wrapNumbers: (text: string) => text },
  });
  guardItemSizes(db);
  return db;
}

/**
 * Every write is checked for size after marshalling (the build step sees DynamoDB's own
 * attribute values) and before it is sent: a record too large for one item becomes a clear
 * AppError naming it, never the store's ValidationException.
 */
export function guardItemSizes(db: DynamoDBDocumentClient): void {
  db.middlewareStack.add(
    (next) => async (args) => {
      checkWriteSize(args.input as Parameters<typeof checkWriteSize>[0]);
      return next(args);
    },
    { step: 'build', name: 'factoryItemSizeGuard', override: true },
  );
}
