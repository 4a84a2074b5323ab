import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Deps } from '../../deps.js';
import { getShareKey } from '../../auth/shareKey.js';

// Share links (分享链接): a read-only page of one document for someone outside the product (the
// supplier gets the purchase order, the customer the delivery note). The token is the link's
// only credential: it names the tenant, the document and when it expires, signed with
// HMAC-SHA256 under the share-link key and a purpose per document type, so no session token is
// ever a share token (nor the reverse), a purchase order's link never opens a delivery note, and
// nobody without the key can make or widen one. Nothing is stored.

/** The documents that can be shared, each with its own signing purpose. */
export type SharedDocument = 'purchaseOrder' | 'delivery';

type Claims = { t: string; d: string; e: number };

async function sign(deps: Deps, doc: SharedDocument, payload: string): Promise<Buffer> {
  const key = await getShareKey(deps.config);
  return createHmac('sha256', key).update(`share:${doc}:v1:${payload}`).digest();
}

/** A token for `no` of `tenant`, valid until `expiresAt`. */
export async function mintShareToken(
  deps: Deps,
  doc: SharedDocument,
  link: { tenant: string; no: string; expiresAt: Date },
): Promise<string> {
  const claims: Claims = {
    t: link.tenant,
    d: link.no,
    e: Math.floor(link.expiresAt.getTime() / 1000),
  };
  const payload = Buffer.from(JSON.stringify(claims), 'utf8').toString('base64url');
  return `${payload}.${(await sign(deps, doc, payload)).toString('base64url')}`;
}

/**
 * The tenant and document a valid, unexpired token of `doc` names; undefined for anything else
 * (changed, forged, another document type's, expired: told apart to nobody).
 */
export async function readShareToken(
  deps: Deps,
  doc: SharedDocument,
  token: string,
  now: Date,
): Promise<{ tenant: string; no: string; expiresAt: Date } | undefined> {
  const [payload, signature] = token.split('.');
  if (!payload || !signature) return undefined;
  const expected = await sign(deps, doc, payload);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  let claims: Claims;
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Claims;
  } catch {
    return undefined;
  }
  if (typeof claims.t !== 'string' || typeof claims.d !== 'string' || typeof claims.e !== 'number')
    return undefined;
  const expiresAt = new Date(claims.e * 1000);
  if (expiresAt.getTime() <= now.getTime()) return undefined;
  return { tenant: claims.t, no: claims.d, expiresAt };
}

/**
 * The headers of a shared page: nothing runs (no script at all), nothing is loaded from
 * elsewhere, the link is not passed on as a referrer, neither caches nor frames keep the page,
 * and search engines do not index it.
 */
export const SHARE_PAGE_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy':
    "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
  'x-robots-tag': 'noindex, nofollow',
};
