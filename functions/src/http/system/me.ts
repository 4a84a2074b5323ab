import { httpRoute } from '../../middleware/route.js';

export const handler = httpRoute('system.me', async ({ session }) => session);
