import type { TaskOrderProgress } from '@factory/shared';
import type { TaskOrderFacts } from '../../domain/shopfloor/index.js';

export function taskOrderProgress(o: TaskOrderFacts): TaskOrderProgress {
  return {
    no: o.no,
    item: o.item,
    qty: o.qty,
    received: o.received,
    reportedGood: o.reportedGood,
    reportedScrap: o.reportedScrap,
    status: o.status,
    issued: o.issued,
  };
}
