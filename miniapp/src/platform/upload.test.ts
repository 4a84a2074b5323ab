import { MAX_UPLOAD_BYTES, describeFile, uploadAccepted, uploadUrl } from './upload';

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
