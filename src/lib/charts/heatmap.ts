// Weekday × hour-of-day grid (UTC), shaded by count on scales that vary in lightness (readable with colour-vision
// deficiencies): busier is darker blue on a light page, brighter on the cividis scale on a dark one.

import * as d3 from 'd3';
import { chartWidth, fmtCount, fmtFull, frame, tooltip } from './frame.ts';

export interface CellRow { weekday: number; hour: number; n: number }

const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

export function drawHeatmap(el: HTMLElement, rows: CellRow[], o: { title: string; dark?: boolean }): void {
  const m = { top: 8, right: 12, bottom: 46, left: 40 };
  const probe = chartWidth(el);
  const cell = Math.max(8, Math.min(30, Math.floor((probe - m.left - m.right) / 24)));
  const { svg } = frame(el, m.top + cell * 7 + m.bottom, o.title);
  const max = d3.max(rows, (r) => r.n) || 1;
  const colour = d3.scaleSequential(o.dark ? d3.interpolateCividis : (t: number) => d3.interpolateBlues(0.12 + 0.88 * t)).domain([0, max]);
  const byCell = new Map(rows.map((r) => [`${r.weekday}:${r.hour}`, r.n]));
  const cells = d3.range(1, 8).flatMap((weekday) => d3.range(24).map((hour) => ({ weekday, hour, n: byCell.get(`${weekday}:${hour}`) ?? 0 })));
  const tip = tooltip(el);

  svg.append('g').selectAll('rect').data(cells).join('rect')
    .attr('x', (c) => m.left + c.hour * cell).attr('y', (c) => m.top + (c.weekday - 1) * cell)
    .attr('width', cell - 1).attr('height', cell - 1).attr('rx', 2)
    .attr('fill', (c) => (c.n ? colour(c.n) : 'none')).attr('class', (c) => (c.n ? 'cell' : 'cell empty'))
    .on('mousemove', (event: MouseEvent, c) => tip.show(event, [`${DAYS[c.weekday - 1]} ${String(c.hour).padStart(2, '0')}:00–${String(c.hour).padStart(2, '0')}:59 UTC`, `${fmtFull(c.n)} events`]))
    .on('mouseleave', () => tip.hide());
  svg.append('g').attr('class', 'axis').selectAll('text').data(DAYS).join('text')
    .attr('x', m.left - 6).attr('y', (_d, i) => m.top + i * cell + cell / 2).attr('dy', '0.35em').attr('text-anchor', 'end')
    .text((d) => d.slice(0, 3));
  svg.append('g').attr('class', 'axis').selectAll('text').data(d3.range(0, 24, cell < 16 ? 3 : 2)).join('text')
    .attr('x', (h) => m.left + h * cell + cell / 2).attr('y', m.top + 7 * cell + 14).attr('text-anchor', 'middle')
    .text((h) => String(h).padStart(2, '0'));

  // legend: a gradient from 0 to the busiest hour
  const id = `hm-${Math.random().toString(36).slice(2, 8)}`;
  const grad = svg.append('defs').append('linearGradient').attr('id', id);
  for (const t of [0, 0.25, 0.5, 0.75, 1]) grad.append('stop').attr('offset', `${t * 100}%`).attr('stop-color', colour(t * max));
  const ly = m.top + 7 * cell + 24, lw = Math.min(180, cell * 8);
  svg.append('rect').attr('x', m.left).attr('y', ly).attr('width', lw).attr('height', 8).attr('rx', 2).attr('fill', `url(#${id})`);
  svg.append('text').attr('class', 'axis-label').attr('x', m.left + lw + 8).attr('y', ly + 4).attr('dy', '0.35em')
    .text(`0 – ${fmtCount(max)} events per hour slot · hours in UTC`);
}
