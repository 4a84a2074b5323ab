// An AWS SDK request handler that hands DynamoDB requests straight to the front in this
// process. `npm start` runs the handlers beside the store; going through a socket there
// only added latency. The SDK still serialises, and the front still locks and validates,
// exactly as over HTTP.
import { HttpResponse, type HttpRequest } from '@smithy/protocol-http';
import type { HttpHandler } from '@smithy/protocol-http';
import type { Front } from './front.js';
import { responseHeaders } from './front.js';

export function inProcessHandler(front: Front): HttpHandler {
  return {
    async handle(request: HttpRequest) {
      const body = toBuffer(request.body);
      const answer = await front.dispatch(String(request.headers['x-amz-target'] ?? ''), body);
      const payload = Buffer.from(JSON.stringify(answer.body));
      return {
        response: new HttpResponse({
          statusCode: answer.status,
          headers: responseHeaders(String(request.headers['content-type'] ?? ''), payload),
          body: payload,
        }),
      };
    },
    updateHttpClientConfig: () => undefined,
    httpHandlerConfigs: () => ({}),
  };
}

function toBuffer(body: unknown): Buffer {
  if (body === undefined || body === null) return Buffer.alloc(0);
  if (typeof body === 'string') return Buffer.from(body, 'utf8');
  if (body instanceof Uint8Array) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  throw new Error('in-process DynamoDB handler expects a buffered request body');
}
