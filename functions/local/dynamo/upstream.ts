// What the front and the transactions need from the store underneath: one DynamoDB
// operation at a time, as JSON in and JSON out. engine.ts provides it in process.
export type JsonResponse = { status: number; body: Record<string, unknown> };

export type Upstream = {
  call(op: string, payload: Record<string, unknown>): Promise<JsonResponse>;
};
