import type { AttachmentParams } from '@factory/shared';
import { httpRoute } from '../../middleware/route.js';
import { getAttachment } from '../../usecases/attachments/attachments.js';

export const route = httpRoute<unknown, unknown, AttachmentParams>(
  'attachments.get',
  ({ deps, session, params }) => getAttachment(deps, session, params.id),
);
