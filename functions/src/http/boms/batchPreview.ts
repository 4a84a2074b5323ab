import type { BatchPreviewRequest } from '@factory/shared';
import { httpRoute } from '../../middleware/route.js';
import { previewBatch } from '../../usecases/bom/batch.js';

export const route = httpRoute<BatchPreviewRequest>(
  'boms.batchPreview',
  ({ deps, session, body }) => previewBatch(deps, session, body),
);
