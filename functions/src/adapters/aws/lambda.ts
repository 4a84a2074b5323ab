/**
 * Invokes a Lambda function asynchronously (`InvocationType: Event`): Lambda queues the
 * payload and retries a failed run. The SDK client is loaded on first use.
 */
export async function invokeAsync(
  region: string,
  functionName: string,
  payload: unknown,
): Promise<void> {
  const { LambdaClient, InvokeCommand } = await import('@aws-sdk/client-lambda');
  await new LambdaClient({ region }).send(
    new InvokeCommand({
      FunctionName: functionName,
      InvocationType: 'Event',
      Payload: new TextEncoder().encode(JSON.stringify(payload)),
    }),
  );
}
