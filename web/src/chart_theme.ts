// The charts' colours in the dark theme (an ECharts theme object): light words and axes on the
// page's dark cards, the background left to the card. In the light theme ECharts' own defaults
// are used. Charts are made in the theme current when their page is drawn (main.ts draws the
// page again when the theme changes).
import { isDark } from './theme';

const ink = '#e4e9ee';
const muted = '#a9b4bf';
const line = '#4a5866';
const axis = {
  axisLine: { lineStyle: { color: line } },
  axisTick: { lineStyle: { color: line } },
  axisLabel: { color: muted },
  splitLine: { lineStyle: { color: '#2b3640' } },
  nameTextStyle: { color: muted },
};

const dark = {
  backgroundColor: 'transparent',
  textStyle: { color: ink },
  title: { textStyle: { color: ink }, subtextStyle: { color: muted } },
  legend: { textStyle: { color: ink }, pageTextStyle: { color: muted }, pageIconColor: ink, pageIconInactiveColor: line },
  tooltip: { backgroundColor: '#222c36', borderColor: line, textStyle: { color: ink } },
  categoryAxis: axis,
  valueAxis: axis,
  visualMap: { textStyle: { color: ink } },
  markLine: { label: { color: ink } },
  bar: { label: { color: ink, textBorderWidth: 0 } },
  line: { label: { color: ink, textBorderWidth: 0 } },
};

// The theme to make a chart with now: undefined (ECharts' light defaults) or the dark one.
export function chartTheme(): object | undefined {
  return isDark() ? dark : undefined;
}
