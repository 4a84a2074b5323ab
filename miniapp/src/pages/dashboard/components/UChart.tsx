import UCharts from '@qiun/ucharts';
import { Canvas, View } from '@tarojs/components';
import { useEffect } from 'react';
import { canvas2d } from '../../../platform/canvas';

/** A series; a null point is a gap (a week with nothing to rate). */
export type ChartSeries = { name: string; data: (number | null)[]; color: string };

/**
 * A chart drawn by uCharts (docs/dashboard.md: chosen for size) on a 2d canvas, the same code
 * in WeCom (Canvas type="2d") and H5. It draws only: the exact figures are the text beside it.
 */
export function UChart(props: {
  id: string;
  testId: string;
  type: 'column' | 'line' | 'bar';
  categories: string[];
  series: ChartSeries[];
  height?: number;
  max?: number;
  /** Long axis labels (item codes) are drawn slanted. */
  rotateLabels?: boolean;
}) {
  const height = props.height ?? 200;
  const data = JSON.stringify([
    props.type,
    props.categories,
    props.series,
    props.max,
    props.rotateLabels,
  ]);
  useEffect(() => {
    let cancelled = false;
    // After the canvas is laid out.
    const timer = setTimeout(() => {
      void canvas2d(props.id).then((c) => {
        if (!c || cancelled) return;
        new UCharts({
          type: props.type,
          context: c.context,
          width: c.width * c.pixelRatio,
          height: c.height * c.pixelRatio,
          pixelRatio: c.pixelRatio,
          categories: props.categories,
          series: props.series,
          color: props.series.map((s) => s.color),
          animation: false,
          background: '#FFFFFF',
          padding: [12, 8, 4, 4],
          fontSize: 12,
          dataLabel: false,
          legend: { show: props.series.length > 1, position: 'top' },
          xAxis: {
            disableGrid: true,
            ...(props.rotateLabels ? { rotateLabel: true, rotateAngle: 30 } : {}),
          },
          yAxis: {
            data: [{ min: 0, ...(props.max !== undefined ? { max: props.max } : {}) }],
            gridType: 'dash',
            dashLength: 4,
          },
          extra: {
            column: { type: 'group', width: 14, seriesGap: 2 },
            bar: { type: 'group', width: 14 },
            line: { type: 'straight', width: 2 },
          },
        });
      });
    }, 30);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [props.id, data]);
  return (
    <View className="dash-chart" data-testid={props.testId}>
      <Canvas
        type="2d"
        id={props.id}
        canvasId={props.id}
        style={{ width: '100%', height: `${height}px`, display: 'block' }}
      />
    </View>
  );
}
