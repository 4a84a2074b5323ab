import type { S3Client } from '@aws-sdk/client-s3';

/**
 * Attachment files in a private S3 bucket (the use cases' BlobStore port) (infra: the office area's bucket, ATTACHMENT_BUCKET).
 * Uploads are presigned POSTs whose policy holds the key, the content type and the size range,
 * so S3 itself refuses a larger file or another type; downloads are presigned GETs.
 *
 * The S3 client and both presigners are loaded on first use and left out of the bundle, like
 * every @aws-sdk package (infra/src/bundles.ts): the Lambda Node.js runtime ships the whole
 * SDK v3, @aws-sdk/s3-presigned-post and @aws-sdk/s3-request-presigner included, so the three
 * come from the one SDK version of the runtime (a presigner bundled at another version than the
 * runtime's client is a known source of breakage). Bundling them instead would put the S3
 * client (several hundred KB) in the office area, past the 300 KB limit.
 */
export function s3BlobStore(region: string, bucket: string | undefined) {
  const need = () => {
    if (!bucket) throw new Error('ATTACHMENT_BUCKET is not set');
    return bucket;
  };
  let client: Promise<S3Client> | undefined;
  const s3 = () =>
    (client ??= import('@aws-sdk/client-s3').then(({ S3Client }) => new S3Client({ region })));
  const sdk = () => import('@aws-sdk/client-s3');

  return {
    async presignUpload(o: {
      key: string;
      contentType: string;
      maxBytes: number;
      expiresInSeconds: number;
    }): Promise<{ url: string; fields: Record<string, string> }> {
      const { key, contentType, maxBytes, expiresInSeconds } = o;
      const { createPresignedPost } = await import('@aws-sdk/s3-presigned-post');
      const post = await createPresignedPost(await s3(), {
        Bucket: need(),
        Key: key,
        Conditions: [
          ['content-length-range', 1, maxBytes],
          ['eq', '$Content-Type', contentType],
        ],
        Fields: { 'Content-Type': contentType },
        Expires: expiresInSeconds,
      });
      return { url: post.url, fields: post.fields };
    },
    async size(key: string): Promise<number | undefined> {
      const { HeadObjectCommand } = await sdk();
      try {
        const head = await (await s3()).send(new HeadObjectCommand({ Bucket: need(), Key: key }));
        return head.ContentLength ?? 0;
      } catch (err) {
        if (isNotFound(err)) return undefined;
        throw err;
      }
    },
    async firstBytes(key: string, bytes: number): Promise<Uint8Array> {
      const { GetObjectCommand } = await sdk();
      const got = await (
        await s3()
      ).send(new GetObjectCommand({ Bucket: need(), Key: key, Range: `bytes=0-${bytes - 1}` }));
      return got.Body ? await got.Body.transformToByteArray() : new Uint8Array();
    },
    async remove(key: string): Promise<void> {
      const { DeleteObjectCommand } = await sdk();
      await (await s3()).send(new DeleteObjectCommand({ Bucket: need(), Key: key }));
    },
    async presignDownload(o: {
      key: string;
      contentType: string;
      fileName: string;
      expiresInSeconds: number;
    }): Promise<string> {
      const { key, contentType, fileName, expiresInSeconds } = o;
      const [{ GetObjectCommand }, { getSignedUrl }] = await Promise.all([
        sdk(),
        import('@aws-sdk/s3-request-presigner'),
      ]);
      return getSignedUrl(
        await s3(),
        new GetObjectCommand({
          Bucket: need(),
          Key: key,
          ResponseContentType: contentType,
          ResponseContentDisposition: `inline; filename*=UTF-8''${encodeURIComponent(fileName)}`,
        }),
        { expiresIn: expiresInSeconds },
      );
    },
  };
}

function isNotFound(err: unknown): boolean {
  const e = err as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e.name === 'NotFound' || e.name === 'NoSuchKey' || e.$metadata?.httpStatusCode === 404;
}
