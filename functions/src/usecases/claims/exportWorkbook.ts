import { moneyToDecimalString, type ExpenseClaimListQuery, type Session } from '@factory/shared';
import { writeWorkbook } from '../../adapters/spreadsheet.js';
import type { Deps } from '../../deps.js';
import { FileResult } from '../fileResult.js';
import { linesMatching, listExpenseClaims } from './claims.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const STATUS_LABEL = {
  draft: '草稿',
  pending: '审批中',
  approved: '已批准',
  rejected: '已驳回',
  paid: '已付款',
} as const;

/**
 * The claims of the list's filters as a workbook for finance: one row per line the filters
 * match (a claim's other lines are left out), newest claim first; amounts in yuan.
 */
export async function expenseClaimsWorkbook(
  deps: Deps,
  s: Session,
  query: ExpenseClaimListQuery,
): Promise<FileResult> {
  const claims = await listExpenseClaims(deps, s, query);
  const matches = linesMatching(query);
  const rows = claims.flatMap((c) =>
    c.lines
      .filter(matches)
      .map((l) => [
        c.no,
        c.claimant,
        STATUS_LABEL[c.status],
        c.title ?? '',
        l.line,
        l.date,
        l.category,
        l.categoryName ?? '',
        moneyToDecimalString(l.money),
        l.department ?? l.workshop ?? '',
        l.note ?? '',
        l.receipts?.length ?? 0,
        l.landing && 'pool' in l.landing ? `${l.landing.pool} ${l.landing.period}` : '',
        c.submittedAt?.slice(0, 10) ?? '',
        c.paidOn ?? '',
      ]),
  );
  const headers: [string, number?][] = [
    ['单号', 20],
    ['报销人', 14],
    ['状态'],
    ['事由', 24],
    ['行号'],
    ['费用日期', 12],
    ['类别编码'],
    ['类别', 14],
    ['金额(元)', 12],
    ['部门/车间'],
    ['备注', 24],
    ['票据数'],
    ['计入费用池'],
    ['提交日期', 12],
    ['付款日期', 12],
  ];
  const data = await writeWorkbook([
    {
      name: '费用报销',
      columns: headers.map(([header, width]) => ({ header, ...(width ? { width } : {}) })),
      rows,
    },
  ]);
  const day = deps.clock.now().toISOString().slice(0, 10);
  return new FileResult(XLSX, `费用报销-${day}.xlsx`, data);
}
