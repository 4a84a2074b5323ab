/** What the costing workflow passes from task to task: a pointer to the period's run. */
export type CostingPointer = { tenant: string; period: string; runId: string };
