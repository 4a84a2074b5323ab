import * as z from 'zod';
import { zCode, zName, zPageQuery, zPositiveQty, zQty, zTimestamp, zVersion } from './common.js';

export const ITEM_SOURCES = [
  'purchased',
  'manufactured',
  'outsourced',
  'phantom',
  'customerSupplied',
] as const;
export const PLANNING_STRATEGIES = ['mto', 'mts'] as const;
export const WAREHOUSE_KINDS = [
  'normal',
  'customerSupplied',
  'subcontractor',
  'inspection',
] as const;
export const PARTNER_ROLES = ['supplier', 'customer', 'subcontractor'] as const;

export const zItemSource = z.enum(ITEM_SOURCES);
export const zStrategy = z.enum(PLANNING_STRATEGIES);
export const zWarehouseKind = z.enum(WAREHOUSE_KINDS);
export const zPartnerRole = z.enum(PARTNER_ROLES);
export type WarehouseKind = z.infer<typeof zWarehouseKind>;
export type ItemSource = z.infer<typeof zItemSource>;
export type PartnerRole = z.infer<typeof zPartnerRole>;
export const zPrecision = z.number().int().min(0).max(6);

/** Lot-sizing rules of DOMAIN.md; the rule name is the discriminator. */
export const zLotSizing = z.discriminatedUnion('rule', [
  z.strictObject({ rule: z.literal('lotForLot') }),
  z.strictObject({ rule: z.literal('fixed'), qty: zPositiveQty }),
  z.strictObject({
    rule: z.literal('minMultiple'),
    min: zQty.optional(),
    multiple: zPositiveQty.optional(),
  }),
  z.strictObject({ rule: z.literal('period'), days: z.number().int().min(1).max(366) }),
]);
export type LotSizing = z.infer<typeof zLotSizing>;

const audit = {
  version: zVersion,
  createdAt: zTimestamp,
  updatedAt: zTimestamp,
  createdBy: z.string(),
  updatedBy: z.string(),
};

// ---- items -------------------------------------------------------------------------------
const itemFields = {
  name: zName,
  spec: z.string().max(200).optional(),
  category: z.string().max(64).optional(),
  unit: zCode,
  precision: zPrecision,
  source: zItemSource,
  strategy: zStrategy,
  leadTimeDays: z.number().int().min(0).max(365),
  safetyStock: zQty,
  lotSizing: zLotSizing,
  defaultWarehouse: zCode.optional(),
  defaultSupplier: zCode.optional(),
  /** A `customerSupplied` item's customer (客供料的客户): whose stock planning nets it against. */
  customer: zCode.optional(),
  /** The weight of a unit received in `quantity` expense pools (costing; default 1). */
  costCoefficient: zPositiveQty.optional(),
  inspection: z.boolean(),
  /**
   * 允许销售: the item may be put on a sales order (finished goods, spare parts sold as such).
   * The order entry's item search offers only these; absent means not sellable.
   */
  sellable: z.boolean().optional(),
  barcode: z.string().max(64).optional(),
  /**
   * 库位: where the item is kept in the warehouse it is picked from (a bin such as A-01-03).
   * Pick lists are walked in this order; numbers in it compare as numbers (A-2 before A-10).
   */
  location: z.string().trim().min(1).max(32).optional(),
  active: z.boolean(),
};

export const zItemCreate = z.strictObject({
  code: zCode,
  ...itemFields,
  safetyStock: itemFields.safetyStock.default('0'),
  lotSizing: itemFields.lotSizing.default({ rule: 'lotForLot' }),
  leadTimeDays: itemFields.leadTimeDays.default(0),
  strategy: itemFields.strategy.default('mts'),
  inspection: itemFields.inspection.default(false),
  active: itemFields.active.default(true),
});
export type ItemCreate = z.infer<typeof zItemCreate>;

export const zItemUpdate = z.strictObject({
  expectedVersion: zVersion,
  ...partialOf(itemFields),
});
export type ItemUpdate = z.infer<typeof zItemUpdate>;

