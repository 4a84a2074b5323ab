// The outbox area's Lambda: every route of the area behind one router (src/http/areas.ts).
import { outboxAreaRoutes } from '@factory/shared';
import { areaRouter } from '../http/router.js';
import * as outboxList from '../http/outbox/list.js';
import * as outboxResend from '../http/outbox/resend.js';

export const handler = areaRouter('outbox', outboxAreaRoutes, {
  'outbox.list': outboxList,
  'outbox.resend': outboxResend,
});
