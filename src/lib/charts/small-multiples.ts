// One small area chart per panel (e.g. per category), sharing the time axis, each with its own scale.

import * as d3 from 'd3';
import { chartWidth, fmtCount, fmtDayUtc, fmtFull, frame, tooltip } from './frame.ts';

export interface PanelRow { panel: string; x: number; n: number }

export interface MultiplesOptions { title: string; colour: (panel: string) => string; label?: (panel: string) => string; domain?: [number, number] }

export function drawSmallMultiples(el: HTMLElement, rows: PanelRow[], o: MultiplesOptions): void {
  const panels = d3.groups(rows, (r) => r.panel).sort((a, b) => d3.sum(b[1], (r) => r.n) - d3.sum(a[1], (r) => r.n));
  const probe = chartWidth(el);
  const cols = Math.max(1, Math.min(3, Math.floor(probe / 260)));   // a panel title and its "n · peak" need ~260 px
  const pw = Math.floor(probe / cols), ph = 92;
  const { svg } = frame(el, Math.ceil(panels.length / cols) * ph + 4, o.title);
  const lo = o.domain?.[0] ?? d3.min(rows, (r) => r.x) ?? 0;
  const hi = o.domain?.[1] ?? d3.max(rows, (r) => r.x) ?? 1;
  const x = d3.scaleUtc().domain([lo, Math.max(hi, lo + 1)]).range([8, pw - 16]);
  const tip = tooltip(el);

  panels.forEach(([panel, points], i) => {
    const g = svg.append('g').attr('transform', `translate(${(i % cols) * pw},${Math.floor(i / cols) * ph})`);
    const sorted = points.slice().sort((a, b) => a.x - b.x);
    const max = d3.max(sorted, (r) => r.n) || 1;
    const y = d3.scaleLinear().domain([0, max]).range([ph - 14, 30]);
    const colour = o.colour(panel);
    g.append('text').attr('class', 'panel-title').attr('x', 8).attr('y', 14).text(o.label?.(panel) ?? panel);
    g.append('text').attr('class', 'axis-label').attr('x', pw - 16).attr('y', 14).attr('text-anchor', 'end')
      .text(`${fmtCount(d3.sum(sorted, (r) => r.n))} · peak ${fmtCount(max)}/day`);
    g.append('line').attr('class', 'baseline').attr('x1', 8).attr('x2', pw - 16).attr('y1', ph - 14).attr('y2', ph - 14);
    g.append('path').datum(sorted).attr('fill', colour).attr('fill-opacity', 0.3)
      .attr('d', d3.area<(typeof sorted)[number]>().x((r) => x(r.x)).y0(ph - 14).y1((r) => y(r.n)).curve(d3.curveMonotoneX));
    g.append('path').datum(sorted).attr('fill', 'none').attr('stroke', colour).attr('stroke-width', 1.5)
      .attr('d', d3.line<(typeof sorted)[number]>().x((r) => x(r.x)).y((r) => y(r.n)).curve(d3.curveMonotoneX));
    g.append('rect').attr('width', pw).attr('height', ph).attr('fill', 'transparent')
      .on('mousemove', (event: MouseEvent) => {
        const at = x.invert(d3.pointer(event, g.node())[0]).getTime();
        const near = d3.least(sorted, (r) => Math.abs(r.x - at));
        if (near) tip.show(event, [o.label?.(panel) ?? panel, `${fmtDayUtc(new Date(near.x))} UTC: ${fmtFull(near.n)} events`]);
      })
      .on('mouseleave', () => tip.hide());
  });
}
