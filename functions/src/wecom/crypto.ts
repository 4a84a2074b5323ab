import { randomBytes, timingSafeEqual } from 'node:crypto';
import { decrypt, encrypt, getSignature } from '@wecom/crypto';
import { AppError } from '@factory/shared';

/** WeCom callbacks older or newer than this are refused (replays of captured requests). */
export const MAX_CLOCK_SKEW_SECONDS = 300;

export type SignedParams = {
  msgSignature: string;
  timestamp: string;
  nonce: string;
  /** The encrypted text: echostr (URL verification) or the XML's Encrypt. */
  encrypt: string;
};

export type CallbackSecrets = { corpId: string; token: string; encodingAesKey: string };

/** sha1 of the sorted token, timestamp, nonce and encrypted text, in hex. */
export function signature(token: string, timestamp: string, nonce: string, text: string): string {
  return getSignature(token, timestamp, nonce, text);
}

export function signatureMatches(token: string, p: SignedParams): boolean {
  const expected = Buffer.from(signature(token, p.timestamp, p.nonce, p.encrypt), 'utf8');
  const given = Buffer.from(p.msgSignature.toLowerCase(), 'utf8');
  return expected.length === given.length && timingSafeEqual(expected, given);
}

export function badSignature(reason: string): AppError {
  return new AppError('wecom.badSignature', '企业微信回调签名校验失败', { reason });
}

/**
 * Checks a callback the way WeCom defines it and returns the decrypted message: the
 * signature, the timestamp (within MAX_CLOCK_SKEW_SECONDS of now) and the receive id inside
 * the ciphertext, which must be the corp id (@wecom/crypto checks neither).
 */
export function openCallback(app: CallbackSecrets, p: SignedParams, now: Date): string {
  if (!signatureMatches(app.token, p)) throw badSignature('signature');
  const sent = /^\d{1,12}$/.test(p.timestamp) ? Number(p.timestamp) : NaN;
  const skew = Math.abs(Math.floor(now.getTime() / 1000) - sent);
  if (!Number.isFinite(sent) || skew > MAX_CLOCK_SKEW_SECONDS) {
    throw new AppError('wecom.staleRequest', '企业微信回调已过期（时间戳偏差超过 5 分钟）', {
      timestamp: p.timestamp,
      maxSkewSeconds: MAX_CLOCK_SKEW_SECONDS,
    });
  }
  let opened: { message: string; id: string };
  try {
    opened = decrypt(app.encodingAesKey, p.encrypt);
  } catch {
    throw badSignature('decrypt');
  }
  if (opened.id !== app.corpId) throw badSignature('receiveId');
  return opened.message;
}

/**
 * Encrypts and signs a message as WeCom does (the simulator's callbacks, passive replies):
 * random(16) | length | message | corpId, AES-256-CBC, then the signature over the result.
 */
export function sealMessage(
  app: CallbackSecrets,
  message: string,
  timestamp: string,
  nonce: string,
  random: Buffer = randomBytes(16),
): { encrypt: string; msgSignature: string } {
  const sealed = encrypt(app.encodingAesKey, message, app.corpId, random);
  return { encrypt: sealed, msgSignature: signature(app.token, timestamp, nonce, sealed) };
}

/**
 * Query values arrive URL-decoded; a client that decoded '+' to a space (form encoding)
 * would break base64, which never contains spaces.
 */
export function restoreBase64(text: string): string {
  return text.replace(/ /g, '+');
}
