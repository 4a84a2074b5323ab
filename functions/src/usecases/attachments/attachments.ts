import { randomBytes } from 'node:crypto';
import {
  AppError,
  ATTACHMENT_READERS,
  type Attachment,
  type AttachmentCreate,
  type AttachmentCreated,
  type AttachmentRef,
  type AttachmentView,
  type FieldIssue,
  type Session,
  MAX_ATTACHMENT_BYTES,
  notFound,
} from '@factory/shared';
import type { Deps } from '../../deps.js';
import { isInvolved } from '../../domain/approval/index.js';
import { MAGIC_BYTES_NEEDED, matchesContentType } from '../../domain/attachments/magic.js';
import { approvalRepo } from '../../store/approvalRepo.js';
import { attachmentRepo, blobKey, type StoredAttachment } from '../../store/attachmentRepo.js';
import { claimRepo } from '../../store/claimRepo.js';
import type { TxItem } from '../../store/transact.js';
import { completing, type CommitHooks } from '../hooks.js';

/** How long a presigned upload may be used. */
export const UPLOAD_TTL_SECONDS = 15 * 60;
/** How long a download link works: long enough to open it, short enough not to be shared. */
export const DOWNLOAD_TTL_SECONDS = 5 * 60;

/** Distinct attachments one document may name (their refs ride in its transaction). */
export const MAX_RECEIPTS_PER_DOCUMENT = 80;

/** A random id: 16 bytes, base64url (22 characters), so ids are neither guessed nor counted. */
const newAttachmentId = () => randomBytes(16).toString('base64url');

/**
 * Starts an upload: a pending attachment and a presigned POST allowing exactly the declared
 * content type and at most the declared size (the blob store's policy refuses anything else).
 */
export async function createAttachment(
  deps: Deps,
  s: Session,
  input: AttachmentCreate,
  hooks: CommitHooks<AttachmentCreated> = {},
): Promise<AttachmentCreated> {
  const now = deps.clock.now();
  const attachment: Attachment = {
    id: newAttachmentId(),
    fileName: input.fileName,
    contentType: input.contentType,
    size: input.size,
    status: 'pending',
    uploadedBy: s.user,
    createdAt: now.toISOString(),
  };
  const post = await deps.blobStore.presignUpload({
    key: blobKey(s.tenant, attachment.id),
    contentType: input.contentType,
    maxBytes: input.size,
    expiresInSeconds: UPLOAD_TTL_SECONDS,
  });
  const created: AttachmentCreated = {
    attachment,
    upload: {
      url: post.url,
      fields: post.fields,
      fileField: 'file',
      expiresAt: new Date(now.getTime() + UPLOAD_TTL_SECONDS * 1000).toISOString(),
    },
  };
  await deps.unitOfWork.commit(
    completing(hooks, created, [attachmentRepo(deps, s.tenant).put(attachment, undefined)]),
  );
  return created;
}

/**
 * The upload is done: the stored file must be there, no larger than declared (nor than 10 MB)
 * and begin as a file of the declared type does; a file that is not is deleted (422), and the
 * attachment stays pending (a new upload may follow). Completing a ready attachment answers it
 * again. Only the uploader completes.
 */
export async function completeAttachment(
  deps: Deps,
  s: Session,
  id: string,
  hooks: CommitHooks<AttachmentView> = {},
): Promise<AttachmentView> {
  const stored = await loadStored(deps, s, id);
  const a = stored.attachment;
  if (a.uploadedBy !== s.user) {
    throw new AppError('auth.forbidden', '只能确认自己上传的附件', { id });
  }
  if (a.status === 'ready') return withDownload(deps, s.tenant, a);
  const key = blobKey(s.tenant, id);
  const size = await deps.blobStore.size(key);
  if (size === undefined) {
    throw new AppError('attachment.notUploaded', '文件尚未上传完成', { id });
  }
  const refuse = async (reason: string, message: string, details: Record<string, unknown>) => {
    await deps.blobStore.remove(key);
    return new AppError('attachment.invalidFile', message, { id, reason, ...details });
  };
  if (size > a.size || size > MAX_ATTACHMENT_BYTES) {
    throw await refuse('tooLarge', `文件大小 ${size} 字节超过声明的 ${a.size} 字节`, {
      size,
      declared: a.size,
    });
  }
  const head = await deps.blobStore.firstBytes(key, MAGIC_BYTES_NEEDED);
  if (!matchesContentType(head, a.contentType)) {
    throw await refuse('typeMismatch', `文件内容不是声明的类型：${a.contentType}`, {
      contentType: a.contentType,
    });
  }
  const ready: Attachment = {
    ...a,
    size,
    status: 'ready',
    completedAt: deps.clock.now().toISOString(),
  };
  const view = await withDownload(deps, s.tenant, ready);
  await deps.unitOfWork.commit(
    completing(hooks, view, [attachmentRepo(deps, s.tenant).put(ready, stored.version)]),
  );
  return view;
}

/**
 * One attachment with a download link, for those who may read it (`mayRead`). Another
 * tenant's id is simply not found: keys are per tenant, so it is not there to be found.
 */
