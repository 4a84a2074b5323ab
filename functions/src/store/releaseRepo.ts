import { AppError } from '@factory/shared';
import type { Deps } from '../deps.js';
import { keys, type IndexKey, type Key, type OrderKind } from './keys.js';
import { marking } from './mrpMarks.js';
import type { Reversible } from './reversible.js';

/**
 * What an MRP release writes (usecases/mrp/release.ts), each write with its undo for the
 * release's reversible apply: the documents under new numbers, and a "released" marker per
 * planned order that must not exist yet, so a planned order is released at most once.
 */
export function releaseRepo(deps: Pick<Deps, 'tableName'>, tenant: string) {
  const TableName = deps.tableName;
  return {
    /** A released purchase, task or outsourcing order (`key` from keys.order / taskOrder). */
    document(key: Key & IndexKey, record: Record<string, unknown>): Reversible {
      return {
        apply: {
          Put: {
            TableName,
            Item: { ...key, ...record },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
          // New supply of its items (and demand for a task order's components).
          ...marking(tenant, releasedItems(record)),
        },
        undo: { Delete: { TableName, Key: { pk: key.pk, sk: key.sk } } },
      };
    },

    /** Planned order `plannedOrderId` went into document `no`. */
    released(plannedOrderId: string, no: string, kind: OrderKind, at: string): Reversible {
      return {
        apply: {
          Put: {
            TableName,
            Item: {
              ...keys.mrpReleased(tenant, plannedOrderId),
              type: 'mrpReleased',
              plannedOrderId,
              document: no,
              kind,
              at,
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
          onConditionFailed: () =>
            new AppError('mrp.alreadyReleased', `计划订单 ${plannedOrderId} 已被他人下达`, {
              released: [{ id: plannedOrderId }],
            }),
        },
        undo: { Delete: { TableName, Key: keys.mrpReleased(tenant, plannedOrderId) } },
      };
    },
  };
}

/** The items a released document is supply of or demand for. */
function releasedItems(record: Record<string, unknown>): string[] {
  const itemsOf = (v: unknown) =>
    Array.isArray(v) ? v.map((l) => String((l as { item?: unknown }).item ?? '')) : [];
  return [
    ...(typeof record.item === 'string' ? [record.item] : []),
    ...itemsOf(record.lines),
    ...itemsOf(record.needs),
    ...itemsOf(record.components),
  ];
}
