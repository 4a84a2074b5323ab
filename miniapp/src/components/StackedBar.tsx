import { Text, View } from '@tarojs/components';
import type { Segment } from '../lib/costing';
import { formatYuan } from '../lib/format';

/**
 * A cost's composition as one horizontal bar of plain Views (each element's share as a
 * percentage width, its colour) with a legend of names and amounts: identical in the
 * mini-program and in H5, no chart library. Each segment carries its amount (data-amount,
 * aria-label) so tests and screen readers read what it stands for.
 */
export function StackedBar(props: { testId: string; segments: Segment[]; legend?: boolean }) {
  const { testId, segments } = props;
  return (
    <View className="stack" data-testid={testId}>
      <View className="stack-track">
        {segments
          .filter((s) => s.width !== '0%')
          .map((s) => (
            <View
              key={s.key}
              className="stack-seg"
              data-testid={`${testId}-seg-${s.key}`}
              data-amount={s.amount}
              data-width={s.width}
              aria-label={`${s.label} ${formatYuan(s.amount)}`}
              style={{ width: s.width, background: s.colour }}
            />
          ))}
      </View>
      {props.legend === false ? null : (
        <View className="legend">
          {segments.map((s) => (
            <View key={s.key} className="legend-row" data-testid={`${testId}-legend-${s.key}`}>
              <View className="legend-dot" style={{ background: s.colour }} />
              <Text className="legend-label">{s.label}</Text>
              <Text className="legend-amount" data-testid={`${testId}-legend-${s.key}-amount`}>
                {formatYuan(s.amount)}
              </Text>
              <Text className="legend-share">{s.width === '0%' ? '' : s.width}</Text>
            </View>
          ))}
        </View>
      )}
    </View>
  );
}
