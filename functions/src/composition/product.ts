// Composition root pieces: what an entry point wires into the use cases' ports (deps.ts).
import type { Wiring } from '../deps.js';
import { s3Attachments } from './attachments.js';
import { contractApiDocument } from './contractApiDocument.js';
import { outboxDelivery } from './outbox.js';
import { stepFunctions } from './workflows.js';

/**
 * Every port of the product, for an entry point that serves every area in one process (the
 * local runtime, which then runs workflows itself, and the CLI through it).
 */
export const product: Wiring = (config) => ({
  ...outboxDelivery(config),
  ...stepFunctions(config),
  ...contractApiDocument(config),
  ...s3Attachments(config),
});
