import {
  AppError,
  MAX_IMPORT_UPLOAD_BYTES,
  type ImportJob,
  type ImportSummary,
  type ImportUpload,
  type ImportUploadCreate,
  type Session,
  toFieldIssues,
  zFactoryFile,
} from '@factory/shared';
import type { Deps } from '../deps.js';
import type { Accepted } from './accepted.js';
import type { CommitHooks } from './hooks.js';
import { resumeImport, startImport } from './importJobs.js';

/** How long a presigned upload of a factory file may be used. */
export const IMPORT_UPLOAD_TTL_SECONDS = 15 * 60;

/**
 * Where an uploaded factory file waits for its import: beside the tenant's attachment files
 * (`t/<tenant>/…`, the same bucket and local folder), under `imports/`.
 */
export function importUploadKey(tenant: string, uploadId: string): string {
  return `t/${tenant}/imports/${uploadId}`;
}

/**
 * A factory file too large to send inline (a Lambda carries 6 MB, issue 19): a presigned
 * multipart POST of at most the declared size (S3 refuses a larger one, or another type), the
 * upload's id to import it by afterwards. Nothing is written to the table.
 */
export async function startImportUpload(
  deps: Deps,
  s: Session,
  input: ImportUploadCreate,
): Promise<ImportUpload> {
  const uploadId = deps.newId();
  const post = await deps.blobStore.presignUpload({
    key: importUploadKey(s.tenant, uploadId),
    contentType: 'application/json',
    maxBytes: input.size,
    expiresInSeconds: IMPORT_UPLOAD_TTL_SECONDS,
  });
  const now = deps.clock.now();
  return {
    uploadId,
    url: post.url,
    fields: post.fields,
    fileField: 'file',
    contentType: 'application/json',
    maxBytes: input.size,
    expiresAt: new Date(now.getTime() + IMPORT_UPLOAD_TTL_SECONDS * 1000).toISOString(),
  };
}

/**
 * Imports an uploaded factory file exactly as POST /api/imports imports one sent inline: the
 * file is read from the store and checked against the same contract (problems named under
 * `file.`), then written by an import job (201 with its summary, or 202 with the job to poll,
 * its progress on the job). The uploaded file is removed once the import has it.
 */
export async function importFromUpload(
  deps: Deps,
  s: Session,
  uploadId: string,
  hooks: CommitHooks<ImportSummary> = {},
): Promise<ImportSummary | Accepted<ImportJob>> {
  // A retry of a request that started its job answers that job (the upload is gone by then).
  const resumed = await resumeImport(deps, s, hooks);
  if (resumed) return resumed;
  const key = importUploadKey(s.tenant, uploadId);
  const size = await deps.blobStore.size(key);
  if (size === undefined) {
    throw new AppError(
      'resource.notFound',
      '上传的文件不存在：请先上传（POST /api/imports/uploads）',
      {
        uploadId,
      },
    );
  }
  if (size > MAX_IMPORT_UPLOAD_BYTES) {
    await deps.blobStore.remove(key);
    throw new AppError('request.tooLarge', '文件超过 32 MB：请拆分后分批导入', {
      field: 'file',
      maxBytes: MAX_IMPORT_UPLOAD_BYTES,
    });
  }
  const text = Buffer.from(await deps.blobStore.firstBytes(key, size)).toString('utf8');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new AppError('request.invalid', '上传的文件不是 JSON', undefined, [
      { path: ['file'], message: '不是有效的 JSON' },
    ]);
  }
  const parsed = zFactoryFile.safeParse(json);
  if (!parsed.success) {
    throw new AppError(
      'request.invalid',
      '请求参数有误',
      undefined,
      toFieldIssues(parsed.error, ['file']),
    );
  }
  const result = await startImport(deps, s, parsed.data, hooks);
  // The job keeps the file in the table: the upload is done with (best effort).
  await deps.blobStore.remove(key).catch(() => undefined);
  return result;
}
