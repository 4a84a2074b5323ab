export {
  planDelivery,
  deliveredAfterReturn,
  type DeliveryItemInfo,
  type PlannedDelivery,
  type PlannedDeliveryLine,
  type OrderAfterDelivery,
} from './delivery.js';
export { deliveryNoteHtml, escapeHtml, type DeliveryNoteView } from './note.js';
