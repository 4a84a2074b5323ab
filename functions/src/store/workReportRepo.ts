import { AppError, type WorkReport, type WorkReportList, zWorkReport } from '@factory/shared';
import * as z from 'zod';
import type { Deps } from '../deps.js';
import { keys } from './keys.js';
import { queryAll } from './query.js';
import { declareRecord } from './records.js';
import type { TxItem } from './transact.js';

/**
 * The completion notice of a report that completed its order (`NOTICE#<report>`): queued with
 * the report, then sent or failed (with the error) when the outbox worker is done; skipped
 * when the tenant has no supervisors.
 */
export type WorkReportNotice = {
  taskOrder: string;
  report: string;
  at: string;
  status: 'queued' | 'sent' | 'failed' | 'skipped';
  recipients?: string[];
  error?: string;
  reason?: string;
};

const zNotice = /* @__PURE__ */ z.object({
  taskOrder: z.string(),
  report: z.string(),
  at: z.string(),
  status: z.enum(['queued', 'sent', 'failed', 'skipped']),
  recipients: z.array(z.string()).optional(),
  error: z.string().optional(),
  reason: z.string().optional(),
});

/** A work report in its task order's partition (`R#<no>`), as the shared contract says. */
export const workReportRecord = /* @__PURE__ */ declareRecord<
  WorkReport,
  { taskOrder: string; no: string }
>({
  type: 'workReport',
  key: (tenant, r) => keys.workReport(tenant, r.taskOrder, r.no),
  parse: (raw) => {
    // `overrun` is stored only when true; `reversedBy` is the list's, never stored.
    const { overrun, reversedBy: _r, ...report } = zWorkReport.parse(raw);
    return overrun ? { ...report, overrun } : report;
  },
});

/** Which task order a report number belongs to (`WRNO#<no>`): only the order is stored. */
export const workReportOwnerRecord = /* @__PURE__ */ declareRecord<
  { no: string; taskOrder: string },
  { no: string },
  { taskOrder: string }
>({
  type: 'workReportOwner',
  key: (tenant, o) => keys.workReportOwner(tenant, o.no),
  attributes: (o) => ({ taskOrder: o.taskOrder }),
  parse: (raw) => z.object({ taskOrder: z.string() }).parse(raw),
});

/** The marker that a report was reversed (`REV#<no>`), in its order's partition. */
export const workReportReversedRecord = /* @__PURE__ */ declareRecord<
  { taskOrder: string; report: string; reversedBy: string },
  { taskOrder: string; report: string },
  { report: string; reversedBy: string }
>({
  type: 'workReportReversed',
  key: (tenant, m) => keys.workReportReversed(tenant, m.taskOrder, m.report),
  attributes: (m) => ({ report: m.report, reversedBy: m.reversedBy }),
  parse: (raw) => z.object({ report: z.string(), reversedBy: z.string() }).parse(raw),
});

/** The completion notice of a report (`NOTICE#<no>`), in its order's partition. */
export const workReportNoticeRecord = /* @__PURE__ */ declareRecord<
  WorkReportNotice,
  { taskOrder: string; report: string }
>({
  type: 'workReportNotice',
  key: (tenant, n) => keys.workReportNotice(tenant, n.taskOrder, n.report),
  parse: (raw) => zNotice.parse(raw),
});

/**
 * Work reports (报工) in their task order's partition (`R#<no>`), the owner index from a
 * report number to its order, the marker that a report was reversed (`REV#<no>`) and the
 * completion notices (`NOTICE#<no>`).
 */
export function workReportRepo(deps: Pick<Deps, 'db' | 'tableName'>, tenant: string) {
  return {
    /** The task order a report belongs to (undefined: no such report). */
    async orderOf(no: string): Promise<string | undefined> {
      return (await workReportOwnerRecord.get(deps, tenant, { no }))?.taskOrder;
    },

    get(taskOrder: string, no: string): Promise<WorkReport | undefined> {
      return workReportRecord.get(deps, tenant, { taskOrder, no });
    },

    /** The report and its owner entry, each written once. */
    createItems(report: WorkReport): TxItem[] {
      return [
        workReportRecord.putNew(deps, tenant, report),
        workReportOwnerRecord.putNew(deps, tenant, { no: report.no, taskOrder: report.taskOrder }),
      ];
    },

    /** The marker that `no` was reversed by `reversalNo`: a report is reversed at most once. */
    reversedMarker(taskOrder: string, no: string, reversalNo: string): TxItem {
      return workReportReversedRecord.putNew(
        deps,
        tenant,
        { taskOrder, report: no, reversedBy: reversalNo },
        () => new AppError('workReport.alreadyReversed', `报工单 ${no} 已被冲销`, { no }),
      );
    },

    /** The notice's record, to write with the report or with the outbox's outcome. */
    noticeItem(n: WorkReportNotice): TxItem {
      return workReportNoticeRecord.put(deps, tenant, n);
    },

    /** A task order's reports (each with the report that reversed it), sorted, and notices. */
    async list(taskOrder: string): Promise<Pick<WorkReportList, 'reports' | 'notices'>> {
      const rows = await queryAll(deps, {
        attr: 'pk',
        value: keys.workReportPartition(tenant, taskOrder),
      });
      const of = (type: string) => rows.filter((r) => r.type === type);
      const reversed = new Map(
        of(workReportReversedRecord.type)
          .map(workReportReversedRecord.read)
          .map((m) => [m.report, m.reversedBy]),
      );
      const reports = of(workReportRecord.type)
        .map((r) => {
          const rep = workReportRecord.read(r);
          const by = reversed.get(rep.no);
          return by ? { ...rep, reversedBy: by } : rep;
        })
        .sort((a, b) => (a.no < b.no ? -1 : a.no > b.no ? 1 : 0));
      return {
        reports,
        notices: of(workReportNoticeRecord.type)
          .map(workReportNoticeRecord.read)
          .map(({ report, status, at, recipients, error }) => ({
            report,
            status,
            at,
            ...(recipients ? { recipients } : {}),
            ...(error ? { error } : {}),
          })),
      };
    },
  };
}
