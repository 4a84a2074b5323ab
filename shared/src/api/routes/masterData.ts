import {
  IMPORT_INLINE_LIMIT_BYTES,
  zFactoryFile,
  zImportJob,
  zImportParams,
  zImportSummary,
  zImportUpload,
  zImportUploadCreate,
  zImportUploadParams,
} from '../../contracts/factoryFile.js';
import {
  zItem,
  zItemCreate,
  zItemListQuery,
  zItemUpdate,
  zPartner,
  zPartnerCreate,
  zPartnerUpdate,
  zUnit,
  zUnitCreate,
  zUnitUpdate,
  zWarehouse,
  zWarehouseCreate,
  zWarehouseUpdate,
} from '../../contracts/masterData.js';
import { MASTER_DATA_EDITORS, masterData, type RouteContract } from './common.js';

/** The master-data area (functions/src/lambdas/masterData.ts): the registers and the factory file import. */
export const masterDataAreaRoutes: readonly RouteContract[] = [
  ...masterData(
    'items',
    'item',
    {
      create: zItemCreate,
      update: zItemUpdate,
      record: zItem,
      list: {
        query: zItemListQuery,
        filters: 'sellable=true only items flagged sellable (允许销售: the sales order entry)',
      },
    },
    MASTER_DATA_EDITORS,
  ),
  ...masterData(
    'units',
    'unit',
    { create: zUnitCreate, update: zUnitUpdate, record: zUnit },
    MASTER_DATA_EDITORS,
  ),
  ...masterData(
    'warehouses',
    'warehouse',
    { create: zWarehouseCreate, update: zWarehouseUpdate, record: zWarehouse },
    ['admin', 'manager', 'warehouse'],
  ),
  ...masterData(
    'partners',
    'partner',
    { create: zPartnerCreate, update: zPartnerUpdate, record: zPartner },
    ['admin', 'manager', 'planner', 'sales'],
  ),
  {
    id: 'imports.create',
    method: 'POST',
    path: '/api/imports',
    summary:
      'Import a whole factory data file (factory/1); refused whole with every problem listed. Written by a job: 201 with the summary when it ends within 20 s, else 202 with the job to poll',
    tag: 'imports',
    auth: ['admin'],
    body: zFactoryFile,
    response: zImportSummary,
    status: 201,
    accepted: {
      response: zImportJob,
      description: 'Still being written: poll GET /api/imports/{id} until completed or failed',
    },
    // A Lambda carries 6 MB: a larger file is uploaded first (imports.upload).
    maxBodyBytes: IMPORT_INLINE_LIMIT_BYTES,
    uploadRoute: 'POST /api/imports/uploads',
  },
  {
    id: 'imports.upload',
    method: 'POST',
    path: '/api/imports/uploads',
    summary:
      'Start the upload of a factory file too large to send inline (over 5 MB, up to 32 MB): a presigned multipart POST (formData: fields, file part "file", content type application/json)',
    tag: 'imports',
    auth: ['admin'],
    body: zImportUploadCreate,
    response: zImportUpload,
    status: 201,
  },
  {
    id: 'imports.fromUpload',
    method: 'POST',
    path: '/api/imports/uploads/{uploadId}',
    summary:
      'Import the uploaded factory file (factory/1), like POST /api/imports: refused whole with every problem listed (paths under file.), else written by a job: 201 with the summary, or 202 with the job to poll',
    tag: 'imports',
    auth: ['admin'],
    params: zImportUploadParams,
    response: zImportSummary,
    status: 201,
    accepted: {
      response: zImportJob,
      description: 'Still being written: poll GET /api/imports/{id} until completed or failed',
    },
  },
  {
    id: 'imports.get',
    method: 'GET',
    path: '/api/imports/{id}',
    summary: 'An import job: running, completed (with its summary) or failed (with its error)',
    tag: 'imports',
    auth: ['admin'],
    params: zImportParams,
    response: zImportJob,
    status: 200,
  },
];
