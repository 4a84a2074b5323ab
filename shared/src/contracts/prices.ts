import * as z from 'zod';

/**
 * A unit price in CNY excluding VAT, on purchase and sales lines: a decimal string with at most
 * 6 places (prices of small parts are quoted below the fen), at most the largest amount
 * (¥99,999,999,999.99); a price with more than 2 places is below ¥1,000,000,000, so it stays
 * an exact integer at its scale (a receipt's unit cost, money.ts `unitPriceMoney`). Its own
 * module, so a contract that needs it does not bring another document's contracts along (each
 * area's bundle carries only what it uses).
 */
export const PRICE_PATTERN = /^(?:(0|[1-9]\d{0,10})(\.\d{1,2})?|(0|[1-9]\d{0,8})\.\d{3,6})$/;

/** A VAT rate as a decimal fraction ("0.13" for 13%), 0 to below 1, at most 4 places. */
export const VAT_RATE_PATTERN = /^0(\.\d{1,4})?$/;
export const zVatRate = z
  .string()
  .regex(VAT_RATE_PATTERN, { message: '税率应为 0 到 1 之间、最多四位小数，如 "0.13"' });
