import { zFactoryFile, zImportSummary } from '../../contracts/factoryFile.js';
import {
  zItem,
  zItemCreate,
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
    { create: zItemCreate, update: zItemUpdate, record: zItem },
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
      'Import a whole factory data file (factory/1); refused whole with every problem listed',
    tag: 'imports',
    auth: ['admin'],
    body: zFactoryFile,
    response: zImportSummary,
    status: 201,
  },
];
