// Composition root pieces: the OpenAPI document built in process, for entry points that carry
// every contract anyway (the local runtime, the CLI). Apart from apiDocument.ts so that the
// deployed system function, which wires the shipped file, does not bundle the builder.
import { buildOpenApiDocument } from '@factory/shared';
import type { Wiring } from '../deps.js';
import type { ApiDocumentSource } from '../usecases/ports.js';
import { once } from './once.js';

/** The document built from the route table in process (the local runtime, tests). */
const documentFromContracts: ApiDocumentSource = once(
  async (version) => buildOpenApiDocument({ version }) as unknown as Record<string, unknown>,
);

export const contractApiDocument: Wiring = () => ({ apiDocument: documentFromContracts });
