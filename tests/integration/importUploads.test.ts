import { readFileSync } from 'node:fs';
import {
  MAX_INLINE_BASE64_CHARS,
  MAX_INLINE_BODY_BYTES,
  MAX_IMPORT_UPLOAD_BYTES,
  type ImportJob,
  type ImportSummary,
  type ImportUpload,
  type Item,
  type Page,
} from '@factory/shared';
import { useImportWait } from '../../functions/src/usecases/importJobs.js';
import { DEMO_FACTORY_FILE } from '../../functions/local/runtime.js';
import { errorOf, startApi, type Api } from './harness.js';
import { idem } from './shopfloorHarness.js';

// Issue 19, point 8: a request body is never larger than a Lambda carries; a large factory
// file is uploaded (presigned POST, the attachments' local blob store under `npm start`) and
// imported from the upload by a job polled for its progress.
let api: Api;
const demoText = () => readFileSync(DEMO_FACTORY_FILE, 'utf8');

beforeAll(async () => {
  api = await startApi();
});
afterAll(() => api.close());

async function startUpload(token: string, size: number) {
  return api.call<ImportUpload>('POST', '/api/imports/uploads', {
    token,
    headers: idem(),
    body: { size },
  });
}

/** The presigned POST as a browser sends it: the fields, then the file part. */
async function postFile(upload: ImportUpload, bytes: Buffer) {
  const form = new FormData();
  for (const [k, v] of Object.entries(upload.fields)) form.append(k, v);
  form.append(
    upload.fileField,
    new Blob([new Uint8Array(bytes)], { type: upload.contentType }),
    'f',
  );
  const res = await fetch(upload.url, { method: 'POST', body: form });
  return res.status;
}

async function upload(token: string, text: string): Promise<string> {
  const bytes = Buffer.from(text, 'utf8');
  const started = await startUpload(token, bytes.length);
  expect(started.status).toBe(201);
  expect(started.body).toMatchObject({ fileField: 'file', contentType: 'application/json' });
  expect(await postFile(started.body, bytes)).toBe(204);
  return started.body.uploadId;
}

describe('inline bodies', () => {
  it('refuses an import body above 5 MB with 413, naming the upload route', async () => {
    const token = await api.token('admin', 'wwupload1');
    const res = await api.call('POST', '/api/imports', {
      token,
      body: { format: 'factory/1', pad: 'x'.repeat(MAX_INLINE_BODY_BYTES) },
    });
    expect(res.status).toBe(413);
    expect(errorOf(res)).toMatchObject({
      code: 'request.tooLarge',
      details: { maxBytes: MAX_INLINE_BODY_BYTES, uploadRoute: 'POST /api/imports/uploads' },
    });
  });

  it('refuses a BOM sheet above 3.5 MB of file naming body.content, below the body limit', async () => {
    const token = await api.token('admin', 'wwupload1');
    const res = await api.call('POST', '/api/boms/FG-1/versions/A/lines-import', {
      token,
      headers: idem(),
      body: {
        format: 'csv',
        content: 'A'.repeat(MAX_INLINE_BASE64_CHARS + 4),
        expectedRevision: 1,
      },
    });
    expect(MAX_INLINE_BASE64_CHARS).toBeLessThan(MAX_INLINE_BODY_BYTES - 64 * 1024);
    expect(res.status).toBe(400);
    const issue = errorOf(res).issues?.find((i) => i.path.join('.') === 'body.content');
    expect(issue?.message).toContain('3.5 MB');
  });

  it('refuses an upload above 32 MB naming body.size', async () => {
    const token = await api.token('admin', 'wwupload1');
    const res = await startUpload(token, MAX_IMPORT_UPLOAD_BYTES + 1);
    expect(res.status).toBe(400);
    expect(errorOf(res).issues?.map((i) => i.path.join('.'))).toEqual(['body.size']);
  });
});

describe('an import from an upload', () => {
  afterEach(() => useImportWait(undefined));

  it('imports the uploaded file like an inline one (201 with the summary)', async () => {
    const token = await api.token('admin', 'wwupload2');
    const id = await upload(token, demoText());
    const res = await api.call<ImportSummary>('POST', `/api/imports/uploads/${id}`, {
      token,
      headers: idem(),
    });
    expect(res.status).toBe(201);
    const demo = JSON.parse(demoText()) as { items: unknown[] };
    expect(res.body.counts.items).toBe(demo.items.length);
    const items = await api.call<Page<Item>>('GET', '/api/items?limit=200', { token });
    expect(items.body.items).toHaveLength(demo.items.length);
    // The upload is done with: importing it again finds nothing.
    const again = await api.call('POST', `/api/imports/uploads/${id}`, { token, headers: idem() });
    expect(again.status).toBe(404);
  });

  it('answers 202 with the job when it outlasts the request, polled until completed', async () => {
    useImportWait(0);
    const token = await api.token('admin', 'wwupload3');
    const id = await upload(token, demoText());
    const accepted = await api.call<ImportJob>('POST', `/api/imports/uploads/${id}`, {
      token,
      headers: idem(),
    });
    expect(accepted.status).toBe(202);
    expect(accepted.body).toMatchObject({ status: 'running', by: 'admin' });
    let job = accepted.body;
    const seen: NonNullable<ImportJob['progress']>[] = [];
    for (let n = 0; job.status === 'running' && n < 400; n++) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      job = (await api.call<ImportJob>('GET', `/api/imports/${job.importId}`, { token })).body;
      if (job.progress) seen.push(job.progress);
    }
    expect(job.status).toBe('completed');
    // Progress, while it ran: records written of all, then the opening stock.
    for (const p of seen) {
      expect(p.done).toBeLessThanOrEqual(p.total);
      expect(['records', 'stock']).toContain(p.phase);
    }
    expect(job.progress).toBeUndefined();
    expect(job.summary!.stockDocument).toMatch(/^RC-/);
  });

  it('refuses a file that is not JSON, or not a factory file, naming file.* and writing nothing', async () => {
    const token = await api.token('admin', 'wwupload4');
    const notJson = await upload(token, '{"format": "factory/1", ');
    const res = await api.call('POST', `/api/imports/uploads/${notJson}`, {
      token,
      headers: idem(),
    });
    expect(res.status).toBe(400);
    expect(errorOf(res).issues?.map((i) => i.path.join('.'))).toEqual(['file']);

    const file = JSON.parse(demoText()) as { items: Record<string, unknown>[] };
    file.items[1]!.safetyStock = 12;
    const bad = await upload(token, JSON.stringify(file));
    const refused = await api.call('POST', `/api/imports/uploads/${bad}`, {
      token,
      headers: idem(),
    });
    expect(refused.status).toBe(400);
    expect(errorOf(refused).issues?.map((i) => i.path.join('.'))).toContain(
      'file.items.1.safetyStock',
    );
    const items = await api.call<Page<Item>>('GET', '/api/items?limit=10', { token });
    expect(items.body.items).toHaveLength(0);
  });

  it("answers 404 for an upload that never came, and for another tenant's", async () => {
    const token = await api.token('admin', 'wwupload5');
    const started = await startUpload(token, 100);
    const never = await api.call('POST', `/api/imports/uploads/${started.body.uploadId}`, {
      token,
      headers: idem(),
    });
    expect(never.status).toBe(404);
    const id = await upload(token, demoText());
    const other = await api.token('admin', 'wwupload6');
    const theirs = await api.call('POST', `/api/imports/uploads/${id}`, {
      token: other,
      headers: idem(),
    });
    expect(theirs.status).toBe(404);
  });
});
