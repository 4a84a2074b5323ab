import type { PickList, TaskNeed } from '@factory/shared';
import { sourceKey, sourceLabel } from './pickList';
import {
  compareDecimal,
  isPositiveDecimal,
  minDecimal,
  multiplyDecimal,
  roundUpDecimal,
} from './decimal';

/**
 * 齐套领料 (kit issue by N sets): what the server's pick list says one set needs per component
 * and how many sets stock allows, and what N sets would issue. The server computes a
 * component's quantity as N × per set, rounded up to the component's unit precision, at most
 * what remains of its need; the page shows the same figure before the clerk confirms.
 */
export type KitRow = {
  key: string;
  item: string;
  warehouse: string;
  /** Not the available, untracked pool (zh-CN), or ''. */
  source: string;
  /** Per set (qty per parent unit with loss, through phantoms). */
  perSet: string;
  available: string;
  /** Sets this component's stock allows. */
  sets: string;
  /** Still to issue for the order (item and warehouse). */
  open: string;
  /** What N sets issue; undefined while N is not a positive number. */
  issue?: string;
  /** Stock allows fewer sets than N. */
  short: boolean;
};

export type Kit = NonNullable<PickList['kit']>;

export function kitRows(
  list: PickList,
  sets: string,
  precisionOf: (item: string) => number | undefined,
): KitRow[] {
  const kit = list.kit;
  if (!kit) return [];
  const n = sets.trim();
  const valid = isPositiveDecimal(n);
  return kit.components.map((c) => {
    const key = sourceKey(c);
    const open = list.lines.find((l) => sourceKey(l) === key)?.qty;
    const left = open ?? '0';
    const precision = precisionOf(c.item);
    const raw = valid ? multiplyDecimal(n, c.perSet) : undefined;
    const rounded =
      raw === undefined || precision === undefined ? raw : roundUpDecimal(raw, precision);
    return {
      key,
      item: c.item,
      warehouse: c.warehouse,
      source: sourceLabel(c),
      perSet: c.perSet,
      available: c.available,
      sets: c.sets,
      open: left,
      ...(rounded === undefined ? {} : { issue: minDecimal(rounded, left) }),
      // Short only where stock is what stops N sets: past the remaining need, the need is the
      // limit (checkSets says so once) and no row is marked.
      short: valid && compareDecimal(n, kit.remainingSets) <= 0 && compareDecimal(c.sets, n) < 0,
    };
  });
}

/**
 * What the N field says before anything is sent (zh-CN): an error blocks the submit (not a
 * number, more than remains of the order); a warning does not (stock moves, the server
 * decides and refuses with the sets it allows).
 */
export function checkSets(
  sets: string,
  kit: Kit | undefined,
): { error?: string; warning?: string } {
  const n = sets.trim();
  if (!kit || !kit.components.length) return { error: '本生产任务单没有可齐套领料的物料' };
  if (compareDecimal(kit.remainingSets, '0') <= 0) return { error: '本生产任务单已无待领的套数' };
  if (!n) return { error: '请输入套数' };
  if (!isPositiveDecimal(n)) return { error: '套数须为大于 0 的数字' };
  if (compareDecimal(n, kit.remainingSets) > 0) {
    return { error: `超出剩余需求：最多还能领 ${kit.remainingSets} 套` };
  }
  if (compareDecimal(n, kit.maxSets) > 0) {
    return { warning: `超出当前库存可齐套数（最多 ${kit.maxSets} 套）` };
  }
  return {};
}

/**
 * The phantom sub-assemblies a skip-level issue may go through (跨级领料): every phantom on
 * the way to a hand-issued need, outermost first, each once.
 */
export function phantomsOf(needs: readonly TaskNeed[]): string[] {
  const out: string[] = [];
  for (const n of needs) {
    if (n.issueMethod !== 'manual') continue;
    for (const p of n.phantomPath ?? []) if (!out.includes(p)) out.push(p);
  }
  return out;
}

/** A refused kit issue as the page tells it: the message, and the sets the clerk may take. */
export type KitRefusal = { message: string; sets?: string; limiting: string[] };

type ErrorLike = { code?: string; message: string; details?: Record<string, unknown> };

/**
 * 409 issue.kitExceedsStock (details.maxSets, requested, limiting components) and 422
 * issue.overIssue (details.remainingSets) become a zh-CN message with the number of sets
 * offered instead; any other error is not a kit refusal (undefined).
 */
export function kitRefusal(err: ErrorLike): KitRefusal | undefined {
  const d = err.details ?? {};
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  if (err.code === 'issue.kitExceedsStock') {
    const max = str(d.maxSets) ?? '0';
    const requested = str(d.requested);
    const limiting = Array.isArray(d.limiting)
      ? (d.limiting as Record<string, unknown>[]).map(
          (c) =>
            `${str(c.item) ?? ''}（${str(c.warehouse) ?? ''}）库存 ${str(c.available) ?? '?'}，仅够 ${str(c.sets) ?? '?'} 套`,
        )
      : [];
    const enough = compareDecimal(max, '0') > 0;
    return {
      message: enough
        ? `库存仅够 ${max} 套${requested ? `，不能领 ${requested} 套` : ''}`
        : '库存不足一套，无法齐套领料',
      ...(enough ? { sets: max } : {}),
      limiting,
    };
  }
  if (err.code === 'issue.overIssue' && str(d.remainingSets)) {
    const left = str(d.remainingSets)!;
    const some = compareDecimal(left, '0') > 0;
    return {
      message: some ? `超出剩余需求：最多还能领 ${left} 套` : '本生产任务单已无待领的套数',
      ...(some ? { sets: left } : {}),
      limiting: [],
    };
  }
  return undefined;
}

/**
 * Why not even one set can be issued: the components whose stock is below one set (sets 0),
 * each with what it has and what a set needs. Empty when at least one set is possible.
 */
export function zeroSetReasons(
  kit: Kit | undefined,
  label: (item: string) => string,
  /** A quantity of the item as shown (with its unit). */
  qty: (item: string, qty: string) => string = (_item, q) => q,
): { item: string; text: string }[] {
  if (!kit || compareDecimal(kit.maxSets, '0') > 0) return [];
  return kit.components
    .filter((c) => compareDecimal(c.sets, '0') <= 0)
    .map((c) => ({
      item: c.item,
      text: `${label(c.item)}：库存 ${qty(c.item, c.available)}，每套需 ${qty(c.item, c.perSet)}`,
    }));
}
