import type { DocumentLabels } from '@factory/shared';
import { Text, View } from '@tarojs/components';
import { itemName, itemQty } from '../lib/labels';

/**
 * The task order a page works on: its number (test id `<testId>-order`), the product by name
 * with its code, and the quantity with its unit.
 */
export function OrderHeader(props: {
  testId: string;
  order?: { no: string; item: string; qty: string; labels?: DocumentLabels };
}) {
  const { order } = props;
  if (!order) return null;
  return (
    <View className="card">
      <View className="title" data-testid={`${props.testId}-order`}>
        {order.no}
      </View>
      <View>
        {itemName(order.item, order.labels)} <Text className="muted">{order.item}</Text>
      </View>
      <View className="muted">计划 {itemQty(order.item, order.qty, order.labels)}</View>
    </View>
  );
}
