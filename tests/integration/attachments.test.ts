import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ApprovalRules, AttachmentView, ExpenseClaim } from '@factory/shared';
import { useApprovalNotifier } from '../../functions/src/deps.js';
import { errorOf, startApi, type Api } from './harness.js';
import {
  completeUpload,
  JPEG_BYTES,
  PNG_BYTES,
  postFile,
  startUpload,
  uploadAttachment,
} from './attachmentHarness.js';
import { recordingNotifier, seedUsers } from './salesHarness.js';
import { idem } from './shopfloorHarness.js';

/**
 * Attachments over the local runtime (issue 16, deliverable 2): a presigned multipart POST to
 * the gateway's stand-in for S3, completion checking the stored bytes, a short-lived download
 * link; what is refused (too large, wrong type, forged or expired uploads, early completion),
 * who reads an attachment, and another tenant's ids found nowhere.
 */
const T = 'wwatt01';
const OTHER_T = 'wwatt02';
let api: Api;
let worker: string; // 陈杰: uploads receipts
let other: string; // 王强: another employee
let cost: string; // 孙丽: finance
let supervisor: string; // 刘洋: an approver of claims (by the rules below), no reader of all
let stranger: string; // the other tenant's admin

beforeAll(async () => {
  api = await startApi();
  await seedUsers(T);
  await seedUsers(OTHER_T);
  [worker, other, cost, supervisor, stranger] = await Promise.all([
    api.token('chenjie', T),
    api.token('wangqiang', T),
    api.token('sunli', T),
    api.token('liuyang', T),
    api.token('admin', OTHER_T),
  ]);
  useApprovalNotifier(recordingNotifier().notifier);
});
afterAll(async () => {
  useApprovalNotifier(undefined);
  await api.close();
});

const get = (id: string, token: string) =>
  api.call<AttachmentView>('GET', `/api/attachments/${id}`, { token });

