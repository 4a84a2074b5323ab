import { AppError } from '@factory/shared';

/**
 * A workflow's failure as its record shows it. Step Functions hands the error of the step that
 * failed over as { Error, Cause }; Cause is the Lambda error as JSON.
 */
export function describeFailure(error: { Error?: string; Cause?: string } | undefined): string {
  if (!error) return 'unknown';
  try {
    const cause = JSON.parse(error.Cause ?? '{}') as { errorMessage?: string; message?: string };
    return cause.errorMessage ?? cause.message ?? error.Error ?? 'unknown';
  } catch {
    return error.Cause ?? error.Error ?? 'unknown';
  }
}

/** What a run's failure step gets when its workflow could not even start. */
export type StartFailure = { Error: 'StartExecutionFailed'; Cause: string };

/**
 * Starts a run's workflow; when the start fails (Step Functions throttled or unreachable, the
 * state machine gone), marks the run failed through the workflow's own failure step, so it is
 * not left `queued` (or `running`) for ever, and answers 503 `workflow.startFailed`: a new
 * request starts a new run.
 */
export async function startOrMarkFailed(
  start: () => Promise<void>,
  markFailed: (error: StartFailure) => Promise<unknown>,
): Promise<void> {
  try {
    await start();
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    await markFailed({
      Error: 'StartExecutionFailed',
      Cause: JSON.stringify({ errorMessage: `工作流未能启动：${message}` }),
    });
    throw new AppError('workflow.startFailed', '计算未能启动，请稍后重试', { cause: message });
  }
}
