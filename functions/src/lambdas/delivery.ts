// The delivery area's Lambda: every route of the area behind one router (src/http/areas.ts).
// Shipment notices go through the outbox (the outbox worker delivers them), so it wires nothing.
import { deliveryAreaRoutes } from '@factory/shared';
import { areaRouter } from '../http/router.js';
import * as deliveriesCreate from '../http/deliveries/create.js';
import * as deliveriesList from '../http/deliveries/list.js';
import * as deliveriesGet from '../http/deliveries/get.js';
import * as deliveriesShare from '../http/deliveries/share.js';
import * as deliveriesOpen from '../http/deliveries/open.js';
import * as customerReturnsCreate from '../http/customerReturns/create.js';
import * as customerReturnsGet from '../http/customerReturns/get.js';
import * as deliveriesNote from '../http/deliveries/note.js';

export const handler = areaRouter('delivery', deliveryAreaRoutes, {
  'deliveries.create': deliveriesCreate,
  'deliveries.list': deliveriesList,
  'deliveries.get': deliveriesGet,
  'deliveries.share': deliveriesShare,
  'deliveries.open': deliveriesOpen,
  'deliveries.note': deliveriesNote,
  'customerReturns.create': customerReturnsCreate,
  'customerReturns.get': customerReturnsGet,
});
