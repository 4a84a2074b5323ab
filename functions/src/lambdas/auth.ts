// The auth area's Lambda: the mini-program login, alone (src/http/areas.ts), so the session
// signing key and the login's reserved concurrency belong to it only.
import { authAreaRoutes } from '@factory/shared';
import { areaRouter } from '../http/router.js';
import * as authWecomLogin from '../http/auth/wecomLogin.js';

export const handler = areaRouter('auth', authAreaRoutes, {
  'auth.wecomLogin': authWecomLogin,
});
