import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Deps } from '../deps.js';
import { keys } from './keys.js';
import type { TxItem } from './transact.js';

type Db = Pick<Deps, 'db' | 'tableName'>;

/** A share link: which document it shows and until when. */
export type ShareRecord = {
  docType: 'purchaseOrder';
  docNo: string;
  validUntil: string;
  createdAt: string;
  createdBy: string;
};

/**
 * Share links by the hash of their secret (keys.share); the table's TTL removes them a while
 * after they expire, but the page checks `validUntil` itself.
 */
export function shareRepo(deps: Db, tenant: string) {
  const TableName = deps.tableName;

  function put(hash: string, share: ShareRecord): TxItem {
    return {
      Put: {
        TableName,
        Item: {
          ...keys.share(tenant, hash),
          type: 'share',
          ...share,
          expiresAt: Math.floor(Date.parse(share.validUntil) / 1000) + 86_400,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    };
  }

  async function get(hash: string): Promise<ShareRecord | undefined> {
    const res = await deps.db.send(new GetCommand({ TableName, Key: keys.share(tenant, hash) }));
    if (!res.Item) return undefined;
    return {
      docType: 'purchaseOrder',
      docNo: String(res.Item.docNo),
      validUntil: String(res.Item.validUntil),
      createdAt: String(res.Item.createdAt),
      createdBy: String(res.Item.createdBy),
    };
  }

  return { put, get };
}
