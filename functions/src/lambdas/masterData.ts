// The masterData area's Lambda: every route of the area behind one router (src/http/areas.ts).
import { masterDataAreaRoutes } from '@factory/shared';
import { s3Attachments } from '../composition/attachments.js';
import { lambdaImportJobs } from '../composition/importJobs.js';
import { wire } from '../deps.js';
import { areaRouter } from '../http/router.js';
import * as itemsCreate from '../http/items/create.js';
import * as itemsList from '../http/items/list.js';
import * as itemsGet from '../http/items/get.js';
import * as itemsUpdate from '../http/items/update.js';
import * as unitsCreate from '../http/units/create.js';
import * as unitsList from '../http/units/list.js';
import * as unitsGet from '../http/units/get.js';
import * as unitsUpdate from '../http/units/update.js';
import * as warehousesCreate from '../http/warehouses/create.js';
import * as warehousesList from '../http/warehouses/list.js';
import * as warehousesGet from '../http/warehouses/get.js';
import * as warehousesUpdate from '../http/warehouses/update.js';
import * as partnersCreate from '../http/partners/create.js';
import * as partnersList from '../http/partners/list.js';
import * as partnersGet from '../http/partners/get.js';
import * as partnersUpdate from '../http/partners/update.js';
import * as importsCreate from '../http/imports/create.js';
import * as importsGet from '../http/imports/get.js';
import * as importsUpload from '../http/imports/upload.js';
import * as importsFromUpload from '../http/imports/fromUpload.js';

wire(lambdaImportJobs);
// Factory files too large to send inline are uploaded to the attachment bucket (issue 19).
wire(s3Attachments);

export const handler = areaRouter('masterData', masterDataAreaRoutes, {
  'items.create': itemsCreate,
  'items.list': itemsList,
  'items.get': itemsGet,
  'items.update': itemsUpdate,
  'units.create': unitsCreate,
  'units.list': unitsList,
  'units.get': unitsGet,
  'units.update': unitsUpdate,
  'warehouses.create': warehousesCreate,
  'warehouses.list': warehousesList,
  'warehouses.get': warehousesGet,
  'warehouses.update': warehousesUpdate,
  'partners.create': partnersCreate,
  'partners.list': partnersList,
  'partners.get': partnersGet,
  'partners.update': partnersUpdate,
  'imports.create': importsCreate,
  'imports.get': importsGet,
  'imports.upload': importsUpload,
  'imports.fromUpload': importsFromUpload,
});
