import type { FactoryFile } from '@factory/shared';
import { httpRoute } from '../../middleware/route.js';
import { startImport } from '../../usecases/importJobs.js';

export const route = httpRoute<FactoryFile>('imports.create', ({ deps, session, body, hooks }) =>
  startImport(deps, session, body, hooks()),
);
