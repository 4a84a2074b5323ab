import {
  type OutsourcingSettlement,
  type Page,
  alreadyExists,
  zOutsourcingSettlement,
} from '@factory/shared';
import type { Deps } from '../deps.js';
import { keys } from './keys.js';
import { queryAll, queryPage } from './query.js';
import { declareRecord } from './records.js';
import type { TxItem } from './transact.js';

type Db = Pick<Deps, 'db' | 'tableName'>;

/** A settlement (委外结算): one JSON text, with its subcontractor and month beside it. */
export const outsourcingSettlementRecord = /* @__PURE__ */ declareRecord<
  OutsourcingSettlement,
  { no: string }
>({
  type: 'outsourcingSettlement',
  key: (tenant, st) => keys.outsourcingSettlement(tenant, st.no),
  storage: { kind: 'json', attribute: 'doc' },
  extra: (st) => ({ subcontractor: st.subcontractor, month: st.period }),
  parse: (fields) => zOutsourcingSettlement.parse(fields),
});

export function outsourcingSettlementRepo(deps: Db, tenant: string) {
  const partition = { attr: 'pk' as const, value: keys.outsourcingSettlementPartition(tenant) };
  return {
    get: (no: string) => outsourcingSettlementRecord.get(deps, tenant, { no }),

    create(st: OutsourcingSettlement): TxItem {
      return outsourcingSettlementRecord.putNew(deps, tenant, st, () =>
        alreadyExists('outsourcingSettlement', st.no),
      );
    },

    /** By number; by subcontractor and month. */
    list(q: {
      subcontractor?: string;
      month?: string;
      limit: number;
      cursor?: string;
    }): Promise<Page<OutsourcingSettlement>> {
      return queryPage(
        deps,
        {
          partition,
          build: (e) => {
            const filters = [`${e.name('type')} = ${e.value('outsourcingSettlement')}`];
            if (q.subcontractor) {
              filters.push(`${e.name('subcontractor')} = ${e.value(q.subcontractor)}`);
            }
            if (q.month) filters.push(`${e.name('month')} = ${e.value(q.month)}`);
            return { filter: filters.join(' AND ') };
          },
        },
        q,
        outsourcingSettlementRecord.read,
      );
    },

    /** Every settlement of a subcontractor (a statement reads them all). */
    async ofSubcontractor(subcontractor: string): Promise<OutsourcingSettlement[]> {
      const rows = await queryAll(deps, partition);
      return rows
        .filter((r) => r.type === 'outsourcingSettlement' && r.subcontractor === subcontractor)
        .map(outsourcingSettlementRecord.read);
    },
  };
}
