import { createHash, randomBytes } from 'node:crypto';
import {
  type PurchaseOrderShare,
  type PurchaseOrderShareCreate,
  type Session,
  type Unit,
  notFound,
} from '@factory/shared';
import type { Deps } from '../../deps.js';
import {
  expectPurchaseStatus,
  renderExpiredPage,
  renderPurchaseOrderPage,
} from '../../domain/purchasing/index.js';
import { getMasterRecords } from '../../store/masterDataRepo.js';
import { purchaseOrderRepo } from '../../store/purchaseOrderRepo.js';
import { shareRepo } from '../../store/shareRepo.js';
import { PageResult } from '../fileResult.js';
import { completing, type CommitHooks } from '../hooks.js';

const DAY_MS = 86_400_000;
const TENANT_TEXT = /^[A-Za-z0-9_-]{1,64}$/;

const hashOf = (secret: string) => createHash('sha256').update(secret).digest('hex');

/**
 * The page's headers: nothing runs (no script at all), nothing is loaded from elsewhere, the
 * link is not passed on as a referrer, and neither caches nor frames keep the page.
 */
const PAGE_HEADERS = {
  'content-security-policy':
    "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
  'x-robots-tag': 'noindex, nofollow',
};

/**
 * A read-only link to an approved order for its supplier (open or closed: drafts and orders
 * waiting for approval are not sent). The token is the tenant and 32 random bytes; only the
 * secret's SHA-256 is stored, with the order number and the time the link stops working.
 */
export async function sharePurchaseOrder(
  deps: Deps,
  s: Session,
  no: string,
  input: PurchaseOrderShareCreate,
  hooks: CommitHooks<PurchaseOrderShare> = {},
): Promise<PurchaseOrderShare> {
  const stored = await purchaseOrderRepo(deps, s.tenant).get(no);
  if (!stored) throw notFound('purchaseOrder', no);
  expectPurchaseStatus(no, stored.order.status, 'share');
  const secret = randomBytes(32).toString('base64url');
  const token = `${Buffer.from(s.tenant).toString('base64url')}.${secret}`;
  const now = deps.clock.now();
  const expiresAt = new Date(now.getTime() + input.days * DAY_MS).toISOString();
  const share: PurchaseOrderShare = {
    purchaseOrder: no,
    url: `/share/purchase-orders/${token}`,
    expiresAt,
  };
  await deps.unitOfWork.commit(
    completing(hooks, share, [
      shareRepo(deps, s.tenant).put(hashOf(secret), {
        docType: 'purchaseOrder',
        docNo: no,
        validUntil: expiresAt,
        createdAt: now.toISOString(),
        createdBy: s.user,
      }),
    ]),
  );
  return share;
}

/**
 * The shared order as an HTML page, without login: the token names its tenant, and the hash of
 * its secret must find a link that has not expired; otherwise a 404 page that says the link no
 * longer works (the same page whatever was wrong, so a probe learns nothing).
 */
export async function purchaseOrderSharePage(deps: Deps, token: string): Promise<PageResult> {
  const gone = new PageResult(404, renderExpiredPage(), PAGE_HEADERS);
  const [tenantPart, secret] = token.split('.');
  const tenant = Buffer.from(tenantPart ?? '', 'base64url').toString('utf8');
  if (!secret || !TENANT_TEXT.test(tenant)) return gone;
  const share = await shareRepo(deps, tenant).get(hashOf(secret));
  if (!share || Date.parse(share.validUntil) <= deps.clock.now().getTime()) return gone;
  const stored = await purchaseOrderRepo(deps, tenant).get(share.docNo);
  if (!stored) return gone;
  const order = stored.order;
  const unitCodes = [...new Set(order.lines.flatMap((l) => (l.unit ? [l.unit] : [])))];
  const units = unitCodes.length
    ? ((await getMasterRecords(deps, tenant, { unit: unitCodes })).unit as
        Map<string, Unit> | undefined)
    : undefined;
  const unitNames = new Map([...(units ?? new Map<string, Unit>())].map(([c, u]) => [c, u.name]));
  return new PageResult(
    200,
    renderPurchaseOrderPage(order, { unitNames, validUntil: share.validUntil }),
    PAGE_HEADERS,
  );
}
