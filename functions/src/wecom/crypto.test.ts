import { wecomEncrypt, wecomSignature } from '../../local/wecom/simCrypto.js';
import { AppError } from '@factory/shared';
import {
  MAX_CLOCK_SKEW_SECONDS,
  openCallback,
  restoreBase64,
  sealMessage,
  signature,
} from './crypto.js';

// EncodingAESKey as the WeCom console shows it: 43 characters (32 bytes in base64 without '=').
const APP = {
  corpId: 'wwtest01',
  token: 'QDG6eK',
  encodingAesKey: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C',
};
const NOW = new Date('2026-12-01T08:00:00Z');
const TS = String(Math.floor(NOW.getTime() / 1000));

function signed(
  message: string,
  overrides: Partial<{ receiveId: string; timestamp: string; token: string }> = {},
) {
  const encrypt = wecomEncrypt(APP.encodingAesKey, message, overrides.receiveId ?? APP.corpId);
  const timestamp = overrides.timestamp ?? TS;
  return {
    msgSignature: wecomSignature(overrides.token ?? APP.token, timestamp, 'nonce1', encrypt),
    timestamp,
    nonce: 'nonce1',
    encrypt,
  };
}

function refusal(f: () => unknown): AppError {
  try {
    f();
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('expected a refusal');
}

describe('callback crypto', () => {
  test('signature is the sha1 of the sorted token, timestamp, nonce and text (WeCom sample)', () => {
    // Computed independently by the simulator's implementation of the spec.
    expect(signature('t', '1409659813', '1372623149', 'abc')).toBe(
      wecomSignature('t', '1409659813', '1372623149', 'abc'),
    );
    expect(signature('t', '1', '2', 'x')).toMatch(/^[0-9a-f]{40}$/);
  });

  test('opens a genuine callback (Chinese text survives)', () => {
    const xml = '<xml><Content><![CDATA[同意 PO-9]]></Content></xml>';
    expect(openCallback(APP, signed(xml), NOW)).toBe(xml);
  });

  test('a signature made with another token is refused', () => {
    expect(refusal(() => openCallback(APP, signed('x', { token: 'other' }), NOW)).code).toBe(
      'wecom.badSignature',
    );
  });

  test('a signature in upper case hex is accepted; one changed character is not', () => {
    const p = signed('x');
    expect(openCallback(APP, { ...p, msgSignature: p.msgSignature.toUpperCase() }, NOW)).toBe('x');
    const flipped = (p.msgSignature[0] === 'a' ? 'b' : 'a') + p.msgSignature.slice(1);
    expect(refusal(() => openCallback(APP, { ...p, msgSignature: flipped }, NOW)).status).toBe(401);
  });

  test('a ciphertext for another receive id (corp) is refused even when signed', () => {
    expect(
      refusal(() => openCallback(APP, signed('x', { receiveId: 'wwother' }), NOW)).details,
    ).toEqual({
      reason: 'receiveId',
    });
  });

  test('timestamps more than 5 minutes off either way are stale', () => {
    const at = (delta: number) => String(Number(TS) + delta);
    expect(openCallback(APP, signed('x', { timestamp: at(-MAX_CLOCK_SKEW_SECONDS) }), NOW)).toBe(
      'x',
    );
    expect(openCallback(APP, signed('x', { timestamp: at(MAX_CLOCK_SKEW_SECONDS) }), NOW)).toBe(
      'x',
    );
    for (const delta of [-MAX_CLOCK_SKEW_SECONDS - 1, MAX_CLOCK_SKEW_SECONDS + 1]) {
      const err = refusal(() => openCallback(APP, signed('x', { timestamp: at(delta) }), NOW));
      expect([err.code, err.status]).toEqual(['wecom.staleRequest', 401]);
    }
  });

  test('sealMessage encrypts and signs so that openCallback opens it', () => {
    const sealed = sealMessage(APP, '<xml>reply</xml>', TS, 'n9');
    expect(
      openCallback(
        APP,
        { msgSignature: sealed.msgSignature, timestamp: TS, nonce: 'n9', encrypt: sealed.encrypt },
        NOW,
      ),
    ).toBe('<xml>reply</xml>');
  });

  test('restoreBase64 undoes a form-decoded "+"', () => {
    const p = signed('plus test '.repeat(20));
    expect(restoreBase64(p.encrypt.replaceAll('+', ' '))).toBe(p.encrypt);
  });
});