export const zItem = z.object({ code: zCode, ...itemFields, ...audit });
export type Item = z.infer<typeof zItem>;

/** The item list's filters: the page query, and `sellable=true` for the sales order entry. */
export const zItemListQuery = zPageQuery.extend({
  sellable: z.enum(['true', 'false']).optional(),
});
export type ItemListQuery = z.infer<typeof zItemListQuery>;

// ---- units -------------------------------------------------------------------------------
const unitFields = { name: zName, precision: zPrecision };
export const zUnitCreate = z.strictObject({ code: zCode, ...unitFields });
export type UnitCreate = z.infer<typeof zUnitCreate>;
export const zUnitUpdate = z.strictObject({ expectedVersion: zVersion, ...partialOf(unitFields) });
export type UnitUpdate = z.infer<typeof zUnitUpdate>;
export const zUnit = z.object({ code: zCode, ...unitFields, ...audit });
export type Unit = z.infer<typeof zUnit>;

// ---- warehouses --------------------------------------------------------------------------
const warehouseFields = {
  name: zName,
  kind: zWarehouseKind,
  /** Only a warehouse that explicitly allows it may go below zero. */
  allowNegative: z.boolean(),
  /** Owner for customer-supplied warehouses, the subcontractor for subcontractor ones. */
  partner: zCode.optional(),
  /** The value printed on the location label; the picking page confirms the warehouse by it. */
  barcode: z.string().max(64).optional(),
  /**
   * The inspectors (WeCom userids) told of receipts here that wait for inspection; none: every
   * QC user of the tenant.
   */
  inspectors: z.array(zCode).max(50, { message: '检验员最多 50 人' }).optional(),
  active: z.boolean(),
};
export const zWarehouseCreate = z.strictObject({
  code: zCode,
  ...warehouseFields,
  allowNegative: warehouseFields.allowNegative.default(false),
  active: warehouseFields.active.default(true),
});
export type WarehouseCreate = z.infer<typeof zWarehouseCreate>;
export const zWarehouseUpdate = z.strictObject({
  expectedVersion: zVersion,
  ...partialOf(warehouseFields),
});
export type WarehouseUpdate = z.infer<typeof zWarehouseUpdate>;
export const zWarehouse = z.object({ code: zCode, ...warehouseFields, ...audit });
export type Warehouse = z.infer<typeof zWarehouse>;

// ---- partners ----------------------------------------------------------------------------
const partnerFields = {
  name: zName,
  roles: z.array(zPartnerRole).min(1),
  contact: z.string().max(64).optional(),
  phone: z.string().max(32).optional(),
  address: z.string().max(200).optional(),
  active: z.boolean(),
};
export const zPartnerCreate = z.strictObject({
  code: zCode,
  ...partnerFields,
  active: partnerFields.active.default(true),
});
export type PartnerCreate = z.infer<typeof zPartnerCreate>;
export const zPartnerUpdate = z.strictObject({
  expectedVersion: zVersion,
  ...partialOf(partnerFields),
});
export type PartnerUpdate = z.infer<typeof zPartnerUpdate>;
export const zPartner = z.object({ code: zCode, ...partnerFields, ...audit });
export type Partner = z.infer<typeof zPartner>;

type Patch<T extends Record<string, z.ZodType>> = {
  [K in keyof T]: T[K] extends z.ZodOptional<infer U extends z.ZodType>
    ? z.ZodOptional<z.ZodNullable<U>>
    : z.ZodOptional<T[K]>;
};

/**
 * Every field optional; an update names only what changes. A field that is optional on the
 * record may be sent as null to clear it.
 */
function partialOf<T extends Record<string, z.ZodType>>(fields: T): Patch<T> {
  return Object.fromEntries(
    Object.entries(fields).map(([k, v]) => [
      k,
      v instanceof z.ZodOptional ? (v.unwrap() as z.ZodType).nullable().optional() : v.optional(),
    ]),
  ) as Patch<T>;
}
