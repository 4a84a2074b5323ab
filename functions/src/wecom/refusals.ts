import { isAppError } from '@factory/shared';

/**
 * A refused callback is logged with its reason (a wrong Token or EncodingAESKey in the
 * secret shows up here as `signature` / `receiveId`, a clock problem as `wecom.staleRequest`);
 * the response itself says no more than 401.
 */
export function logRefusal(kind: 'event' | 'urlVerification', err: unknown, requestId: string) {
  if (!isAppError(err) || !err.code.startsWith('wecom.')) return;
  console.warn(
    JSON.stringify({
      level: 'warn',
      message: `wecom callback refused (${kind})`,
      requestId,
      code: err.code,
      details: err.details,
    }),
  );
}
