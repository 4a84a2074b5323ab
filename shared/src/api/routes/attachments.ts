import { ROLES, type Role } from '../../contracts/auth.js';
import {
  zAttachmentCreate,
  zAttachmentCreated,
  zAttachmentParams,
  zAttachmentView,
} from '../../contracts/attachment.js';
import type { RouteContract } from './common.js';

/** Every employee uploads (receipt photos); who may read one is decided per attachment. */
export const UPLOADERS: readonly Role[] = ROLES;
/** Roles that read every attachment of the tenant (besides the uploader and approvers). */
export const ATTACHMENT_READERS: readonly Role[] = ['cost', 'manager', 'admin'];

/**
 * Attachments (附件, issue 16 deliverable 2; docs/attachments.md): a presigned upload, its
 * completion (the stored bytes checked against the declared type and size), and reading one
 * with a short-lived download link. Served by the office area. Under `npm start` and in tests
 * the presigned POST and the download links point at the local gateway, which keeps the files
 * in a folder (functions/local/blobs.ts) and checks the same things S3 checks.
 */
export const attachmentRoutes: readonly RouteContract[] = [
  {
    id: 'attachments.create',
    method: 'POST',
    path: '/api/attachments',
    summary:
      'Start an upload: file name, content type (JPEG/PNG/WEBP/HEIC/PDF), size (≤10 MB) → a pending attachment and a presigned multipart POST (formData: fields, file part "file")',
    tag: 'attachments',
    auth: UPLOADERS,
    body: zAttachmentCreate,
    response: zAttachmentCreated,
    status: 201,
  },
  {
    id: 'attachments.complete',
    method: 'POST',
    path: '/api/attachments/{id}/complete',
    summary:
      'The upload is done: checks the stored file (size, first bytes against the type; else 422 and the file deleted) and marks it ready. Idempotent',
    tag: 'attachments',
    auth: UPLOADERS,
    params: zAttachmentParams,
    response: zAttachmentView,
    status: 200,
  },
  {
    id: 'attachments.get',
    method: 'GET',
    path: '/api/attachments/{id}',
    summary:
      'One attachment with a download link valid ~5 minutes: for its uploader, finance (cost), managers, admins and the approvers of a document naming it',
    tag: 'attachments',
    auth: UPLOADERS,
    params: zAttachmentParams,
    response: zAttachmentView,
    status: 200,
  },
];
