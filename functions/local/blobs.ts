import { createWriteStream } from 'node:fs';
import { mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import busboy from 'busboy';
import { MAX_ATTACHMENT_BYTES, MAX_IMPORT_UPLOAD_BYTES } from '@factory/shared';
import type { BlobStore } from '../src/usecases/ports.js';
import type { Site } from './gateway.js';
import { sendJson } from './httpServer.js';
import {
  signDownload,
  signPolicy,
  verifyDownload,
  verifyPolicy,
  type UploadPolicy,
} from './uploadToken.js';

/** Where the local gateway takes uploads and serves downloads (S3's part in AWS). */
export const BLOBS_PREFIX = '/local-blobs';
const UPLOAD_PATH = `${BLOBS_PREFIX}/upload`;
/** Keys are `t/<tenant>/<id>`: nothing else is written or read (no path outside the folder). */
// Attachment files (`t/<tenant>/<id>`) and uploaded factory files (`t/<tenant>/imports/<id>`).
const KEY_PATTERN = /^t\/[A-Za-z0-9._-]+\/(imports\/)?[A-Za-z0-9_-]{16,64}$/;

export type LocalBlobsOptions = {
  /** The folder holding the files (`<dataDir>/attachments`, or a temporary one). */
  dir: string;
  /** Signs upload policies and download links. */
  secret: string;
  /** The business clock: policies and links expire by it, as presigned URLs do by AWS's. */
  now: () => Date;
  /** The gateway's URL (known once it listens). */
  baseUrl: () => string;
};

export type LocalBlobs = {
  store: BlobStore;
  /** The gateway's part: the presigned POST and the download links. */
  site: Site;
  dir: string;
  /** Tests: an upload policy's form fields as the runtime would sign them (an expired one). */
  uploadFields(policy: UploadPolicy): Record<string, string>;
};

/**
 * Attachment files under `npm start` and in tests: a folder on this machine, behind the same
 * protocol as S3's presigned POST (a multipart form whose signed policy fixes the key, the
 * content type and the size range, the file part last) and presigned GET (a signed link that
 * expires). What S3 refuses, this refuses: a forged or expired policy, a field changed, a
 * file larger than the policy allows, another content type.
 */
export function localBlobs(o: LocalBlobsOptions): LocalBlobs {
  const pathOf = (key: string) => {
    if (!KEY_PATTERN.test(key)) throw new Error(`not an attachment key: ${key}`);
    return join(o.dir, ...key.split('/'));
  };
  const uploadFields = (policy: UploadPolicy) => {
    const signed = signPolicy(o.secret, policy);
    return {
      key: policy.key,
      'Content-Type': policy.contentType,
      policy: signed.policy,
      'x-signature': signed.signature,
    };
  };

  const store: BlobStore = {
    async presignUpload({ key, contentType, maxBytes, expiresInSeconds }) {
      const exp = o.now().getTime() + expiresInSeconds * 1000;
      return {
        url: `${o.baseUrl()}${UPLOAD_PATH}`,
        fields: uploadFields({ key, contentType, maxBytes, exp }),
      };
    },
    async size(key) {
      try {
        return (await stat(pathOf(key))).size;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw err;
      }
    },
    async firstBytes(key, bytes) {
      const file = await open(pathOf(key), 'r');
      try {
        const buffer = Buffer.alloc(bytes);
        const { bytesRead } = await file.read(buffer, 0, bytes, 0);
        return new Uint8Array(buffer.subarray(0, bytesRead));
      } finally {
        await file.close();
      }
    },
    async remove(key) {
      await rm(pathOf(key), { force: true });
    },
    async presignDownload({ key, contentType, fileName, expiresInSeconds }) {
      const exp = o.now().getTime() + expiresInSeconds * 1000;
      const sig = signDownload(o.secret, { key, contentType, fileName, exp });
      const query = new URLSearchParams({
        type: contentType,
        name: fileName,
        exp: String(exp),
        sig,
      });
      return `${o.baseUrl()}${BLOBS_PREFIX}/${key}?${query}`;
    },
  };

  const site: Site = async (req, res, url) => {
    if (!url.pathname.startsWith(`${BLOBS_PREFIX}/`)) return false;
    const method = (req.method ?? 'GET').toUpperCase();
    if (method === 'OPTIONS') return false; // the gateway's CORS preflight
    if (url.pathname === UPLOAD_PATH && method === 'POST') {
      await receive(req, res);
      return true;
    }
    if (method === 'GET') {
      await serveFile(req, res, url);
      return true;
    }
    req.resume();
    refuse(res, 405, 'MethodNotAllowed', '不支持的请求方法');
    return true;
  };

  /** The presigned POST: fields first (checked against the signed policy), the file last. */
  async function receive(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const fields: Record<string, string> = {};
    let outcome: { status: number; code: string; message: string } | undefined;
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        limits: {
          files: 1,
          fields: 20,
          fileSize: Math.max(MAX_ATTACHMENT_BYTES, MAX_IMPORT_UPLOAD_BYTES) + 1,
        },
      });
    } catch {
      req.resume();
      return refuse(res, 400, 'MalformedPOSTRequest', '请求不是 multipart/form-data');
    }
    const written: Promise<void>[] = [];
    parser.on('field', (name, value) => {
      fields[name] = value;
    });
    parser.on('file', (name, file) => {
      const check = checkFields(name, fields);
      if (!check.ok) {
        outcome ??= check.error;
        file.resume();
        return;
      }
      const { policy } = check;
      const target = pathOf(policy.key);
      const partial = `${target}.part`;
      let size = 0;
      let tooLarge = false;
      written.push(
        (async () => {
          await mkdir(dirname(target), { recursive: true });
          // Counted as it is written; past the policy's cap nothing more is kept.
          await pipeline(
            file,
            async function* (chunks: AsyncIterable<Buffer>) {
              for await (const chunk of chunks) {
                size += chunk.length;
                if (size > policy.maxBytes) tooLarge = true;
                if (!tooLarge) yield chunk;
              }
            },
            createWriteStream(partial),
          );
          if (tooLarge || size === 0) {
            await rm(partial, { force: true });
            outcome ??= tooLarge
              ? { status: 400, code: 'EntityTooLarge', message: '文件超过允许的大小' }
              : { status: 400, code: 'EntityTooSmall', message: '文件为空' };
            return;
          }
          await rename(partial, target);
          outcome ??= { status: 204, code: 'ok', message: '' };
        })(),
      );
    });
    try {
      await pipeline(req, parser);
      await Promise.all(written);
    } catch {
      outcome = { status: 400, code: 'MalformedPOSTRequest', message: '上传的表单不完整' };
    }
    outcome ??= { status: 400, code: 'MissingFile', message: '表单中没有文件（file）' };
    if (outcome.status === 204) {
      res.writeHead(204, { 'access-control-allow-origin': '*' });
      res.end();
      return;
    }
    refuse(res, outcome.status, outcome.code, outcome.message);
  }

  type FieldCheck =
    | { ok: true; policy: UploadPolicy }
    | { ok: false; error: { status: number; code: string; message: string } };

  /** As S3: the signed policy holds, and every field it fixes was sent as it says. */
  function checkFields(fileField: string, fields: Record<string, string>): FieldCheck {
    const denied = (message: string): FieldCheck => ({
      ok: false,
      error: { status: 403, code: 'AccessDenied', message },
    });
    if (fileField !== 'file') {
      return {
        ok: false,
        error: { status: 400, code: 'MissingFile', message: '文件字段应为 file' },
      };
    }
    const check = verifyPolicy(o.secret, fields.policy, fields['x-signature'], o.now().getTime());
    if (!check.ok) return denied(check.reason === 'expired' ? '上传链接已过期' : '上传签名无效');
    const { policy } = check;
    if (fields.key !== policy.key || !KEY_PATTERN.test(policy.key)) return denied('key 与签名不符');
    if (fields['Content-Type'] !== policy.contentType) return denied('Content-Type 与签名不符');
    return { ok: true, policy };
  }

  /** A download link: the signature names the file and how it is served, until it expires. */
  async function serveFile(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    req.resume();
    const key = decodeURIComponent(url.pathname.slice(BLOBS_PREFIX.length + 1));
    const q = url.searchParams;
    const grant = {
      key,
      contentType: q.get('type') ?? '',
      fileName: q.get('name') ?? '',
      exp: Number(q.get('exp')),
    };
    const verdict = KEY_PATTERN.test(key)
      ? verifyDownload(o.secret, grant, q.get('sig') ?? '', o.now().getTime())
      : 'forged';
    if (verdict !== 'ok') {
      return refuse(res, 403, 'AccessDenied', verdict === 'expired' ? '链接已过期' : '链接无效');
    }
    let data: Buffer;
    try {
      data = await readFile(pathOf(key));
    } catch {
      return refuse(res, 404, 'NoSuchKey', '文件不存在');
    }
    res.writeHead(200, {
      'access-control-allow-origin': '*',
      'content-type': grant.contentType,
      'content-length': String(data.length),
      'content-disposition': `inline; filename*=UTF-8''${encodeURIComponent(grant.fileName)}`,
      'x-content-type-options': 'nosniff',
      'cache-control': 'private, max-age=300',
    });
    res.end(data);
  }

  return { store, site, dir: o.dir, uploadFields };
}

function refuse(res: ServerResponse, status: number, code: string, message: string): void {
  if (res.headersSent) return;
  sendJson(res, status, { error: { code, message } }, { 'access-control-allow-origin': '*' });
}
