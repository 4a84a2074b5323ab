import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Effect, PolicyStatement, type IRole } from 'aws-cdk-lib/aws-iam';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  HttpMethods,
  ObjectOwnership,
} from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

/** Attachment files are kept under `t/<tenant>/<id>` (functions/src/store/attachmentRepo.ts). */
export const ATTACHMENT_KEY_PREFIX = 't/';
/** Uploaded factory files wait under `t/<tenant>/imports/<id>` (functions/src/usecases/importUploads.ts). */
export const IMPORT_UPLOAD_KEYS = 't/*/imports/*';

/**
 * The private bucket of attachment files (receipt photos, issue 16): no public access, SSL
 * only, S3-managed encryption, retained when the stack goes. The phone uploads by presigned
 * POST and downloads by presigned GET, both signed by the office area's role, so CORS allows
 * POST and GET from any origin (the H5 build; the mini-program's uploadFile is not a browser).
 * Incomplete multipart uploads are aborted after a day.
 */
export class AttachmentBucket extends Construct {
  readonly bucket: Bucket;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.bucket = new Bucket(this, 'Bucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      encryption: BucketEncryption.S3_MANAGED,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      removalPolicy: RemovalPolicy.RETAIN,
      cors: [
        {
          allowedMethods: [HttpMethods.POST, HttpMethods.GET, HttpMethods.HEAD],
          allowedOrigins: ['*'],
          allowedHeaders: ['*'],
          exposedHeaders: ['ETag'],
          maxAge: 3000,
        },
      ],
      lifecycleRules: [{ abortIncompleteMultipartUploadAfter: Duration.days(1) }],
    });
  }

  /**
   * What the office area does with the files: put (the presigned POST is signed with its
   * role), get (downloads, and HeadObject, which needs s3:GetObject), delete (a file that is
   * not what was declared), only under `t/`. And s3:ListBucket, limited to keys under `t/`:
   * without it S3 answers HeadObject of a missing file 403 instead of 404, and "completed
   * before the upload" could not be told from a denied request.
   */
  grantFiles(role: IRole): void {
    role.addToPrincipalPolicy(
      new PolicyStatement({
        effect: Effect.ALLOW,
        actions: ['s3:PutObject', 's3:GetObject', 's3:DeleteObject'],
        resources: [this.bucket.arnForObjects(`${ATTACHMENT_KEY_PREFIX}*`)],
      }),
    );
    role.addToPrincipalPolicy(
      new PolicyStatement({
        effect: Effect.ALLOW,
        actions: ['s3:ListBucket'],
        resources: [this.bucket.bucketArn],
        conditions: { StringLike: { 's3:prefix': [`${ATTACHMENT_KEY_PREFIX}*`] } },
      }),
    );
  }

  /**
   * What the masterData area does with factory files too large to send inline (issue 19):
   * put (the presigned POST), get and delete them, only under `t/<tenant>/imports/`, and list
   * that prefix (HeadObject of a missing file answers 404 rather than 403).
   */
  grantImportUploads(role: IRole): void {
    role.addToPrincipalPolicy(
      new PolicyStatement({
        effect: Effect.ALLOW,
        actions: ['s3:PutObject', 's3:GetObject', 's3:DeleteObject'],
        resources: [this.bucket.arnForObjects(IMPORT_UPLOAD_KEYS)],
      }),
    );
    role.addToPrincipalPolicy(
      new PolicyStatement({
        effect: Effect.ALLOW,
        actions: ['s3:ListBucket'],
        resources: [this.bucket.bucketArn],
        conditions: { StringLike: { 's3:prefix': [IMPORT_UPLOAD_KEYS] } },
      }),
    );
  }
}
