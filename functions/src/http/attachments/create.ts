import type { AttachmentCreate } from '@factory/shared';
import { httpRoute } from '../../middleware/route.js';
import { createAttachment } from '../../usecases/attachments/attachments.js';

export const route = httpRoute<AttachmentCreate>(
  'attachments.create',
  ({ deps, session, body, hooks }) => createAttachment(deps, session, body, hooks()),
);
