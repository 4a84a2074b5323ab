import { isAppError } from '@factory/shared';
import { log } from '../telemetry/log.js';

/**
 * A refused callback is logged with its reason (a wrong Token or EncodingAESKey in the
 * secret shows up here as `signature` / `receiveId`, a clock problem as `wecom.staleRequest`);
 * the response itself says no more than 401.
 */
export function logRefusal(kind: 'event' | 'urlVerification', err: unknown, requestId: string) {
  if (!isAppError(err) || !err.code.startsWith('wecom.')) return;
  log.warn(`wecom callback refused (${kind})`, {
    request_id: requestId,
    code: err.code,
    details: err.details,
  });
}
