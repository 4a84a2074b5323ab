import type { WecomLoginRequest } from '@factory/shared';
import { httpRoute } from '../../middleware/route.js';
import { wecomLogin } from '../../usecases/wecomLogin.js';

export const route = httpRoute<WecomLoginRequest>('auth.wecomLogin', ({ deps, body }) =>
  wecomLogin(deps, body),
);