describe('upload, complete, download', () => {
  it('a receipt photo goes up by the presigned POST, is checked, and comes back by its link', async () => {
    const started = await startUpload(api, worker, {
      fileName: '发票.png',
      contentType: 'image/png',
      bytes: PNG_BYTES,
    });
    expect(started.status).toBe(201);
    const { attachment, upload } = started.body;
    expect(attachment).toMatchObject({
      fileName: '发票.png',
      contentType: 'image/png',
      size: PNG_BYTES.length,
      status: 'pending',
      uploadedBy: 'chenjie',
    });
    // On the business clock (2026-12-01, tests/testClock.ts).
    expect(attachment.createdAt.startsWith('2026-12-01T00:')).toBe(true);
    expect(upload.fileField).toBe('file');
    expect(upload.fields).toMatchObject({ 'Content-Type': 'image/png' });
    expect(upload.fields.key).toBe(`t/${T}/${attachment.id}`);
    expect((await get(attachment.id, worker)).body).not.toHaveProperty('downloadUrl');

    expect((await postFile(upload, PNG_BYTES, 'image/png')).status).toBe(204);
    const done = await completeUpload(api, worker, attachment.id);
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: 'ready', size: PNG_BYTES.length });
    // Completing again answers the same attachment (a retry of the phone).
    const again = await completeUpload(api, worker, attachment.id);
    expect(again.status).toBe(200);
    expect(again.body.status).toBe('ready');

    const read = await get(attachment.id, worker);
    expect(read.status).toBe(200);
    const file = await fetch(read.body.downloadUrl!);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await file.arrayBuffer()).equals(PNG_BYTES)).toBe(true);
    // The link is signed: changing what it names is refused.
    const tampered = read.body.downloadUrl!.replace('image%2Fpng', 'text%2Fhtml');
    expect((await fetch(tampered)).status).toBe(403);
  });

  it('refuses a declared size above 10 MB and a type not accepted, naming the field', async () => {
    const big = await startUpload(api, worker, {
      fileName: 'big.jpg',
      contentType: 'image/jpeg',
      bytes: JPEG_BYTES,
      size: 10 * 1024 * 1024 + 1,
    });
    expect(big.status).toBe(400);
    expect(errorOf(big).issues?.map((i) => i.path.join('.'))).toEqual(['body.size']);
    const exe = await startUpload(api, worker, {
      fileName: 'a.exe',
      contentType: 'application/octet-stream',
      bytes: JPEG_BYTES,
    });
    expect(exe.status).toBe(400);
    expect(errorOf(exe).issues?.map((i) => i.path.join('.'))).toEqual(['body.contentType']);
  });

  it('refuses a file larger than declared at the upload, and nothing is stored', async () => {
    const started = await startUpload(api, worker, {
      fileName: 'a.png',
      contentType: 'image/png',
      bytes: PNG_BYTES,
      size: 10,
    });
    const sent = await postFile(started.body.upload, PNG_BYTES, 'image/png');
    expect(sent.status).toBe(400);
    expect(sent.body).toContain('EntityTooLarge');
    const early = await completeUpload(api, worker, started.body.attachment.id);
    expect(early.status).toBe(409);
    expect(errorOf(early).code).toBe('attachment.notUploaded');
  });

  it('refuses bytes that are not the declared type at completion, and deletes the file', async () => {
    const html = Buffer.from('<html><script>alert(1)</script></html>');
    const started = await startUpload(api, worker, {
      fileName: 'receipt.jpg',
      contentType: 'image/jpeg',
      bytes: html,
    });
    const { attachment, upload } = started.body;
    expect((await postFile(upload, html, 'image/jpeg')).status).toBe(204);
    const path = join(api.runtime.blobs.dir, 't', T, attachment.id);
    expect(existsSync(path)).toBe(true);
    const done = await completeUpload(api, worker, attachment.id);
    expect(done.status).toBe(422);
    expect(errorOf(done)).toMatchObject({
      code: 'attachment.invalidFile',
      details: { reason: 'typeMismatch' },
    });
    expect(existsSync(path)).toBe(false);
    expect((await get(attachment.id, worker)).body.status).toBe('pending');
  });

  it('refuses a forged upload (a field changed, a made-up signature) and an expired one', async () => {
    const started = await startUpload(api, worker, {
      fileName: 'a.png',
      contentType: 'image/png',
      bytes: PNG_BYTES,
    });
    const { attachment, upload } = started.body;
    // Another key (another tenant's folder) under the same signature.
    const moved = { ...upload.fields, key: `t/${OTHER_T}/${attachment.id}` };
    expect((await postFile(upload, PNG_BYTES, 'image/png', moved)).status).toBe(403);
    const retyped = { ...upload.fields, 'Content-Type': 'application/pdf' };
    expect((await postFile(upload, PNG_BYTES, 'image/png', retyped)).status).toBe(403);
    const madeUp = { ...upload.fields, 'x-signature': 'AAAA' };
    expect((await postFile(upload, PNG_BYTES, 'image/png', madeUp)).status).toBe(403);
    // Signed by the runtime, but expired a second ago by the business clock.
    const expired = api.runtime.blobs.uploadFields({
      key: upload.fields.key!,
      contentType: 'image/png',
      maxBytes: PNG_BYTES.length,
      exp: api.runtime.clock.now().getTime() - 1000,
    });
    const late = await postFile(upload, PNG_BYTES, 'image/png', expired);
    expect(late.status).toBe(403);
    expect(late.body).toContain('过期');
    expect((await completeUpload(api, worker, attachment.id)).status).toBe(409);
    // The real fields still work.
    expect((await postFile(upload, PNG_BYTES, 'image/png')).status).toBe(204);
    expect((await completeUpload(api, worker, attachment.id)).status).toBe(200);
  });
});

