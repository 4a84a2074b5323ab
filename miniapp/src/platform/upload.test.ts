import Taro from '@tarojs/taro';
import { setConfig } from './config';
import { ApiError } from './request';
import { clearSession, saveSession } from './session';
import { MAX_UPLOAD_BYTES, describeFile, uploadAccepted, uploadFile, uploadUrl } from './upload';

const now = () => 1_700_000_000_000;

describe('a chosen photo as the attachments API is asked for it', () => {
  test("H5: the File's own name and type", () => {
    expect(
      describeFile(
        { path: 'blob:http://x/1', size: 2048, name: '发票.PNG', type: 'image/png' },
        now,
      ),
    ).toEqual({ fileName: '发票.PNG', contentType: 'image/png', size: 2048 });
  });

  test("WeCom: the temp path's last part, the type by its extension", () => {
    expect(describeFile({ path: 'wxfile://tmp/abc_def.jpg', size: 5000 }, now)).toEqual({
      fileName: 'abc_def.jpg',
      contentType: 'image/jpeg',
      size: 5000,
    });
  });

  test('a path without an extension but a known type gets a made-up name', () => {
    expect(describeFile({ path: 'blob:http://x/2', size: 10, type: 'image/jpeg' }, now)).toEqual({
      fileName: `photo-${now()}.jpg`,
      contentType: 'image/jpeg',
      size: 10,
    });
  });

  test('refused before anything is sent: wrong type, empty, too large', () => {
    expect(describeFile({ path: 'a.exe', size: 10 }, now)).toEqual({
      problem: '只能上传 JPEG、PNG、WEBP、HEIC 图片或 PDF 文件',
    });
    expect(describeFile({ path: 'a.jpg', size: 0 }, now)).toEqual({ problem: '文件是空的' });
    expect(describeFile({ path: 'a.jpg', size: MAX_UPLOAD_BYTES + 1 }, now)).toEqual({
      problem: '文件太大：最大 10 MB',
    });
  });

  test('a long name is cut to 100 characters keeping its extension', () => {
    const d = describeFile({ path: `${'x'.repeat(150)}.jpeg`, size: 1 }, now);
    expect('fileName' in d && d.fileName.length).toBe(100);
    expect('fileName' in d && d.fileName.endsWith('.jpeg')).toBe(true);
  });
});

test("the upload URL: the store's own, or the API's path on its base", () => {
  expect(uploadUrl('http://localhost:3000', 'https://bucket.s3.amazonaws.com/')).toBe(
    'https://bucket.s3.amazonaws.com/',
  );
  expect(uploadUrl('http://localhost:3000', '/api/attachments/upload/x')).toBe(
    'http://localhost:3000/api/attachments/upload/x',
  );
  expect(uploadAccepted(204)).toBe(true);
  expect(uploadAccepted(201)).toBe(true);
  expect(uploadAccepted(403)).toBe(false);
});

describe('one photo to the store: create, upload, complete', () => {
  type Call = { url: string; method?: string; data?: unknown };
  const stub = Taro as unknown as {
    request: (o: Call) => Promise<{ statusCode: number; data: unknown }>;
    uploadFile?: (o: Record<string, unknown>) => Promise<{ statusCode: number; data: unknown }>;
  };
  let calls: Call[];
  let uploads: Record<string, unknown>[];
  const created = {
    attachment: { id: 'att1234567890abcdef', fileName: 'r.png' },
    upload: {
      url: '/api/dev/uploads',
      fields: { key: 'T/att', token: 'x' },
      fileField: 'file',
      expiresAt: '2026-12-01T01:00:00Z',
    },
  };
  const script = (uploadStatus: number) => {
    calls = [];
    uploads = [];
    stub.request = async (o) => {
      calls.push(o);
      return o.url.endsWith('/api/attachments')
        ? { statusCode: 201, data: created }
        : { statusCode: 200, data: { ...created.attachment, status: 'ready' } };
    };
    stub.uploadFile = async (o) => {
      uploads.push(o);
      return { statusCode: uploadStatus, data: '' };
    };
  };
  beforeEach(() => {
    setConfig({ apiBaseUrl: 'http://api.test' });
    saveSession({ token: 'tok', user: 'chenjie', roles: ['worker'], tenant: 'wwdemo01' });
  });
  afterEach(() => {
    clearSession();
    delete stub.uploadFile;
  });

  test('the presigned form goes to the store with the file, then the API is told', async () => {
    script(204);
    const a = await uploadFile({ path: 'wxfile://tmp/r.png', size: 2048 });
    expect(a.id).toBe('att1234567890abcdef');
    expect(calls.map((c) => `${c.method} ${c.url}`)).toEqual([
      'POST http://api.test/api/attachments',
      'POST http://api.test/api/attachments/att1234567890abcdef/complete',
    ]);
    expect(calls[0]!.data).toEqual({ fileName: 'r.png', contentType: 'image/png', size: 2048 });
    expect(uploads[0]).toMatchObject({
      url: 'http://api.test/api/dev/uploads',
      filePath: 'wxfile://tmp/r.png',
      name: 'file',
      formData: { key: 'T/att', token: 'x' },
    });
  });

  test('a refused upload is not completed; a wrong file is not even asked for', async () => {
    script(403);
    await expect(uploadFile({ path: 'r.png', size: 10 })).rejects.toThrow('照片上传失败（403）');
    expect(calls).toHaveLength(1);
    script(204);
    await expect(uploadFile({ path: 'r.txt', size: 10 })).rejects.toBeInstanceOf(ApiError);
    expect(calls).toHaveLength(0);
  });
});
