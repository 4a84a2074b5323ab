import {
  AppError,
  type AdjustmentRequest,
  type BalanceQuery,
  type IssueRequest,
  type MoveQuery,
  type ReceiptRequest,
  type Session,
  type StockDocument,
  type StockDocumentKind,
  type TransferRequest,
  invalidRequest,
  notFound,
} from '@factory/shared';
import type { Deps } from '../deps.js';
import {
  type PlannedMove,
  type Planned,
  type References,
  balanceChanges,
  planAdjustment,
  planIssue,
  planReceipt,
  planTransfer,
  INSPECTED_KIND_OF_REASON,
  stockOwner,
  handTransferIssues,
} from '../domain/inventory/index.js';
import { nextDocumentNumber } from '../store/sequenceRepo.js';
import { stockRepo, type DocumentHeader } from '../store/stockRepo.js';
import type { CommitHooks } from './hooks.js';
import { commitPosting, resumePosting } from './posting.js';
import {
  prepareInspections,
  withInspectionPlans,
  type InspectionSource,
} from './quality/openings.js';
import { loadReferences } from './references.js';
import { shanghaiDate } from './time.js';

const PREFIX: Record<StockDocumentKind, string> = {
  receipt: 'RC',
  issue: 'IS',
  transfer: 'TR',
  adjustment: 'AJ',
};

type Header = { date: string; ref?: string; partner?: string; note?: string; reason?: string };

/**
 * A receipt by hand. Lines its items' inspection plans (or flags) hold for inspection open
 * inspection orders in the same transaction, when the reason is one quality inspects.
 */
export const postReceipt = (
  deps: Deps,
  s: Session,
  req: ReceiptRequest,
  hooks?: CommitHooks<StockDocument>,
) => {
  const kind = INSPECTED_KIND_OF_REASON[req.reason];
  return post(
    deps,
    s,
    'receipt',
    req,
    hooks,
    (refs) => planReceipt(req, refs),
    lineCodes(req.lines),
    {
      withPlans: true,
      ...(kind
        ? {
            inspect: {
              kind,
              ...(req.partner ? { partner: req.partner } : {}),
              ...(req.ref ? { sourceOf: () => ({ order: req.ref! }) } : {}),
            },
          }
        : {}),
    },
  );
};

export const postIssue = (
  deps: Deps,
  s: Session,
  req: IssueRequest,
  hooks?: CommitHooks<StockDocument>,
) => post(deps, s, 'issue', req, hooks, (refs) => planIssue(req, refs), lineCodes(req.lines));

export const postTransfer = (
  deps: Deps,
  s: Session,
  req: TransferRequest,
  hooks?: CommitHooks<StockDocument>,
) =>
  post(
    deps,
    s,
    'transfer',
    req,
    hooks,
    (refs) => {
      const bypass = handTransferIssues(req);
      return bypass.length ? { ok: false, issues: bypass } : planTransfer(req, refs);
    },
    {
      items: req.lines.map((l) => l.item),
      warehouses: req.lines.flatMap((l) => [l.fromWarehouse, l.toWarehouse]),
      owners: ownersOf(req.lines),
    },
  );

/**
 * A count adjustment reads the counted balances, posts the differences, and fails with a
 * conflict if any of them moved in between; it is retried a few times before giving up.
 */
export async function postAdjustment(
  deps: Deps,
  s: Session,
  req: AdjustmentRequest,
  hooks?: CommitHooks<StockDocument>,
): Promise<StockDocument> {
  const repo = stockRepo(deps, s.tenant);
  // Read once for every attempt: whose stock a counted line is (customer-supplied warehouses)
  // decides which balance it counts, and the posting checks the lines against the same facts.
  const codes = lineCodes(req.lines);
  const refs = await loadReferences(deps, s.tenant, codes.items, codes.warehouses, codes.owners);
  const { items, warehouses } = refs;
  for (let attempt = 1; ; attempt++) {
    const current = await repo.getBalances(
      req.lines.map((l) => {
        const customer = stockOwner(items.get(l.item), warehouses.get(l.warehouse), l.customer);
        return {
          item: l.item,
          warehouse: l.warehouse,
          status: l.status ?? 'available',
          lot: l.lot ?? '',
          trackingNo: l.trackingNo ?? '',
          ...(customer ? { customer } : {}),
        };
      }),
    );
    try {
      return await post(
        deps,
        s,
        'adjustment',
        req,
        hooks,
        (refs) => {
          const planned = planAdjustment(req, refs, current);
          return planned.ok
            ? { ok: true, value: planned.value.moves, expected: planned.value.expected }
            : planned;
        },
        { refs },
      );
    } catch (err) {
      if (!(err instanceof AppError && err.code === 'resource.versionConflict') || attempt >= 3)
        throw err;
    }
  }
}

