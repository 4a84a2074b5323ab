import { httpRoute } from '../../middleware/route.js';
import { openApiDocument } from '../../usecases/system.js';

export const route = httpRoute('system.openapi', async ({ deps }) => openApiDocument(deps));
