import { AppError, type WecomCallbackQuery, type WecomVerifyQuery } from '@factory/shared';
import type { Deps } from '../deps.js';
import { wecomCallbackRepo } from '../store/wecomCallbackRepo.js';
import { loadWecomApps, refreshWecomApps, type WecomApp, type WecomApps } from './apps.js';
import { badSignature, openCallback, restoreBase64, signatureMatches } from './crypto.js';
import { dispatchCallback } from './dispatcher.js';
import { dedupeKey, parseCallbackMessage, type CallbackMessage } from './events.js';
import { parseWecomXml } from './xml.js';

/** WeCom retries for minutes at most; a day of memory covers any redelivery. */
export const DEDUPE_TTL_SECONDS = 24 * 3600;

/**
 * URL verification (GET): find the app whose token signs the request, check the request
 * and answer the decrypted echostr.
 */
export async function verifyCallbackUrl(
  deps: Deps,
  query: WecomVerifyQuery,
  now: Date,
): Promise<string> {
  const params = {
    msgSignature: query.msg_signature,
    timestamp: query.timestamp,
    nonce: query.nonce,
    encrypt: restoreBase64(query.echostr),
  };
  return withFreshApps(deps, (apps) => {
    const app = apps.find((a) => signatureMatches(a.token, params));
    if (!app) throw badSignature('signature');
    return openCallback(app, params, now);
  });
}

export type ReceivedCallback = { tenant: string; message: CallbackMessage; duplicate: boolean };

/**
 * One field of the callback envelope, read without parsing the XML: WeCom writes
 * `<Name><![CDATA[value]]></Name>` (or the bare value), and neither the corp id nor the base64
 * ciphertext can contain `<` or `]`. Linear in the body's length.
 */
export function envelopeField(body: string, name: 'ToUserName' | 'Encrypt'): string | undefined {
  const m = ENVELOPE_FIELDS[name].exec(body);
  const value = (m?.[1] ?? m?.[2])?.trim();
  return value ? value : undefined;
}

const fieldPattern = (name: string) =>
  new RegExp(`<${name}>(?:<!\\[CDATA\\[([^\\]<]*)\\]\\]>|([^<\\]]*))</${name}>`);
const ENVELOPE_FIELDS = {
  ToUserName: fieldPattern('ToUserName'),
  Encrypt: fieldPattern('Encrypt'),
};

/**
 * An event or message (POST): verify, decrypt, parse, drop duplicates, dispatch. The
 * signature is checked over the Encrypt field read cheaply from the body, before any XML is
 * parsed, so an unsigned body costs no parsing; nothing is written before the request has
 * proved itself, so a forged or stale one changes nothing.
 */
export async function receiveCallback(
  deps: Deps,
  query: WecomCallbackQuery,
  body: string,
  now: Date,
): Promise<ReceivedCallback> {
  const corpId = envelopeField(body, 'ToUserName');
  const encrypted = envelopeField(body, 'Encrypt');
  if (!corpId || !encrypted) throw badSignature('envelope');
  const { app, plain } = await withFreshApps(deps, (apps) => {
    const app: WecomApp | undefined = apps.find((a) => a.corpId === corpId);
    if (!app) throw badSignature('unknownCorp');
    const params = {
      msgSignature: query.msg_signature,
      timestamp: query.timestamp,
      nonce: query.nonce,
      encrypt: encrypted,
    };
    return { app, plain: openCallback(app, params, now) };
  });
  // Signed: now the envelope must be well-formed XML saying the same as what was checked,
  // each field once.
  let envelope;
  try {
    envelope = parseWecomXml(body);
  } catch {
    throw badSignature('envelope');
  }
  if (envelope.ToUserName !== corpId || envelope.Encrypt !== encrypted)
    throw badSignature('envelope');
  let message: CallbackMessage;
  try {
    message = parseCallbackMessage(plain);
  } catch {
    throw badSignature('message');
  }
  if (message.toUserName !== app.corpId) throw badSignature('corpId');
  const tenant = app.corpId;
  const key = dedupeKey(message);
  const received = wecomCallbackRepo(deps, tenant);
  const first = await received.markReceived(key, now, DEDUPE_TTL_SECONDS);
  if (first) {
    try {
      await dispatchCallback(deps.config, { tenant, message, receivedAt: now.toISOString() });
    } catch (err) {
      // Not handed over: forget the delivery, so WeCom's retry (after our 500) is not dropped.
      await received.forget(key);
      throw err;
    }
  }
  return { tenant, message, duplicate: !first };
}

/**
 * Runs `use` over the configured apps; when the signature matches none (or names an unknown
 * corp), once more over the apps read again: the operator may have just changed the token,
 * the EncodingAESKey or added the app in the secret (issue 19: rotation without a redeploy).
 */
async function withFreshApps<T>(deps: Deps, use: (apps: WecomApps['apps']) => T): Promise<T> {
  try {
    return use((await loadWecomApps(deps.config)).apps);
  } catch (err) {
    if (!(err instanceof AppError) || err.code !== 'wecom.badSignature') throw err;
    return use((await refreshWecomApps(deps.config)).apps);
  }
}
