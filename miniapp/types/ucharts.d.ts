/** uCharts 2.x (@qiun/ucharts, Apache-2.0): the part of its options the dashboard uses. */
declare module '@qiun/ucharts' {
  export type UChartsOptions = {
    type: 'column' | 'line' | 'bar';
    context: CanvasRenderingContext2D;
    width: number;
    height: number;
    pixelRatio: number;
    categories: string[];
    series: { name: string; data: (number | null)[]; color?: string }[];
    animation?: boolean;
    background?: string;
    color?: string[];
    padding?: number[];
    fontSize?: number;
    dataLabel?: boolean;
    legend?: { show?: boolean; position?: string; fontSize?: number };
    xAxis?: {
      disableGrid?: boolean;
      fontSize?: number;
      rotateLabel?: boolean;
      rotateAngle?: number;
    };
    yAxis?: { data?: { min?: number; max?: number }[]; gridType?: string; dashLength?: number };
    extra?: Record<string, unknown>;
  };
  export default class UCharts {
    constructor(options: UChartsOptions);
  }
}
