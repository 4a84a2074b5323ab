import { httpRoute } from '../../middleware/route.js';
import { bomRepo } from '../../store/bomRepo.js';

export const handler = httpRoute('structure.lowLevelCodes', async ({ deps, session }) => ({
  codes: Object.fromEntries(await bomRepo(deps, session.tenant).getLowLevelCodes()),
}));
