import type { FactoryFile } from '@factory/shared';
import { httpRoute } from '../../middleware/route.js';
import { importFactoryFile } from '../../usecases/imports.js';

export const route = httpRoute<FactoryFile>('imports.create', ({ deps, session, body, hooks }) =>
  importFactoryFile(deps, session, body, {}, hooks()),
);
