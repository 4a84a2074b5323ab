import type { ImportUploadParams } from '@factory/shared';
import { httpRoute } from '../../middleware/route.js';
import { importFromUpload } from '../../usecases/importUploads.js';

export const route = httpRoute<unknown, unknown, ImportUploadParams>(
  'imports.fromUpload',
  ({ deps, session, params, hooks }) => importFromUpload(deps, session, params.uploadId, hooks()),
);
