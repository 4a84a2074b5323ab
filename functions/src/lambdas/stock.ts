// The stock area's Lambda: every route of the area behind one router (src/http/areas.ts).
import { stockAreaRoutes } from '@factory/shared';
import { areaRouter } from '../http/router.js';
import * as stockReceipts from '../http/stock/receipts.js';
import * as stockIssues from '../http/stock/issues.js';
import * as stockTransfers from '../http/stock/transfers.js';
import * as stockAdjustments from '../http/stock/adjustments.js';
import * as stockDocument from '../http/stock/document.js';
import * as stockBalances from '../http/stock/balances.js';
import * as stockMoves from '../http/stock/moves.js';
import * as stockCustomerStock from '../http/stock/customerStock.js';

export const handler = areaRouter('stock', stockAreaRoutes, {
  'stock.receipts': stockReceipts,
  'stock.issues': stockIssues,
  'stock.transfers': stockTransfers,
  'stock.adjustments': stockAdjustments,
  'stock.document': stockDocument,
  'stock.balances': stockBalances,
  'stock.moves': stockMoves,
  'stock.customerStock': stockCustomerStock,
});
