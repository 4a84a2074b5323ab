/**
 * Starts a Step Functions execution. An execution name starts one execution: starting it
 * again (a retry resuming a request) does nothing. The SDK client is loaded on first use.
 */
export async function startExecution(
  region: string,
  stateMachineArn: string,
  name: string,
  input: Record<string, unknown>,
): Promise<void> {
  const { SFNClient, StartExecutionCommand } = await import('@aws-sdk/client-sfn');
  try {
    await new SFNClient({ region }).send(
      new StartExecutionCommand({ stateMachineArn, name, input: JSON.stringify(input) }),
    );
  } catch (err) {
    // Started before (a retry resuming it): a name is used once, so that run is the one.
    if ((err as { name?: string }).name !== 'ExecutionAlreadyExists') throw err;
  }
}
