// The local area's Lambda: every route of the area behind one router (src/http/areas.ts).
import { areaRouter } from '../http/router.js';
import * as systemDevToken from '../http/system/devToken.js';

export const handler = areaRouter('local', {
  'system.devToken': systemDevToken,
});
