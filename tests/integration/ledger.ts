import type { Balance, Move, Page } from '@factory/shared';
import { qty } from '@factory/shared';
import type { Api } from './harness.js';

/** Every move of an item, all pages. */
export async function allMoves(api: Api, token: string, item: string): Promise<Move[]> {
  const out: Move[] = [];
  let cursor: string | null = null;
  do {
    const path: string = `/api/stock/moves?item=${item}&limit=500${cursor ? `&cursor=${cursor}` : ''}`;
    const page: { body: Page<Move> } = await api.call<Page<Move>>('GET', path, { token });
    out.push(...page.body.items);
    cursor = page.body.nextCursor;
  } while (cursor);
  return out;
}

export async function balancesOf(api: Api, token: string, item: string): Promise<Balance[]> {
  const res = await api.call<Page<Balance>>(
    'GET',
    `/api/stock/balances?item=${item}&includeZero=true&limit=500`,
    {
      token,
    },
  );
  return res.body.items;
}

export async function balanceQty(
  api: Api,
  token: string,
  item: string,
  warehouse: string,
  status = 'available',
) {
  const b = (await balancesOf(api, token, item)).find(
    (x) => x.warehouse === warehouse && x.status === status,
  );
  return b?.qty ?? '0';
}

/** The ledger law: per balance, the moves sum exactly to the balance. */
export async function expectLedgerBalances(api: Api, token: string, item: string): Promise<void> {
  const sums = new Map<string, ReturnType<typeof qty>>();
  for (const m of await allMoves(api, token, item)) {
    const id = `${m.warehouse}|${m.status}|${m.lot}|${m.trackingNo}`;
    sums.set(id, (sums.get(id) ?? qty(0)).plus(m.qty));
  }
  const balances = new Map(
    (await balancesOf(api, token, item)).map((b) => [
      `${b.warehouse}|${b.status}|${b.lot}|${b.trackingNo}`,
      b.qty,
    ]),
  );
  for (const [id, sum] of sums)
    expect(`${id}=${balances.get(id) ?? '0'}`).toBe(`${id}=${sum.toFixed()}`);
  for (const [id, b] of balances)
    expect(`${id}=${(sums.get(id) ?? qty(0)).toFixed()}`).toBe(`${id}=${b}`);
}
