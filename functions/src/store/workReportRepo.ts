import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { AppError, type WorkReport, type WorkReportList } from '@factory/shared';
import type { Deps } from '../deps.js';
import { keys } from './keys.js';
import { queryAll } from './query.js';
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

/**
 * Work reports (报工) in their task order's partition (`R#<no>`), the owner index from a
 * report number to its order, the marker that a report was reversed (`REV#<no>`) and the
 * completion notices (`NOTICE#<no>`).
 */
export function workReportRepo(deps: Pick<Deps, 'db' | 'tableName'>, tenant: string) {
  const TableName = deps.tableName;

  async function get(key: { pk: string; sk: string }) {
    const res = await deps.db.send(new GetCommand({ TableName, Key: key, ConsistentRead: true }));
    return res.Item;
  }

  return {
    /** The task order a report belongs to (undefined: no such report). */
    async orderOf(no: string): Promise<string | undefined> {
      const owner = await get(keys.workReportOwner(tenant, no));
      return owner ? String(owner.taskOrder) : undefined;
    },

    async get(taskOrder: string, no: string): Promise<WorkReport | undefined> {
      const raw = await get(keys.workReport(tenant, taskOrder, no));
      return raw ? toReport(raw) : undefined;
    },

    /** The report and its owner entry, each written once. */
    createItems(report: WorkReport): TxItem[] {
      return [
        {
          Put: {
            TableName,
            Item: {
              ...keys.workReport(tenant, report.taskOrder, report.no),
              type: 'workReport',
              ...report,
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        {
          Put: {
            TableName,
            Item: {
              ...keys.workReportOwner(tenant, report.no),
              type: 'workReportOwner',
              taskOrder: report.taskOrder,
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
      ];
    },

    /** The marker that `no` was reversed by `reversalNo`: a report is reversed at most once. */
    reversedMarker(taskOrder: string, no: string, reversalNo: string): TxItem {
      return {
        Put: {
          TableName,
          Item: {
            ...keys.workReportReversed(tenant, taskOrder, no),
            type: 'workReportReversed',
            report: no,
            reversedBy: reversalNo,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
        onConditionFailed: () =>
          new AppError('workReport.alreadyReversed', `报工单 ${no} 已被冲销`, { no }),
      };
    },

    /** The notice's record, to write with the report or with the outbox's outcome. */
    noticeItem(n: WorkReportNotice): TxItem {
      return {
        Put: {
          TableName,
          Item: {
            ...keys.workReportNotice(tenant, n.taskOrder, n.report),
            type: 'workReportNotice',
            ...n,
          },
        },
      };
    },

    /** A task order's reports (each with the report that reversed it), sorted, and notices. */
    async list(taskOrder: string): Promise<Pick<WorkReportList, 'reports' | 'notices'>> {
      const rows = await queryAll(deps, {
        attr: 'pk',
        value: keys.workReportPartition(tenant, taskOrder),
      });
      const reversed = new Map<string, string>();
      for (const r of rows)
        if (r.type === 'workReportReversed') reversed.set(String(r.report), String(r.reversedBy));
      const reports = rows
        .filter((r) => r.type === 'workReport')
        .map((r) => {
          const rep = toReport(r);
          const by = reversed.get(rep.no);
          return by ? { ...rep, reversedBy: by } : rep;
        })
        .sort((a, b) => (a.no < b.no ? -1 : a.no > b.no ? 1 : 0));
      return {
        reports,
        notices: rows
          .filter((r) => r.type === 'workReportNotice')
          .map((r) => ({
            report: String(r.report),
            status: String(r.status) as WorkReportNotice['status'],
            at: String(r.at),
            ...(Array.isArray(r.recipients) ? { recipients: r.recipients.map(String) } : {}),
            ...(r.error ? { error: String(r.error) } : {}),
          })),
      };
    },
  };
}

function toReport(r: Record<string, unknown>): WorkReport {
  const opt = (k: string) => (r[k] !== undefined && r[k] !== null ? { [k]: String(r[k]) } : {});
  return {
    no: String(r.no),
    taskOrder: String(r.taskOrder),
    date: String(r.date),
    good: String(r.good),
    scrap: String(r.scrap),
    hours: String(r.hours),
    worker: String(r.worker),
    ...opt('operation'),
    ...opt('note'),
    ...(r.overrun ? { overrun: true } : {}),
    ...opt('reverses'),
    createdAt: String(r.createdAt),
    createdBy: String(r.createdBy),
  };
}
