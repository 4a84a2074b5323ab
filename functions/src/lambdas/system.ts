// The system area's Lambda: every route of the area behind one router (src/http/areas.ts).
import { systemAreaRoutes } from '@factory/shared';
import { bundledApiDocument } from '../composition/apiDocument.js';
import { wire } from '../deps.js';
import { areaRouter } from '../http/router.js';
import * as systemHealth from '../http/system/health.js';
import * as systemOpenapi from '../http/system/openapi.js';
import * as systemMe from '../http/system/me.js';

wire(bundledApiDocument);

export const handler = areaRouter('system', systemAreaRoutes, {
  'system.health': systemHealth,
  'system.openapi': systemOpenapi,
  'system.me': systemMe,
});
