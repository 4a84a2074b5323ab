import { Input, Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { isShort, type PickLine } from '../lib/pickList';

/**
 * One line of a pick list: item, where it is taken from, what is open and in stock, whether
 * its location and item were scanned, and (once scanned) the quantity taken, which the clerk
 * may lower. Test ids: `<testId>-line-<key>` and its `-located`, `-ok`, `-qty`, `-pick`.
 */
export function PickLineRow(props: {
  testId: string;
  line: PickLine;
  name?: string;
  /** '待领' for one order, '合计' for a merged list. */
  openLabel: string;
  active: boolean;
  located: boolean;
  /** The quantity taken once scanned; undefined before. */
  taken?: string;
  onTap: () => void;
  onTaken: (qty: string) => void;
  children?: ReactNode;
}) {
  const { line: l, taken } = props;
  const id = `${props.testId}-line-${l.key}`;
  return (
    <View
      className={`list-item${props.active ? ' tab-active' : ''}`}
      data-testid={id}
      onClick={props.onTap}
    >
      <View className="row">
        <Text>
          {l.item} {props.name ?? ''}
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
        仓库 {l.warehouse}
        {l.source ? ` · ${l.source}` : ''} · {props.openLabel} {l.open} · 库存 {l.available}
      </View>
      {props.children}
      {taken !== undefined ? (
        <Input
          className="input"
          data-testid={`${id}-pick`}
          type="digit"
          value={taken}
          onInput={(e) => props.onTaken(e.detail.value)}
        />
      ) : null}
    </View>
  );
}
