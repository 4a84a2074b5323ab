import * as z from 'zod';
import { zCode } from './common.js';

/**
 * Attachments (附件, issue 16 deliverable 2; docs/attachments.md): receipt photos and files an
 * employee uploads from the phone, then names in a document (an expense claim's `receipts`).
 *
 * The file itself never passes through the API: `POST /api/attachments` answers a presigned
 * POST (a multipart form, as `Taro.uploadFile` sends it: `formData: upload.fields`, the file
 * part named `upload.fileField`), then `POST /api/attachments/{id}/complete` checks what
 * arrived (size, the first bytes against the declared type) and marks the attachment `ready`.
 */

export const ATTACHMENT_CONTENT_TYPES = [
  'image/jpeg',
  'image/png',
  'image/webp',
  'image/heic',
  'application/pdf',
] as const;
export const zAttachmentContentType = z.enum(ATTACHMENT_CONTENT_TYPES, {
  message: '只能上传 JPEG、PNG、WEBP、HEIC 图片或 PDF 文件',
});
export type AttachmentContentType = z.infer<typeof zAttachmentContentType>;

/** The largest file: 10 MB. */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

/** An attachment id: random, URL-safe (base64url of 16 random bytes is 22 characters). */
export const zAttachmentId = z
  .string()
  .regex(/^[A-Za-z0-9_-]{16,64}$/, { message: '附件编号格式不正确' });

export const zAttachmentCreate = z.strictObject({
  /** The file's name as the phone shows it (kept for display and downloads). */
  fileName: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .refine((v) => !/[/\\]/.test(v) && ![...v].some((c) => c.charCodeAt(0) < 32), {
      message: '文件名不能包含 / \\ 或控制字符',
    }),
  contentType: zAttachmentContentType,
  /** The file's size in bytes: 1 byte to 10 MB. */
  size: z
    .number()
    .int()
    .min(1, { message: '文件不能为空' })
    .max(MAX_ATTACHMENT_BYTES, { message: '文件最大 10 MB' }),
});
export type AttachmentCreate = z.infer<typeof zAttachmentCreate>;

export const ATTACHMENT_STATUSES = ['pending', 'ready'] as const;
export const zAttachmentStatus = z.enum(ATTACHMENT_STATUSES);
export type AttachmentStatus = z.infer<typeof zAttachmentStatus>;

/** A document that names the attachment (written when the document is saved with it). */
export const zAttachmentRef = z.strictObject({
  kind: z.enum(['expenseClaim']),
  no: zCode,
});
export type AttachmentRef = z.infer<typeof zAttachmentRef>;

export const zAttachment = z.strictObject({
  id: zAttachmentId,
  fileName: z.string(),
  contentType: zAttachmentContentType,
  /** Declared at creation; once ready, the size of the stored file. */
  size: z.number().int(),
  status: zAttachmentStatus,
  uploadedBy: z.string(),
  createdAt: z.string(),
  completedAt: z.string().optional(),
  refs: z.array(zAttachmentRef).optional(),
});
export type Attachment = z.infer<typeof zAttachment>;

/** How to send the file: a presigned multipart POST. */
export const zAttachmentUpload = z.strictObject({
  url: z.string(),
  /** Form fields to send as they are, before the file part. */
  fields: z.record(z.string(), z.string()),
  /** The name of the file part of the form. */
  fileField: z.literal('file'),
  /** After this the upload is refused: ask for a new one. */
  expiresAt: z.string(),
});
export type AttachmentUpload = z.infer<typeof zAttachmentUpload>;

export const zAttachmentCreated = z.strictObject({
  attachment: zAttachment,
  upload: zAttachmentUpload,
});
export type AttachmentCreated = z.infer<typeof zAttachmentCreated>;

/** One attachment with a short-lived link to its file (once ready). */
export const zAttachmentView = zAttachment.extend({
  downloadUrl: z.string().optional(),
  downloadExpiresAt: z.string().optional(),
});
export type AttachmentView = z.infer<typeof zAttachmentView>;

export const zAttachmentParams = z.strictObject({ id: zAttachmentId });
export type AttachmentParams = z.infer<typeof zAttachmentParams>;
