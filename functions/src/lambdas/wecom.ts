// The wecom area's Lambda: the WeCom callback routes behind one router (src/http/areas.ts).
import { wecomCallbackRoutes } from '@factory/shared';
import { areaRouter } from '../http/router.js';
import * as wecomCallbackVerify from '../http/wecom/callbackVerify.js';
import * as wecomCallback from '../http/wecom/callback.js';

export const handler = areaRouter('wecom', wecomCallbackRoutes, {
  'wecom.callbackVerify': wecomCallbackVerify,
  'wecom.callback': wecomCallback,
});
