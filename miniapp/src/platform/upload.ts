import Taro from '@tarojs/taro';
import { loadConfig } from './config';
import { IS_H5 } from './env';
import { ApiError, apiRequest, buildUrl } from './request';

/**
 * Photos (receipts) from the phone to the attachment store: choose (camera or album; in H5 a
 * file input), ask the API for an attachment and its presigned upload
 * (`POST /api/attachments`), send the file straight to the store as a multipart POST
 * (`Taro.uploadFile` with the presigned fields), then tell the API it is complete
 * (`POST /api/attachments/{id}/complete`). The pure parts (what a chosen file is, whether the
 * store takes it) are checked before anything is sent.
 */

/**
 * What the store takes (shared/src/contracts/attachment.ts: ATTACHMENT_CONTENT_TYPES,
 * MAX_ATTACHMENT_BYTES; the phone may not load the contracts' runtime, so they are repeated
 * here, and the API checks them again).
 */
export const UPLOAD_TYPES: Record<string, string> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  heic: 'image/heic',
  pdf: 'application/pdf',
};
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

export type ChosenFile = {
  /** A temporary path (weapp) or a blob: URL (H5): also what a thumbnail shows until uploaded. */
  path: string;
  size: number;
  /** H5: the File's own name and MIME type. */
  name?: string;
  type?: string;
};

export type FileDescription = { fileName: string; contentType: string; size: number };

/**
 * A chosen file as the attachments API is asked for it: its name (the File's in H5, the temp
 * path's last part in the mini-program), its type (the File's, else by extension) and size; or
 * why the store will not take it, in the claimant's words.
 */
export function describeFile(
  file: ChosenFile,
  now: () => number = Date.now,
): FileDescription | { problem: string } {
  const base = (file.name || file.path.split(/[\\/]/).pop() || '').split('?')[0] ?? '';
  const ext = /\.([A-Za-z0-9]+)$/.exec(base)?.[1]?.toLowerCase();
  const byExt = ext ? UPLOAD_TYPES[ext] : undefined;
  const typed =
    file.type && Object.values(UPLOAD_TYPES).includes(file.type) ? file.type : undefined;
  const contentType = typed ?? byExt;
  if (!contentType) return { problem: '只能上传 JPEG、PNG、WEBP、HEIC 图片或 PDF 文件' };
  if (file.size <= 0) return { problem: '文件是空的' };
  if (file.size > MAX_UPLOAD_BYTES)
    return { problem: `文件太大：最大 ${MAX_UPLOAD_BYTES / 1024 / 1024} MB` };
  const extOf = Object.entries(UPLOAD_TYPES).find(([, t]) => t === contentType)?.[0] ?? 'bin';
  const fileName = ext && byExt ? safeName(base) : `photo-${now()}.${extOf}`;
  return { fileName, contentType, size: file.size };
}

/** A name the store keeps: at most 100 characters, no path or control characters. */
function safeName(name: string): string {
  const clean = Array.from(name, (ch) =>
    ch.charCodeAt(0) < 32 || '\\/:*?"<>|'.includes(ch) ? '_' : ch,
  ).join('');
  if (clean.length <= 100) return clean;
  const dot = clean.lastIndexOf('.');
  return clean.slice(0, 100 - (clean.length - dot)) + clean.slice(dot);
}

/** The presigned upload the API hands out (shared/src/contracts/attachment.ts). */
export type PresignedUpload = {
  url: string;
  fields: Record<string, string>;
  fileField: string;
  expiresAt: string;
};
export type UploadedAttachment = { id: string; fileName?: string; contentType?: string };

/** The upload's URL as the phone calls it: the API's own path (local store) or the store's. */
export function uploadUrl(apiBaseUrl: string, url: string): string {
  return /^https?:\/\//.test(url) ? url : buildUrl(apiBaseUrl, url);
}

/** Whether the store took the file (S3 answers 204, or 201 / 200 with success_action_status). */
export const uploadAccepted = (statusCode: number): boolean =>
  statusCode >= 200 && statusCode < 300;

/** Up to `count` photos: camera or album in WeCom, a file input in H5. Empty when cancelled. */
export async function choosePhotos(count: number): Promise<ChosenFile[]> {
  let res: Taro.chooseImage.SuccessCallbackResult;
  try {
    res = await Taro.chooseImage({
      count,
      sizeType: ['compressed'],
      sourceType: ['album', 'camera'],
    });
  } catch {
    return []; // cancelled
  }
  return res.tempFiles.map((f) => {
    const file = (f as { originalFileObj?: File }).originalFileObj;
    return {
      path: f.path,
      size: f.size,
      ...(file?.name ? { name: file.name } : {}),
      ...(file?.type ? { type: file.type } : f.type ? { type: f.type } : {}),
    };
  });
}

const UPLOAD_TIMEOUT_MS = 60_000;
/** The promise's answer, or a rejection once `ms` passed without one. */
function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timeout')), ms);
  });
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}

/** One file to the store: create, upload, complete. Throws an ApiError saying what failed. */
export async function uploadFile(file: ChosenFile): Promise<UploadedAttachment> {
  const described = describeFile(file);
  if ('problem' in described) throw new ApiError(422, 'attachment.invalid', described.problem);
  const created = await apiRequest<{ attachment: UploadedAttachment; upload: PresignedUpload }>({
    method: 'POST',
    path: '/api/attachments',
    body: described,
  });
  const config = await loadConfig();
  let statusCode: number;
  try {
    const sending = Taro.uploadFile({
      url: uploadUrl(config.apiBaseUrl, created.upload.url),
      filePath: file.path,
      name: created.upload.fileField || 'file',
      formData: created.upload.fields,
      ...(IS_H5 ? { fileName: described.fileName, withCredentials: false } : {}),
    } as Taro.uploadFile.Option);
    // H5's upload may never settle when the browser refuses to read the photo back.
    const res = await withTimeout(sending, UPLOAD_TIMEOUT_MS);
    statusCode = res.statusCode;
  } catch {
    throw new ApiError(0, 'network.failed', '照片上传失败，请检查网络后重试');
  }
  if (!uploadAccepted(statusCode))
    throw new ApiError(statusCode, 'attachment.uploadFailed', `照片上传失败（${statusCode}）`);
  const id = created.attachment.id;
  await apiRequest({ method: 'POST', path: `/api/attachments/${encodeURIComponent(id)}/complete` });
  return created.attachment;
}

/** A stored attachment's short-lived download URL (for a thumbnail or the full-size view). */
export async function attachmentUrl(id: string): Promise<string> {
  const a = await apiRequest<{ downloadUrl?: string }>({
    method: 'GET',
    path: `/api/attachments/${encodeURIComponent(id)}`,
  });
  if (!a.downloadUrl) throw new ApiError(409, 'attachment.notReady', '照片还未上传完成');
  return uploadUrl((await loadConfig()).apiBaseUrl, a.downloadUrl);
}

/** Shows photos full size, swiping between them (WeCom's viewer; an overlay in H5). */
export function previewPhotos(urls: string[], current: string): void {
  void Taro.previewImage({ urls, current }).catch(() => undefined);
}
