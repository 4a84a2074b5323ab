import type { AttachmentCreated, AttachmentView } from '@factory/shared';
import type { Api } from './harness.js';
import { idem } from './shopfloorHarness.js';

/** A real 1×1 PNG and a minimal JPEG: their first bytes are what the type check reads. */
export const PNG_BYTES = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
export const JPEG_BYTES = Buffer.from(
  '/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxA=',
  'base64',
);

export type UploadFile = { fileName: string; contentType: string; bytes: Buffer; size?: number };

/** `POST /api/attachments`: a pending attachment and its presigned POST. */
export async function startUpload(api: Api, token: string, f: UploadFile) {
  return api.call<AttachmentCreated>('POST', '/api/attachments', {
    token,
    headers: idem(),
    body: { fileName: f.fileName, contentType: f.contentType, size: f.size ?? f.bytes.length },
  });
}

/**
 * The presigned POST as the mini-program's `Taro.uploadFile` sends it: a multipart form of the
 * upload's fields, then the file part named `fileField`.
 */
export async function postFile(
  upload: AttachmentCreated['upload'],
  bytes: Buffer,
  contentType: string,
  fields: Record<string, string> = upload.fields,
): Promise<{ status: number; body: string }> {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  form.append(upload.fileField, new Blob([new Uint8Array(bytes)], { type: contentType }), 'f');
  const res = await fetch(upload.url, { method: 'POST', body: form });
  return { status: res.status, body: await res.text() };
}

export async function completeUpload(api: Api, token: string, id: string) {
  return api.call<AttachmentView>('POST', `/api/attachments/${id}/complete`, {
    token,
    headers: idem(),
  });
}

/** Upload, send the file, complete: the ready attachment's id (throws on any failure). */
export async function uploadAttachment(api: Api, token: string, f: UploadFile): Promise<string> {
  const started = await startUpload(api, token, f);
  if (started.status !== 201) throw new Error(`upload: ${JSON.stringify(started.body)}`);
  const sent = await postFile(started.body.upload, f.bytes, f.contentType);
  if (sent.status !== 204) throw new Error(`file: ${sent.status} ${sent.body}`);
  const done = await completeUpload(api, token, started.body.attachment.id);
  if (done.status !== 200) throw new Error(`complete: ${JSON.stringify(done.body)}`);
  return started.body.attachment.id;
}
