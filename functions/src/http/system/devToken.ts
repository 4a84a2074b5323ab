import { httpRoute } from '../../middleware/route.js';
import { devToken } from '../../usecases/devToken.js';

export const route = httpRoute<{ user: string; tenant?: string }>(
  'system.devToken',
  ({ deps, body }) => devToken(deps, body),
);
