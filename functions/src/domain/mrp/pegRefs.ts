/**
 * The demand a planned order is to the orders of its components, as pegging names it:
 * `PLAN:<item>:<due date>[:<tracking number>]`. The engine writes it; the promise check follows
 * it from an order to the orders pegged to it.
 */
export const planDemandRef = (item: string, dueDate: string, trackingNo?: string | null): string =>
  `PLAN:${item}:${dueDate}${trackingNo ? `:${trackingNo}` : ''}`;
