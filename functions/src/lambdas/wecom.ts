// The wecom area's Lambda: every route of the area behind one router (src/http/areas.ts).
import { wecomAreaRoutes } from '@factory/shared';
import { areaRouter } from '../http/router.js';
import * as wecomCallbackVerify from '../http/wecom/callbackVerify.js';
import * as wecomCallback from '../http/wecom/callback.js';
import * as outboxList from '../http/outbox/list.js';
import * as outboxResend from '../http/outbox/resend.js';

export const handler = areaRouter('wecom', wecomAreaRoutes, {
  'wecom.callbackVerify': wecomCallbackVerify,
  'wecom.callback': wecomCallback,
  'outbox.list': outboxList,
  'outbox.resend': outboxResend,
});
