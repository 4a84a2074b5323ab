import type { BomLinesImport } from '@factory/shared';
import { httpRoute } from '../../middleware/route.js';
import { importLines } from '../../usecases/bom/sheets.js';

export const route = httpRoute<BomLinesImport, unknown, { item: string; version: string }>(
  'boms.importLines',
  ({ deps, session, params, body, hooks }) =>
    importLines(deps, session, params.item, params.version, body, hooks()),
);
