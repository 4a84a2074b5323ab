import { httpRoute } from '../../middleware/route.js';

export const route = httpRoute('system.me', async ({ session }) => session);
