// Warning volume: today's 10-minute buckets stacked by risk level, against yesterday's line.
import type { Volume } from '../../../shared/protocol/wall-state';
import { BUCKETS_PER_DAY, BUCKET_MINUTES } from '../../../shared/time/zoned-calendar';
import { RISK_LEVEL_LABELS, RISK_LEVELS } from '../../../shared/vocabulary';
import type { WallChartOption } from '../echarts';
import { axisText, COLORS, FONT } from '../theme';

const BUCKET_LABELS = Array.from({ length: BUCKETS_PER_DAY }, (_, i) => {
  const minutes = i * BUCKET_MINUTES;
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
});

export function volumeOption(volume: Volume): WallChartOption {
  const today = (level: (typeof RISK_LEVELS)[number]) =>
    BUCKET_LABELS.map((_, i) => volume.today[String(i)]?.[level] ?? 0);
  const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
  const [high, medium, low] = [sum(today('high')), sum(today('medium')), sum(today('low'))];
  const yesterday = BUCKET_LABELS.map((_, i) => volume.yesterday[String(i)] ?? 0);
  return {
    // 432 bars are no sentence: describe the totals instead (screen readers, and tests).
    aria: {
      enabled: true,
      label: {
        description: `今日预警${high + medium + low}起，其中高风险${high}起、中风险${medium}起、低风险${low}起；昨日全天${sum(yesterday)}起。`,
      },
    },
    // 432 bars redrawn in motion every second would keep a 4K wall's main thread busy: the
    // current bucket simply grows.
    animationDurationUpdate: 0,
    grid: { left: 52, right: 16, top: 44, bottom: 36 },
    legend: {
      top: 0,
      right: 0,
      itemWidth: 18,
      itemHeight: 12,
      textStyle: { color: COLORS.text, fontSize: FONT.legend, fontFamily: FONT.family },
    },
    xAxis: {
      type: 'category',
      data: BUCKET_LABELS,
      axisLabel: { ...axisText, interval: 35 },
      axisLine: { lineStyle: { color: COLORS.border } },
      axisTick: { show: false },
    },
    yAxis: {
      type: 'value',
      minInterval: 1,
      axisLabel: axisText,
      splitLine: { lineStyle: { color: COLORS.border, opacity: 0.4 } },
    },
    series: [
      ...(['low', 'medium', 'high'] as const).map((level) => ({
        type: 'bar' as const,
        name: `今日${RISK_LEVEL_LABELS[level]}`,
        stack: 'today',
        barCategoryGap: '15%',
        data: today(level),
        itemStyle: { color: COLORS[level] },
      })),
      {
        type: 'line',
        name: '昨日',
        data: yesterday,
        symbol: 'none',
        smooth: true,
        lineStyle: { color: COLORS.yesterday, width: 2, type: 'dashed' },
        itemStyle: { color: COLORS.yesterday },
      },
    ],
  };
}
