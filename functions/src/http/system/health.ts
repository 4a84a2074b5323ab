import { httpRoute } from '../../middleware/route.js';
import { health } from '../../usecases/system.js';

export const route = httpRoute('system.health', ({ deps }) => health(deps));
