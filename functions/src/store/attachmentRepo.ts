import { type Attachment, alreadyExists, versionConflict, zAttachment } from '@factory/shared';
import type { Deps } from '../deps.js';
import { keys } from './keys.js';
import { declareRecord } from './records.js';
import type { TxItem } from './transact.js';

type Db = Pick<Deps, 'db' | 'tableName'>;

/** An attachment as stored: the record and the version its writes are guarded by. */
export type StoredAttachment = { attachment: Attachment; version: number };

export const attachmentRecord = /* @__PURE__ */ declareRecord<StoredAttachment, string>({
  type: 'attachment',
  key: (tenant, id) => keys.attachment(tenant, id),
  keys: (tenant, a) => keys.attachment(tenant, a.attachment.id),
  attributes: (a) => a.attachment,
  storage: { kind: 'json', attribute: 'doc' },
  extra: (a) => ({ version: a.version, status: a.attachment.status }),
  parse: (fields, raw) => ({ attachment: zAttachment.parse(fields), version: Number(raw.version) }),
});

/**
 * Attachments' metadata (the files are in the blob store, under `t/<tenant>/<id>`): one item
 * per attachment, read by id; each write is guarded by the version read.
 */
export function attachmentRepo(deps: Db, tenant: string) {
  return {
    get: (id: string) => attachmentRecord.get(deps, tenant, id),
    /** A new attachment (`expected` undefined) or one still at the version read. */
    put(attachment: Attachment, expected: number | undefined): TxItem {
      return attachmentRecord.putAt(
        deps,
        tenant,
        { attachment, version: (expected ?? 0) + 1 },
        expected,
        () =>
          expected === undefined
            ? alreadyExists('attachment', attachment.id)
            : versionConflict('attachment', attachment.id, expected),
      );
    },
  };
}

/** Where an attachment's file is kept: per tenant, so no key reaches another tenant's files. */
export function blobKey(tenant: string, id: string): string {
  return `t/${tenant}/${id}`;
}
