import { Input, Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { qtyWithUnit } from '../lib/format';
import { isShort, type PickLine } from '../lib/pickList';

/** The element id of a line's row (scrolled to when a scan jumps to it). */
export const pickRowId = (testId: string, key: string): string =>
  `${testId}-row-${key.replace(/[^A-Za-z0-9_-]/g, '_')}`;

/**
 * One line of a pick list: item, where it is taken from, what is open and in stock, whether
 * its location and item were scanned, and (once scanned) the quantity taken, which the clerk
 * may lower. Test ids: `<testId>-line-<key>` and its `-located`, `-ok`, `-qty`, `-pick`, `-pick-error`.
 */
export function PickLineRow(props: {
  testId: string;
  line: PickLine;
  name?: string;
  /** The item's unit name, shown with every quantity. */
  unit?: string | undefined;
  /** The warehouse as people say it (原料仓 RM); its code when not given. */
  warehouse?: string;
  /** '待领' for one order, '合计' for a merged list. */
  openLabel: string;
  active: boolean;
  located: boolean;
  /** The quantity taken once scanned; undefined before. */
  taken?: string;
  /** What is wrong with the quantity taken (shown under it; cleared when it is changed). */
  takenError?: string | undefined;
  /** The item's 库位 (bin), when the item master names one. */
  location?: string;
  onTap: () => void;
  onTaken: (qty: string) => void;
  children?: ReactNode;
}) {
  const { line: l, taken } = props;
  const id = `${props.testId}-line-${l.key}`;
  return (
    <View
      id={pickRowId(props.testId, l.key)}
      className={`list-item${props.active ? ' tab-active' : ''}`}
      data-testid={id}
      data-active={props.active ? 'true' : 'false'}
      onClick={props.onTap}
    >
      <View className="row">
        <Text>
          {props.name ? (
            <>
              {props.name} <Text className="muted">{l.item}</Text>
            </>
          ) : (
            l.item
          )}
        </Text>
        <View className="row">
          {props.located && taken === undefined ? (
            <View className="tag tag-confirmed" data-testid={`${id}-located`}>
              库位已确认
            </View>
          ) : null}
          {taken !== undefined ? (
            <View className="tag tag-confirmed" data-testid={`${id}-ok`}>
              已扫码
            </View>
          ) : isShort(l) ? (
            <View className="tag tag-rejected">库存不足</View>
          ) : null}
        </View>
      </View>
      <View className="muted" data-testid={`${id}-qty`}>
        仓库 {props.warehouse ?? l.warehouse}
        {l.source ? ` · ${l.source}` : ''} · {props.openLabel} {qtyWithUnit(l.open, props.unit)} ·
        库存 {qtyWithUnit(l.available, props.unit)}
      </View>
      {props.location ? (
        <View className="muted" data-testid={`${id}-location`}>
          库位 {props.location}
        </View>
      ) : null}
      {props.children}
      {taken !== undefined ? (
        <View className="field">
          <Input
            className={`input${props.takenError ? ' input-error' : ''}`}
            data-testid={`${id}-pick`}
            type="digit"
            value={taken}
            onInput={(e) => props.onTaken(e.detail.value)}
          />
          {props.takenError ? (
            <Text className="field-error" data-testid={`${id}-pick-error`}>
              {props.takenError}
            </Text>
          ) : null}
        </View>
      ) : null}
    </View>
  );
}
