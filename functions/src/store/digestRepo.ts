import { type DigestSubscription, zDigestSubscription } from '@factory/shared';
import type { Deps } from '../deps.js';
import { keys } from './keys.js';
import { declareRecord } from './records.js';
import type { TxItem } from './transact.js';

type Db = Pick<Deps, 'db' | 'tableName'>;

export const digestSubscriptionRecord = /* @__PURE__ */ declareRecord<DigestSubscription, string>({
  type: 'digestSubscription',
  key: (tenant, user) => keys.digestSubscription(tenant, user),
  keys: (tenant, s) => keys.digestSubscription(tenant, s.user),
  storage: { kind: 'json', attribute: 'doc' },
  parse: (fields) => zDigestSubscription.parse(fields),
});

/**
 * The daily digest's subscriptions: one partition per tenant (a few managers each), read
 * whole by the hourly job.
 */
export function digestRepo(deps: Db, tenant: string) {
  return {
    get: (user: string) => digestSubscriptionRecord.get(deps, tenant, user),
    put: (s: DigestSubscription): TxItem => digestSubscriptionRecord.put(deps, tenant, s),
    all: () =>
      digestSubscriptionRecord.queryPartition(deps, {
        attr: 'pk',
        value: keys.digestPartition(tenant),
      }),
  };
}