describe('who reads an attachment', () => {
  let id: string;
  let claim: ExpenseClaim;

  beforeAll(async () => {
    id = await uploadAttachment(api, worker, {
      fileName: 'taxi.jpg',
      contentType: 'image/jpeg',
      bytes: JPEG_BYTES,
    });
    // Claims: a supervisor (no reader of every claim) approves them.
    const admin = await api.token('admin', T);
    const rules = await api.call<ApprovalRules>('GET', '/api/approval-rules', { token: admin });
    const put = await api.call('PUT', '/api/approval-rules', {
      token: admin,
      headers: idem(),
      body: {
        rules: {
          ...rules.body.rules,
          expenseClaim: { steps: [{ name: '主管审核', users: ['liuyang'], roles: [] }] },
        },
        expectedVersion: rules.body.version,
      },
    });
    expect(put.status).toBe(200);
    await api.call('PUT', '/api/expense-categories/TRAVEL', {
      token: cost,
      headers: idem(),
      body: { name: '差旅', periodExpense: true, receiptRequired: true },
    });
  });

  it('the uploader and finance read it; another employee does not, nor does the supervisor yet', async () => {
    expect((await get(id, worker)).status).toBe(200);
    expect((await get(id, cost)).status).toBe(200);
    const theirs = await get(id, other);
    expect(theirs.status).toBe(403);
    expect(theirs.body).not.toHaveProperty('downloadUrl');
    expect((await get(id, supervisor)).status).toBe(403);
    // Nor may another employee complete it.
    expect((await completeUpload(api, other, id)).status).toBe(403);
  });

  it('another employee cannot name it in their claim', async () => {
    const res = await api.call('POST', '/api/expense-claims', {
      token: other,
      headers: idem(),
      body: { lines: [{ category: 'TRAVEL', amount: '30', date: '2026-11-30', receipts: [id] }] },
    });
    expect(res.status).toBe(400);
    expect(errorOf(res).issues?.map((i) => i.path.join('.'))).toEqual(['body.lines.0.receipts.0']);
  });

  it('the approver of a claim naming it reads the claim and the attachment', async () => {
    const created = await api.call<ExpenseClaim>('POST', '/api/expense-claims', {
      token: worker,
      headers: idem(),
      body: { lines: [{ category: 'TRAVEL', amount: '30', date: '2026-11-30', receipts: [id] }] },
    });
    expect(created.status).toBe(201);
    expect((await get(id, worker)).body.refs).toEqual([
      { kind: 'expenseClaim', no: created.body.no },
    ]);
    // Saved, not submitted: no approval yet, so not the supervisor's to read.
    expect((await get(id, supervisor)).status).toBe(403);
    const submitted = await api.call<ExpenseClaim>(
      'POST',
      `/api/expense-claims/${created.body.no}/submit`,
      { token: worker, headers: idem(), body: {} },
    );
    expect(submitted.body.status).toBe('pending');
    claim = submitted.body;
    const read = await api.call<ExpenseClaim>('GET', `/api/expense-claims/${claim.no}`, {
      token: supervisor,
    });
    expect(read.status).toBe(200);
    expect(read.body.lines[0]!.receipts).toEqual([id]);
    const att = await get(id, supervisor);
    expect(att.status).toBe(200);
    expect((await fetch(att.body.downloadUrl!)).status).toBe(200);
    // Another employee still reads neither.
    expect(
      (await api.call('GET', `/api/expense-claims/${claim.no}`, { token: other })).status,
    ).toBe(403);
    expect((await get(id, other)).status).toBe(403);
  });

  it("another tenant finds no attachment of this tenant's, and cannot name one in a claim", async () => {
    const res = await get(id, stranger);
    expect(res.status).toBe(404);
    expect(errorOf(res).code).toBe('resource.notFound');
    expect((await completeUpload(api, stranger, id)).status).toBe(404);
    await api.call('PUT', '/api/expense-categories/TRAVEL', {
      token: stranger,
      headers: idem(),
      body: { name: '差旅', periodExpense: true },
    });
    const named = await api.call('POST', '/api/expense-claims', {
      token: stranger,
      headers: idem(),
      body: { lines: [{ category: 'TRAVEL', amount: '30', date: '2026-11-30', receipts: [id] }] },
    });
    expect(named.status).toBe(400);
    expect(errorOf(named).issues).toEqual([
      { path: ['body', 'lines', 0, 'receipts', 0], message: `附件不存在：${id}` },
    ]);
  });

  it('a pending attachment cannot be named in a claim', async () => {
    const started = await startUpload(api, worker, {
      fileName: 'b.png',
      contentType: 'image/png',
      bytes: PNG_BYTES,
    });
    const res = await api.call('POST', '/api/expense-claims', {
      token: worker,
      headers: idem(),
      body: {
        lines: [
          {
            category: 'TRAVEL',
            amount: '30',
            date: '2026-11-30',
            receipts: [id, started.body.attachment.id],
          },
        ],
      },
    });
    expect(res.status).toBe(400);
    expect(errorOf(res).issues?.map((i) => i.path.join('.'))).toEqual(['body.lines.0.receipts.1']);
  });
});
