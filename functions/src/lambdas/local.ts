// The local area's Lambda: every route of the area behind one router (src/http/areas.ts).
import { localAreaRoutes } from '@factory/shared';
import { areaRouter } from '../http/router.js';
import * as systemDevToken from '../http/system/devToken.js';
import * as digestRun from '../http/digest/run.js';

export const handler = areaRouter('local', localAreaRoutes, {
  'system.devToken': systemDevToken,
  'digest.run': digestRun,
});
