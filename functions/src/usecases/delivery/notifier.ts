import { wecomClient } from '../../wecom/client.js';
import { textMessage, withDuplicateCheck } from '../../wecom/messages.js';
import type { OutboxHandler } from '../outbox/handler.js';
import { shipmentOutcome, shipmentText, type ShipmentNotice } from './shipmentNotice.js';

/** How the outbox worker delivers a shipment notice: a WeCom text to the order's rep. */
export const shipmentDelivery: OutboxHandler = {
  async deliver(deps, r) {
    const n = r.payload as ShipmentNotice;
    const client = await wecomClient(deps, n.tenant);
    await client.sendMessage(
      withDuplicateCheck(textMessage({ touser: n.touser }, shipmentText(n))),
    );
    return {};
  },
  delivered: (deps, r) => shipmentOutcome(deps, r),
  failed: (deps, r) => shipmentOutcome(deps, r),
};
