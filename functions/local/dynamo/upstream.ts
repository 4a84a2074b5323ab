// The hop from the front to dynalite: raw forwarding of client requests, and JSON calls
// that the front makes itself while running a transaction.
import http from 'node:http';

export type RawResponse = { status: number; headers: http.IncomingHttpHeaders; body: Buffer };
export type JsonResponse = { status: number; body: Record<string, unknown> };

// dynalite insists on a well-formed SigV4 header but never checks the signature.
const FAKE_AUTH =
  'AWS4-HMAC-SHA256 Credential=local/20200101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0';

// Hop-by-hop headers describe one connection and must not be copied to the next one.
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'transfer-encoding',
  'upgrade',
  'proxy-connection',
  'te',
  'trailer',
]);

export function stripHopByHop(headers: http.IncomingHttpHeaders): http.OutgoingHttpHeaders {
  const out: http.OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && !HOP_BY_HOP.has(name)) out[name] = value;
  }
  return out;
}

export class Upstream {
  // Keep-alive matters: a fresh TCP connection per call would dominate a transaction's cost.
  // maxSockets bounds the fan-out of a 100-item transaction.
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 32 });

  constructor(
    private readonly host: string,
    private readonly port: number,
  ) {}

  /** Sends a request as-is (method, path, headers, body) and buffers the whole answer. */
  raw(
    method: string,
    path: string,
    headers: http.OutgoingHttpHeaders,
    body: Buffer,
  ): Promise<RawResponse> {
    return new Promise((resolve, reject) => {
      const req = http.request(
        {
          host: this.host,
          port: this.port,
          method,
          path,
          agent: this.agent,
          headers: { ...headers, 'content-length': body.length },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 500,
              headers: res.headers,
              body: Buffer.concat(chunks),
            }),
          );
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }

  /** Calls one DynamoDB operation on dynalite with a JSON body. */
  async call(op: string, payload: unknown): Promise<JsonResponse> {
    const headers = {
      'content-type': 'application/x-amz-json-1.0',
      'x-amz-target': `DynamoDB_20120810.${op}`,
      'x-amz-date': '20200101T000000Z',
      authorization: FAKE_AUTH,
    };
    const res = await this.raw('POST', '/', headers, Buffer.from(JSON.stringify(payload)));
    const text = res.body.toString('utf8');
    return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
  }

  close(): void {
    this.agent.destroy();
  }
}
