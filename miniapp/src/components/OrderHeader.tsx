import { View } from '@tarojs/components';

/** The task order a page works on: its number (test id `<testId>-order`), item and quantity. */
export function OrderHeader(props: {
  testId: string;
  order?: { no: string; item: string; qty: string };
}) {
  const { order } = props;
  if (!order) return null;
  return (
    <View className="card">
      <View className="title" data-testid={`${props.testId}-order`}>
        {order.no}
      </View>
      <View className="muted">
        {order.item} × {order.qty}
      </View>
    </View>
  );
}
