import { Text, View } from '@tarojs/components';

export type Bar = {
  key: string;
  label: string;
  /** Bar length as a CSS percentage ("0%" to "100%"). */
  width: string;
  /** What the bar stands for, shown at its end ("80.00%", "12 件"). */
  value: string;
  /** A second mark on the same scale (a Pareto's running share), as a CSS percentage. */
  marker?: string;
};

/**
 * A horizontal bar chart made of plain Views (widths by percentage): the same in the
 * mini-program and in H5, and no chart library in the bundle (issue 16 chooses one).
 */
export function BarChart(props: { testId: string; bars: Bar[]; tone?: 'blue' | 'red' | 'orange' }) {
  return (
    <View className="bar-chart" data-testid={props.testId}>
      {props.bars.map((b) => (
        <View key={b.key} className="bar-row" data-testid={`${props.testId}-${b.key}`}>
          <Text className="bar-label">{b.label}</Text>
          <View className="bar-track">
            <View className={`bar-fill bar-${props.tone ?? 'blue'}`} style={{ width: b.width }} />
            {b.marker ? <View className="bar-marker" style={{ left: b.marker }} /> : null}
          </View>
          <Text className="bar-value" data-testid={`${props.testId}-${b.key}-value`}>
            {b.value}
          </Text>
        </View>
      ))}
    </View>
  );
}