export async function getAttachment(deps: Deps, s: Session, id: string): Promise<AttachmentView> {
  const { attachment } = await loadStored(deps, s, id);
  if (!(await mayRead(deps, s, attachment))) {
    throw new AppError('auth.forbidden', '无权查看此附件', { id });
  }
  return withDownload(deps, s.tenant, attachment);
}

/**
 * Who reads an attachment: its uploader; finance (cost), managers and admins (they read every
 * claim too); and whoever is involved in the approval of a document naming it (an approver
 * of any step, by name or role): the claim's `approvalId` leads to the approval, and the
 * approval says who decides it. A document's refs are written when it is saved with the
 * attachment (`attachmentRefItems`), so only documents that really name it count.
 */
export async function mayRead(deps: Deps, s: Session, a: Attachment): Promise<boolean> {
  if (a.uploadedBy === s.user) return true;
  if (s.roles.some((r) => ATTACHMENT_READERS.includes(r))) return true;
  for (const ref of a.refs ?? []) {
    const approvalId = await approvalOfRef(deps, s.tenant, ref);
    if (approvalId && (await isApprovalInvolved(deps, s, approvalId))) return true;
  }
  return false;
}

async function approvalOfRef(
  deps: Deps,
  tenant: string,
  ref: AttachmentRef,
): Promise<string | undefined> {
  switch (ref.kind) {
    case 'expenseClaim':
      return (await claimRepo(deps, tenant).get(ref.no))?.approvalId;
  }
}

/** Whether the caller is (or was) an approver of the approval, or submitted it. */
export async function isApprovalInvolved(
  deps: Deps,
  s: Session,
  approvalId: string,
): Promise<boolean> {
  const approval = await approvalRepo(deps, s.tenant).get(approvalId);
  return approval !== undefined && isInvolved(approval, { user: s.user, roles: s.roles });
}

async function loadStored(deps: Deps, s: Session, id: string): Promise<StoredAttachment> {
  const stored = await attachmentRepo(deps, s.tenant).get(id);
  if (!stored) throw notFound('attachment', id);
  return stored;
}

async function withDownload(deps: Deps, tenant: string, a: Attachment): Promise<AttachmentView> {
  if (a.status !== 'ready') return a;
  const now = deps.clock.now();
  const downloadUrl = await deps.blobStore.presignDownload({
    key: blobKey(tenant, a.id),
    contentType: a.contentType,
    fileName: a.fileName,
    expiresInSeconds: DOWNLOAD_TTL_SECONDS,
  });
  return {
    ...a,
    downloadUrl,
    downloadExpiresAt: new Date(now.getTime() + DOWNLOAD_TTL_SECONDS * 1000).toISOString(),
  };
}

// ---- documents naming attachments (a claim's receipts) -----------------------------------

/**
 * The attachments a document names, each checked: a ready attachment of the tenant uploaded
 * by the caller; every bad id named at `at` + [line, 'receipts', n]. Answers the attachments
 * (each once) with the versions read, for `attachmentRefItems`.
 */
export async function checkedReceipts(
  deps: Deps,
  s: Session,
  lines: readonly { receipts?: readonly string[] | undefined }[],
  at: (string | number)[],
): Promise<{ issues: FieldIssue[]; attachments: StoredAttachment[] }> {
  const repo = attachmentRepo(deps, s.tenant);
  const found = new Map<string, StoredAttachment | undefined>();
  const issues: FieldIssue[] = [];
  for (const [i, line] of lines.entries()) {
    for (const [n, id] of (line.receipts ?? []).entries()) {
      if (!found.has(id)) found.set(id, await repo.get(id));
      const a = found.get(id)?.attachment;
      const path = [...at, i, 'receipts', n];
      if (!a) issues.push({ path, message: `附件不存在：${id}` });
      else if (a.uploadedBy !== s.user) issues.push({ path, message: `不是本人上传的附件：${id}` });
      else if (a.status !== 'ready') issues.push({ path, message: `附件尚未上传完成：${id}` });
    }
  }
  const attachments = [...found.values()].filter((a): a is StoredAttachment => a !== undefined);
  // Each needs its ref written in the document's transaction (at most 100 items in all).
  if (found.size > MAX_RECEIPTS_PER_DOCUMENT) {
    issues.push({ path: at, message: `一张单据最多 ${MAX_RECEIPTS_PER_DOCUMENT} 个附件` });
  }
  return { issues, attachments };
}

/** Writes the document's ref on each attachment that does not have it yet (version-guarded). */
export function attachmentRefItems(
  deps: Deps,
  tenant: string,
  attachments: readonly StoredAttachment[],
  ref: AttachmentRef,
): TxItem[] {
  const repo = attachmentRepo(deps, tenant);
  return attachments
    .filter(
      ({ attachment: a }) => !(a.refs ?? []).some((r) => r.kind === ref.kind && r.no === ref.no),
    )
    .map(({ attachment: a, version }) =>
      repo.put({ ...a, refs: [...(a.refs ?? []), ref] }, version),
    );
}
