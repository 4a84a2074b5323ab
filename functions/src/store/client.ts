import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { Agent } from 'node:http';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import type { Config } from '../config.js';

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
          requestHandler: new NodeHttpHandler({
            httpAgent: new Agent({ keepAlive: true, maxSockets: 64 }),
          }),
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
