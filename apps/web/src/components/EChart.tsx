import { BarChart, LineChart } from 'echarts/charts';
import { DataZoomComponent, GridComponent, LegendComponent, TitleComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import type { EChartsCoreOption, EChartsType } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

// Only the pieces the pages draw, so the bundle carries line and bar charts and nothing else.
echarts.use([LineChart, BarChart, GridComponent, TitleComponent, TooltipComponent, LegendComponent, DataZoomComponent, CanvasRenderer]);

interface EChartProps {
  option: EChartsCoreOption;
  /** What the chart shows, read out by screen readers in place of the canvas. */
  label: string;
  height?: number;
  onReady?: (chart: EChartsType | null) => void;
  testId?: string;
}

/**
 * An Apache ECharts chart that follows its container's width (phones included) and is disposed with
 * the component. The canvas is hidden from assistive technology; `label` summarises it instead.
 */
export function EChart({ option, label, height = 320, onReady, testId }: EChartProps) {
  const container = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);
  const ready = useRef(onReady);
  ready.current = onReady;

  useEffect(() => {
    const el = container.current;
    if (!el) return;
    const instance = echarts.init(el, undefined, { renderer: 'canvas' });
    chart.current = instance;
    ready.current?.(instance);
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(el);
    return () => {
      observer.disconnect();
      ready.current?.(null);
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return <div ref={container} className="echart" role="img" aria-label={label} style={{ height }} data-testid={testId} />;
}
