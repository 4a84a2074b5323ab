// Composition root pieces: where attachment files are kept.
import { s3BlobStore } from '../adapters/aws/s3.js';
import type { Wiring } from '../deps.js';

/** AWS: the office area's private bucket (ATTACHMENT_BUCKET); locally a folder (functions/local). */
export const s3Attachments: Wiring = (config) => ({
  blobStore: s3BlobStore(config.region, config.attachmentBucket),
});
