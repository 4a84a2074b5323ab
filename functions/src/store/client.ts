import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { Agent } from 'node:http';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import type { HttpHandler } from '@smithy/protocol-http';
import type { Config } from '../config.js';

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
  return DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true },
    // Every number comes back as its exact decimal text; repositories parse what they need.
    unmarshallOptions: { wrapNumbers: (text: string) => text },
  });
}
