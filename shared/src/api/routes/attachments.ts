import * as z from 'zod';
import { ROLES, type Role } from '../../contracts/auth.js';
import {
  MAX_ATTACHMENT_BYTES,
  zAttachmentCreate,
  zAttachmentCreated,
  zAttachmentParams,
  zAttachmentView,
  zLocalDownloadQuery,
} from '../../contracts/attachment.js';
import type { RouteContract } from './common.js';

/** Every employee uploads (receipt photos); who may read one is decided per attachment. */
export const UPLOADERS: readonly Role[] = ROLES;
/** Roles that read every attachment of the tenant (besides the uploader and approvers). */
export const ATTACHMENT_READERS: readonly Role[] = ['cost', 'manager', 'admin'];

/**
 * Attachments (附件, issue 16 deliverable 2; docs/attachments.md): a presigned upload, its
 * completion (the stored bytes checked against the declared type and size), and reading one
 * with a short-lived download link. Served by the office area.
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

/**
 * Local runtime only: what S3 does in AWS. The presigned POST of `attachments.create` points
 * here under `npm start` (a signed token among the form fields), and download links too.
 */
export const attachmentLocalRoutes: readonly RouteContract[] = [
  {
    id: 'attachments.localUpload',
    method: 'POST',
    path: '/api/dev/uploads',
    summary: 'Local runtime only: the presigned multipart POST of an attachment (S3 in AWS)',
    tag: 'attachments',
    auth: 'public',
    text: {
      requestContentType: 'multipart/form-data',
      responseContentType: 'text/plain; charset=utf-8',
      binary: true,
    },
    body: z.string(),
    response: z.string(),
    status: 204,
    // The file and the form's other fields.
    maxBodyBytes: MAX_ATTACHMENT_BYTES + 64 * 1024,
    localOnly: true,
  },
  {
    id: 'attachments.localDownload',
    method: 'GET',
    path: '/api/dev/files/{id}',
    summary: 'Local runtime only: an attachment’s file by its signed link (S3 in AWS)',
    tag: 'attachments',
    auth: 'public',
    params: zAttachmentParams,
    query: zLocalDownloadQuery,
    response: z.string(),
    responseContentType: 'application/octet-stream',
    status: 200,
    localOnly: true,
  },
];
