// The engineering area's Lambda: every route of the area behind one router (src/http/areas.ts).
import { engineeringAreaRoutes } from '@factory/shared';
import { wire } from '../deps.js';
import { ecnDecisions } from '../composition/approvals.js';
import { areaRouter } from '../http/router.js';
import * as bomsHistory from '../http/boms/history.js';
import * as bomsCreateDraft from '../http/boms/createDraft.js';
import * as bomsVersion from '../http/boms/version.js';
import * as bomsUpdateDraft from '../http/boms/updateDraft.js';
import * as bomsDeleteDraft from '../http/boms/deleteDraft.js';
import * as bomsImportLines from '../http/boms/importLines.js';
import * as bomsExplosionXlsx from '../http/boms/explosionXlsx.js';
import * as bomsExplosion from '../http/boms/explosion.js';
import * as bomsWhereUsed from '../http/boms/whereUsed.js';
import * as bomsBatchPreview from '../http/boms/batchPreview.js';
import * as structureLowLevelCodes from '../http/structure/lowLevelCodes.js';
import * as ecnsCreate from '../http/ecns/create.js';
import * as ecnsBatch from '../http/ecns/batch.js';
import * as ecnsList from '../http/ecns/list.js';
import * as ecnsGet from '../http/ecns/get.js';
import * as ecnsSubmit from '../http/ecns/submit.js';
import * as ecnsApprove from '../http/ecns/approve.js';
import * as ecnsReject from '../http/ecns/reject.js';

wire(ecnDecisions);

export const handler = areaRouter('engineering', engineeringAreaRoutes, {
  'boms.history': bomsHistory,
  'boms.createDraft': bomsCreateDraft,
  'boms.version': bomsVersion,
  'boms.updateDraft': bomsUpdateDraft,
  'boms.deleteDraft': bomsDeleteDraft,
  'boms.importLines': bomsImportLines,
  'boms.explosionXlsx': bomsExplosionXlsx,
  'boms.explosion': bomsExplosion,
  'boms.whereUsed': bomsWhereUsed,
  'boms.batchPreview': bomsBatchPreview,
  'structure.lowLevelCodes': structureLowLevelCodes,
  'ecns.create': ecnsCreate,
  'ecns.batch': ecnsBatch,
  'ecns.list': ecnsList,
  'ecns.get': ecnsGet,
  'ecns.submit': ecnsSubmit,
  'ecns.approve': ecnsApprove,
  'ecns.reject': ecnsReject,
});
