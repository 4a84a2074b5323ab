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
