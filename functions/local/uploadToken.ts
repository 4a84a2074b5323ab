import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The local stand-in for S3's signed POST policies and presigned GETs (functions/local/blobs.ts):
 * an HMAC-SHA256 over what the upload may be (key, content type, size cap, expiry) or over what
 * a download link names. A field changed by the sender, a signature made without the runtime's
 * key, or a link used after its expiry is refused.
 */
export type UploadPolicy = {
  key: string;
  contentType: string;
  maxBytes: number;
  /** Expiry, epoch milliseconds. */
  exp: number;
};

export type PolicyCheck =
  { ok: true; policy: UploadPolicy } | { ok: false; reason: 'forged' | 'expired' };

const mac = (secret: string, text: string) =>
  createHmac('sha256', secret).update(text).digest('base64url');

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The policy text (base64url JSON) and its signature, as the form's fields carry them. */
export function signPolicy(
  secret: string,
  policy: UploadPolicy,
): { policy: string; signature: string } {
  const text = Buffer.from(JSON.stringify(policy)).toString('base64url');
  return { policy: text, signature: mac(secret, `policy\n${text}`) };
}

export function verifyPolicy(
  secret: string,
  policyText: string | undefined,
  signature: string | undefined,
  nowMs: number,
): PolicyCheck {
  if (!policyText || !signature || !same(mac(secret, `policy\n${policyText}`), signature)) {
    return { ok: false, reason: 'forged' };
  }
  let policy: UploadPolicy;
  try {
    policy = JSON.parse(Buffer.from(policyText, 'base64url').toString('utf8')) as UploadPolicy;
  } catch {
    return { ok: false, reason: 'forged' };
  }
  if (!(typeof policy.exp === 'number' && nowMs <= policy.exp))
    return { ok: false, reason: 'expired' };
  return { ok: true, policy };
}

/** What a download link names: the file, how it is answered, and until when. */
export type DownloadGrant = { key: string; contentType: string; fileName: string; exp: number };

export function signDownload(secret: string, g: DownloadGrant): string {
  return mac(secret, `get\n${g.key}\n${g.contentType}\n${g.fileName}\n${g.exp}`);
}

export function verifyDownload(
  secret: string,
  g: DownloadGrant,
  signature: string,
  nowMs: number,
): 'ok' | 'forged' | 'expired' {
  if (!same(signDownload(secret, g), signature)) return 'forged';
  return nowMs <= g.exp ? 'ok' : 'expired';
}
