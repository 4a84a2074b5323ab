import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * WeCom's callback crypto written out on its own (not the product's @wecom/crypto), so the
 * simulator checks the product against the specification rather than against itself:
 * AESKey = base64(EncodingAESKey + '='), AES-256-CBC with IV = key[0..16], PKCS#7 padding
 * to 32-byte blocks, plaintext = random(16) | uint32 BE length | message | receiveid.
 */
export function aesKey(encodingAesKey: string): Buffer {
  const key = Buffer.from(`${encodingAesKey}=`, 'base64');
  if (key.length !== 32) throw new Error('EncodingAESKey must decode to 32 bytes');
  return key;
}

export function wecomEncrypt(
  encodingAesKey: string,
  message: string,
  receiveId: string,
  random: Buffer = randomBytes(16),
): string {
  const key = aesKey(encodingAesKey);
  const body = Buffer.from(message, 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(body.length);
  const plain = Buffer.concat([random, length, body, Buffer.from(receiveId, 'utf8')]);
  const pad = 32 - (plain.length % 32);
  const padded = Buffer.concat([plain, Buffer.alloc(pad, pad)]);
  const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16));
  cipher.setAutoPadding(false);
  return Buffer.concat([cipher.update(padded), cipher.final()]).toString('base64');
}

export function wecomDecrypt(
  encodingAesKey: string,
  encrypted: string,
): { message: string; receiveId: string } {
  const key = aesKey(encodingAesKey);
  const decipher = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16));
  decipher.setAutoPadding(false);
  const padded = Buffer.concat([
    decipher.update(Buffer.from(encrypted, 'base64')),
    decipher.final(),
  ]);
  const pad = padded[padded.length - 1]!;
  if (pad < 1 || pad > 32) throw new Error('bad padding');
  const plain = padded.subarray(0, padded.length - pad);
  const length = plain.readUInt32BE(16);
  return {
    message: plain.subarray(20, 20 + length).toString('utf8'),
    receiveId: plain.subarray(20 + length).toString('utf8'),
  };
}

export function wecomSignature(token: string, timestamp: string, nonce: string, text: string) {
  return createHash('sha1').update([token, timestamp, nonce, text].sort().join('')).digest('hex');
}