type LineCodes = { items: string[]; warehouses: string[]; owners: string[] };

function lineCodes(lines: { item: string; warehouse: string; customer?: string }[]): LineCodes {
  return {
    items: lines.map((l) => l.item),
    warehouses: lines.map((l) => l.warehouse),
    owners: ownersOf(lines),
  };
}

/** The owners the lines name (customer-supplied stock), checked to be customers. */
const ownersOf = (lines: { customer?: string }[]) =>
  lines.flatMap((l) => (l.customer ? [l.customer] : []));

type Plan = (refs: References) => Planned<PlannedMove[]> & { expected?: Map<string, string> };

async function post(
  deps: Deps,
  session: Session,
  kind: StockDocumentKind,
  req: Header,
  hooks: CommitHooks<StockDocument> = {},
  plan: Plan,
  /** The codes of the lines' master data, or the references the caller already read. */
  codes: LineCodes | { refs: References },
  receipt: { withPlans?: boolean; inspect?: InspectionSource } = {},
): Promise<StockDocument> {
  if (hooks.resume) return resumePosting(deps, session.tenant, hooks.resume, hooks);

  const loaded =
    'refs' in codes
      ? codes.refs
      : await loadReferences(deps, session.tenant, codes.items, codes.warehouses, codes.owners);
  const refs = receipt.withPlans ? await withInspectionPlans(deps, session.tenant, loaded) : loaded;
  const planned = plan(refs);
  if (!planned.ok)
    throw invalidRequest(planned.issues.map((i) => ({ ...i, path: ['body', ...i.path] })));
  const moves = planned.value;
  if (moves.length === 0)
    throw invalidRequest([{ path: ['body', 'lines'], message: '没有需要过账的数量变化' }]);

  const now = deps.clock.now();
  const header: DocumentHeader = {
    no: await nextDocumentNumber(deps, session.tenant, PREFIX[kind], shanghaiDate(now)),
    kind,
    date: req.date,
    postedAt: now.toISOString(),
    postedBy: session.user,
    ...optional(req, ['reason', 'partner', 'ref', 'note']),
  };
  const opened = receipt.inspect
    ? await prepareInspections(deps, session, header, moves, receipt.inspect)
    : { items: [], count: 0 };
  return commitPosting(
    deps,
    session.tenant,
    header,
    moves,
    balanceChanges(moves, refs, planned.expected),
    opened.count
      ? { ...hooks, onComplete: (doc) => [...opened.items, ...(hooks.onComplete?.(doc) ?? [])] }
      : hooks,
    opened.count ? { completionItems: 2 + opened.count } : {},
  );
}

function optional<T extends object, K extends keyof T>(obj: T, fields: K[]): Partial<Pick<T, K>> {
  const out: Partial<Pick<T, K>> = {};
  for (const f of fields) if (obj[f] !== undefined) out[f] = obj[f];
  return out;
}

export async function getStockDocument(deps: Deps, s: Session, no: string): Promise<StockDocument> {
  const doc = await stockRepo(deps, s.tenant).getDocument(no);
  if (!doc) throw notFound('stockDocument', no);
  return doc;
}

export function queryBalances(deps: Deps, s: Session, q: BalanceQuery) {
  return stockRepo(deps, s.tenant).queryBalances({ ...q, includeZero: q.includeZero === 'true' });
}

export function queryMoves(deps: Deps, s: Session, q: MoveQuery) {
  return stockRepo(deps, s.tenant).queryMoves(q);
}
