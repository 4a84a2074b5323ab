import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
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
    unmarshallOptions: { wrapNumbers: numberText },
  });
  assertSdkKeepsNumberText();
  guardItemSizes(db);
  return db;
}

const numberText = (text: string) => text;

/**
 * In AWS the SDK is the Lambda runtime's copy, not package-lock.json's (docs/architecture.md,
 * "Bundles"). A `wrapNumbers` function (SDK 3.693+, November 2024) is what keeps every number
 * its exact text; an older runtime SDK would take it for `true` and hand back NumberValue
 * objects. Checked once per container, so such a runtime fails at its first request with a
 * message saying so instead of corrupting quantities.
 */
export function assertSdkKeepsNumberText(unmarshallItem: typeof unmarshall = unmarshall): void {
  const read = unmarshallItem({ n: { N: '0.1' } }, { wrapNumbers: numberText }) as {
    n: unknown;
  };
  if (read.n !== '0.1') {
    throw new Error(
      'The AWS SDK in this runtime is too old: @aws-sdk/util-dynamodb must accept a wrapNumbers function (3.693 or later)',
    );
  }
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
