// Events over time as bars stacked by series, with a brush that selects a time range. Rows in, SVG out.

import * as d3 from 'd3';
import { chartWidth, fmtCount, fmtDayUtc, fmtFull, fmtHourUtc, frame, tooltip, utcTick } from './frame.ts';

export interface TimeRow { x: number; series: string; n: number }

export interface TimelineOptions {
  title: string;
  /** Bucket width in ms (an hour or a day). */
  step: number;
  colour: (series: string) => string;
  label?: (series: string) => string;
  /** Whole loaded span, so the axis does not jump when filters thin the bars out. */
  domain?: [number, number];
  selection?: [number, number] | null;
  onBrush?: (range: [number, number] | null) => void;
  height?: number;
}

/** What the last drawing on an element showed, and how to move its brush. */
interface Drawn { svg: SVGSVGElement; rows: TimeRow[]; width: number; o: TimelineOptions; move: (selection: [number, number] | null) => void }
const drawn = new WeakMap<HTMLElement, Drawn>();

const sameRows = (a: TimeRow[], b: TimeRow[]) => a.length === b.length && a.every((r, i) => r.x === b[i].x && r.series === b[i].series && r.n === b[i].n);
/** Whether two option sets draw the same bars: every option but the brushed range (and its handler) counts. */
function sameLook(a: TimelineOptions, b: TimelineOptions): boolean {
  if (!a.onBrush !== !b.onBrush) return false;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)] as (keyof TimelineOptions)[]);
  for (const k of keys) {
    if (k === 'selection' || k === 'onBrush') continue;
    if (k === 'domain' ? a.domain?.[0] !== b.domain?.[0] || a.domain?.[1] !== b.domain?.[1] : a[k] !== b[k]) return false;
  }
  return true;
}

/**
 * Draws the timeline. The timeline ignores the time filter, so a brush or a time-range change usually leaves its
 * bars as they were: then only the brush moves, instead of rebuilding the chart on every filter change.
 */
export function drawTimeline(el: HTMLElement, rows: TimeRow[], o: TimelineOptions): void {
  const last = drawn.get(el);
  if (last && last.svg.parentNode === el && last.width === chartWidth(el) && sameLook(last.o, o) && sameRows(last.rows, rows)) {
    last.move(o.selection ?? null);
    return;
  }
  drawn.delete(el);
  const { svg, width, height } = frame(el, o.height ?? 240, o.title);
  const m = { top: 10, right: 14, bottom: 26, left: 52 };
  const xs = [...new Set(rows.map((r) => r.x))].sort((a, b) => a - b);
  const series = [...new Set(rows.map((r) => r.series))].sort();
  const table = new Map<number, Record<string, number>>(xs.map((x) => [x, { x, ...Object.fromEntries(series.map((s) => [s, 0])) }]));
  for (const r of rows) table.get(r.x)![r.series] += r.n;
  const stacked = d3.stack<Record<string, number>>().keys(series)([...table.values()]);

  const lo = Math.floor((o.domain?.[0] ?? xs[0] ?? 0) / o.step) * o.step;
  const hi = Math.floor((o.domain?.[1] ?? xs.at(-1) ?? 0) / o.step) * o.step + o.step;
  const x = d3.scaleUtc().domain([lo, hi]).range([m.left, width - m.right]);
  const top = d3.max(stacked.at(-1) ?? [], (d) => d[1]) ?? 1;
  const y = d3.scaleLinear().domain([0, Math.max(1, top)]).nice().range([height - m.bottom, m.top]);
  const bar = Math.max(1, x(lo + o.step) - x(lo) - (width > 600 ? 1 : 0));

  svg.append('g').attr('class', 'grid').attr('transform', `translate(${m.left},0)`)
    .call(d3.axisLeft(y).ticks(4).tickSize(-(width - m.left - m.right)).tickFormat(() => ''))
    .call((g) => g.select('.domain').remove());
  svg.append('g').attr('class', 'axis').attr('transform', `translate(0,${height - m.bottom})`)
    .call(d3.axisBottom(x).ticks(Math.max(2, Math.floor(width / 90))).tickFormat(utcTick).tickSizeOuter(0));
  svg.append('g').attr('class', 'axis').attr('transform', `translate(${m.left},0)`)
    .call(d3.axisLeft(y).ticks(4).tickFormat((d) => fmtCount(Number(d))))
    .call((g) => g.select('.domain').remove());

  const tip = tooltip(el);
  const when = o.step < 86_400_000 ? fmtHourUtc : fmtDayUtc;
  svg.append('g').attr('class', 'bars').selectAll('g').data(stacked).join('g')
    .attr('fill', (s) => o.colour(s.key))
    .selectAll('rect').data((s) => s.map((d) => ({ d, key: s.key }))).join('rect')
    .attr('x', ({ d }) => x(d.data.x)).attr('width', bar)
    .attr('y', ({ d }) => y(d[1])).attr('height', ({ d }) => Math.max(0, y(d[0]) - y(d[1])));

  if (!o.onBrush) return;
  const onBrush = o.onBrush;
  const node = svg.node()!;
  const brush = d3.brushX().extent([[m.left, m.top], [width - m.right, height - m.bottom]])
    .on('end', (event: d3.D3BrushEvent<unknown>) => {
      if (!event.sourceEvent) return;
      const s = event.selection as [number, number] | null;
      onBrush(s ? [x.invert(s[0]).getTime(), x.invert(s[1]).getTime()] : null);
    });
  const g = svg.append('g').attr('class', 'brush').call(brush);
  const move = (sel: [number, number] | null) => g.call(brush.move, sel ? [x(sel[0]), x(sel[1])] : null);
  if (o.selection) move(o.selection);
  drawn.set(el, { svg: node, rows, width, o, move });
  // hover read-out through the brush overlay: the bucket under the pointer, every series in it
  g.on('mousemove.tip', (event: MouseEvent) => {
    const at = x.invert(d3.pointer(event, svg.node())[0]).getTime();
    const bucket = table.get(Math.floor(at / o.step) * o.step);
    if (!bucket) { tip.hide(); return; }
    const total = series.reduce((t, s) => t + bucket[s], 0);
    tip.show(event, [`${when(new Date(bucket.x))} UTC · ${fmtFull(total)} events`,
      ...series.filter((s) => bucket[s] > 0).map((s) => `${o.label?.(s) ?? s}: ${fmtFull(bucket[s])}`)]);
  }).on('mouseleave.tip', () => tip.hide());
}
