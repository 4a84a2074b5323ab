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
import { mintShareToken, readShareToken, SHARE_PAGE_HEADERS } from '../share/links.js';
import { PageResult } from '../fileResult.js';

const DAY_MS = 86_400_000;

/**
 * A read-only link to an approved order for its supplier (open or closed: drafts and orders
 * waiting for approval are not sent): a signed token naming the tenant, the order and its
 * expiry (usecases/share/links.ts); nothing is written.
 */
export async function sharePurchaseOrder(
  deps: Deps,
  s: Session,
  no: string,
  input: PurchaseOrderShareCreate,
): Promise<PurchaseOrderShare> {
  const stored = await purchaseOrderRepo(deps, s.tenant).get(no);
  if (!stored) throw notFound('purchaseOrder', no);
  expectPurchaseStatus(no, stored.order.status, 'share');
  const expiresAt = new Date(deps.clock.now().getTime() + input.days * DAY_MS);
  const token = await mintShareToken(deps, 'purchaseOrder', { tenant: s.tenant, no, expiresAt });
  return {
    purchaseOrder: no,
    url: `/share/purchase-orders/${token}`,
    expiresAt: expiresAt.toISOString(),
  };
}

/**
 * The shared order as an HTML page, without login, for a valid unexpired token; otherwise a 404 page that says the link no
 * longer works (the same page whatever was wrong, so a probe learns nothing).
 */
export async function purchaseOrderSharePage(deps: Deps, token: string): Promise<PageResult> {
  const gone = new PageResult(404, renderExpiredPage(), SHARE_PAGE_HEADERS);
  const link = await readShareToken(deps, 'purchaseOrder', token, deps.clock.now());
  if (!link) return gone;
  const tenant = link.tenant;
  const stored = await purchaseOrderRepo(deps, tenant).get(link.no);
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
    renderPurchaseOrderPage(order, { unitNames, validUntil: link.expiresAt.toISOString() }),
    SHARE_PAGE_HEADERS,
  );
}
