import type { AttachmentParams } from '@factory/shared';
import { httpRoute } from '../../middleware/route.js';
import { completeAttachment } from '../../usecases/attachments/attachments.js';

export const route = httpRoute<unknown, unknown, AttachmentParams>(
  'attachments.complete',
  ({ deps, session, params, hooks }) => completeAttachment(deps, session, params.id, hooks()),
);
