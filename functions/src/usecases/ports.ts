import type { ApprovalDocuments } from './approval/documents.js';
import type { ApprovalNotifier } from './approval/notifier.js';
import type { CompletionNotifier } from './shopfloor/notifier.js';
import type { UnitOfWork } from '../store/unitOfWork.js';
import type { ImportJobDispatcher } from './importJobs.js';

/**
 * The ports a use case reaches the world through besides the store. Use cases receive them in
 * `deps` (functions/src/deps.ts) and import no adapter for them: the composition root of each
 * entry point (an area Lambda, the WeCom processor, the local runtime) wires the adapters
 * (functions/src/composition/), and tests swap them (`useClock`, `useApprovalNotifier`, ...).
 */
export type Ports = {
  /** Business time: a clock the local runtime and tests start on a fixed date. */
  clock: Clock;
  /** Starts a workflow run (Step Functions in AWS, the local runner of the same ASL). */
  workflows: WorkflowStarter;
  /** Approval cards and texts (WeCom). */
  approvalNotifier: ApprovalNotifier;
  /** The supervisors told of a completed task order (WeCom). */
  completionNotifier: CompletionNotifier;
  /** The document types the approval engine moves on when an approval finishes. */
  approvalDocuments: ApprovalDocuments;
  /** This API as an OpenAPI document (built from the contracts, or shipped beside the bundle). */
  apiDocument: ApiDocumentSource;
  /** Starts the worker of an import job (an asynchronous Lambda in AWS, in process locally). */
  importJobs: ImportJobDispatcher;
  /** Attachment files (S3 in AWS, a local folder under `npm start` and in tests). */
  blobStore: BlobStore;
};

/** What every entry point has from its table, besides the ports it wires. */
export type TablePorts = {
  /** Commits what repositories built: one transaction, or chunks with a log. */
  unitOfWork: UnitOfWork;
};

export type Clock = { now(): Date };

/** The OpenAPI document of the API, with `info.version` set to the running version. */
export type ApiDocumentSource = (version: string) => Promise<Record<string, unknown>>;

export type WorkflowName = 'mrp' | 'costing';

/**
 * Starts the named workflow. An execution name starts one execution: starting it again (a
 * retry resuming a request) does nothing.
 */
export type WorkflowStarter = (
  name: WorkflowName,
  input: Record<string, unknown>,
  executionName: string,
) => Promise<void>;

/**
 * Where attachment files are kept, by key (`t/<tenant>/<id>`): a private store the phone
 * uploads to and downloads from by short-lived signed URLs, never through the API.
 */
export type BlobStore = {
  /** A signed multipart POST of one file to `key`: its content type and at most maxBytes. */
  presignUpload(o: {
    key: string;
    contentType: string;
    maxBytes: number;
    expiresInSeconds: number;
  }): Promise<{ url: string; fields: Record<string, string> }>;
  /** The stored file's size, or undefined when nothing is stored under the key. */
  size(key: string): Promise<number | undefined>;
  /** The first `bytes` bytes of the stored file (fewer if it is shorter). */
  firstBytes(key: string, bytes: number): Promise<Uint8Array>;
  remove(key: string): Promise<void>;
  /** A signed GET of the file, answered with its type and name. */
  presignDownload(o: {
    key: string;
    contentType: string;
    fileName: string;
    expiresInSeconds: number;
  }): Promise<string>;
};

export type { ApprovalDocuments, ApprovalNotifier, CompletionNotifier, UnitOfWork };
