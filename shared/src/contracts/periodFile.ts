import * as z from 'zod';
import { zCode, zDate, zPositiveQty, zQty } from './common.js';
import {
  zFileBom,
  zFileItem,
  zFilePartner,
  zFileTaskOrder,
  zFileWarehouse,
} from './factoryFile.js';
import { PRICE_PATTERN } from './prices.js';

/**
 * The period file of ../shared/handbook/SCENARIO.md ("period/1"): a month or a few of a
 * factory's business, to reproduce a cost calculation (`cli cost FILE --json`). Every object is
 * strict; cross-references and dates are checked by the domain, every problem with its path.
 */

/** A month, `YYYY-MM`. */
export const zMonth = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: '月份格式应为 YYYY-MM' });

/** An amount in yuan, at most two decimals; `signed` allows a minus (a settlement may be lower). */
const amount = (signed: boolean) =>
  z
    .string()
    .regex(signed ? /^-?(0|[1-9]\d{0,10})(\.\d{1,2})?$/ : /^(0|[1-9]\d{0,10})(\.\d{1,2})?$/, {
      message: signed
        ? '金额应为最多两位小数的数，如 "1250.50"'
        : '金额应为最多两位小数的非负数，如 "1250.50"',
    });
export const zYuan = amount(false);

const zPrice = z
  .string()
  .regex(PRICE_PATTERN, { message: '单价应为最多六位小数的非负数，如 "11.00"' });

const stockLine = { item: zCode, warehouse: zCode, qty: zPositiveQty };
const customerStockLine = z.strictObject({ ...stockLine, customer: zCode.optional() });
const pricedLine = z.strictObject({ ...stockLine, price: zPrice });
const event = { date: zDate, no: z.string().trim().min(1).max(64).optional() };
const lines = <T extends z.ZodType>(line: T) => z.array(line).min(1).max(1000);

export const zPeriodEvent = z.discriminatedUnion('kind', [
  z.strictObject({
    ...event,
    kind: z.literal('purchaseReceipt'),
    supplier: zCode,
    lines: lines(pricedLine),
  }),
  z.strictObject({
    ...event,
    kind: z.literal('purchaseReturn'),
    supplier: zCode,
    lines: lines(pricedLine),
  }),
  z.strictObject({
    ...event,
    kind: z.literal('issue'),
    order: zCode,
    lines: lines(customerStockLine),
  }),
  z.strictObject({
    ...event,
    kind: z.literal('return'),
    order: zCode,
    lines: lines(customerStockLine),
  }),
  z.strictObject({
    ...event,
    kind: z.literal('workReport'),
    order: zCode,
    good: zQty,
    scrap: zQty.optional(),
    hours: zQty.optional(),
  }),
  z.strictObject({
    ...event,
    kind: z.literal('productionReceipt'),
    order: zCode,
    warehouse: zCode,
    qty: zPositiveQty,
  }),
  z.strictObject({
    ...event,
    kind: z.literal('transfer'),
    lines: lines(
      z.strictObject({
        item: zCode,
        from: zCode,
        to: zCode,
        qty: zPositiveQty,
        customer: zCode.optional(),
      }),
    ),
  }),
  z.strictObject({
    ...event,
    kind: z.literal('outsourcingReceipt'),
    order: zCode,
    warehouse: zCode,
    qty: zPositiveQty,
  }),
  z.strictObject({ ...event, kind: z.literal('settlement'), order: zCode, amount: zYuan }),
  z.strictObject({ ...event, kind: z.literal('expense'), pool: zCode, amount: zYuan }),
  z.strictObject({
    ...event,
    kind: z.literal('customerReceipt'),
    customer: zCode,
    lines: lines(customerStockLine),
  }),
  z.strictObject({
    ...event,
    kind: z.literal('customerReturn'),
    customer: zCode,
    lines: lines(customerStockLine),
  }),
  z.strictObject({
    ...event,
    kind: z.literal('delivery'),
    customer: zCode,
    lines: lines(z.strictObject(stockLine)),
  }),
  z.strictObject({ ...event, kind: z.literal('scrap'), lines: lines(customerStockLine) }),
  z.strictObject({
    ...event,
    kind: z.literal('countAdjustment'),
    lines: lines(
      z.strictObject({
        item: zCode,
        warehouse: zCode,
        diff: z.string().regex(/^-?(0|[1-9]\d{0,11})(\.\d{1,6})?$/, {
          message: '差异应为带符号的数量，如 "-2.5"',
        }),
        customer: zCode.optional(),
      }),
    ),
  }),
  z.strictObject({ ...event, kind: z.literal('closeOrder'), order: zCode }),
  z.strictObject({ ...event, kind: z.literal('wipCount'), order: zCode, qty: zQty }),
]);
export type PeriodEvent = z.infer<typeof zPeriodEvent>;

const zPeriodOrder = zFileTaskOrder.extend({ date: zDate.optional() });

export const zPeriodFile = z.strictObject({
  format: z.literal('period/1'),
  periods: z.array(zMonth).min(1).max(24),
  calendar: z
    .strictObject({
      nonWorkingWeekdays: z.array(z.number().int().min(1).max(7)).max(7),
      holidays: z.array(zDate),
    })
    .optional(),
  warehouses: z.array(zFileWarehouse),
  partners: z.array(zFilePartner),
  items: z.array(zFileItem.extend({ costCoefficient: zPositiveQty.optional() })),
  boms: z.array(zFileBom).optional(),
  opening: z
    .strictObject({
      stock: z
        .array(
          z.strictObject({
            item: zCode,
            warehouse: zCode,
            qty: zPositiveQty,
            value: zYuan.optional(),
            customer: zCode.optional(),
          }),
        )
        .optional(),
      wip: z
        .array(
          z.strictObject({
            order: zCode,
            material: zYuan.optional(),
            pools: z.record(zCode, zYuan).optional(),
            fee: zYuan.optional(),
          }),
        )
        .optional(),
    })
    .optional(),
  taskOrders: z.array(zPeriodOrder).optional(),
  outsourcingOrders: z.array(zPeriodOrder.extend({ supplier: zCode })).optional(),
  outsourcingPrices: z
    .array(
      z.strictObject({
        supplier: zCode,
        item: zCode,
        from: zDate,
        breaks: z
          .array(z.strictObject({ minQty: zQty, price: zPrice }))
          .min(1)
          .max(20),
      }),
    )
    .optional(),
  pools: z
    .array(
      z.strictObject({
        code: zCode,
        name: z.string().trim().min(1).max(64).optional(),
        basis: z.enum(['quantity', 'material', 'hours']),
        workshop: zCode.optional(),
      }),
    )
    .optional(),
  events: z.array(zPeriodEvent).max(200_000),
});
export type PeriodFile = z.infer<typeof zPeriodFile>;
