import { httpRoute } from '../../middleware/route.js';
import { getLowLevelCodes } from '../../usecases/bom/structure.js';

export const route = httpRoute('structure.lowLevelCodes', async ({ deps, session }) => ({
  codes: await getLowLevelCodes(deps, session.tenant),
}));
