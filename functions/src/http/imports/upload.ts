import type { ImportUploadCreate } from '@factory/shared';
import { httpRoute } from '../../middleware/route.js';
import { startImportUpload } from '../../usecases/importUploads.js';

export const route = httpRoute<ImportUploadCreate>('imports.upload', ({ deps, session, body }) =>
  startImportUpload(deps, session, body),
);
