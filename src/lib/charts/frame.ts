// Shared chart plumbing: an SVG that fills its box, a text-only tooltip, number and UTC date formats.

import * as d3 from 'd3';

export interface Frame { svg: d3.Selection<SVGSVGElement, unknown, null, undefined>; width: number; height: number }

const observed = new WeakMap<HTMLElement, number>();

/** Records the width a container was last observed at (a ResizeObserver binding), so drawing forces no layout. */
export function observedWidth(el: HTMLElement, width: number): void {
  if (width > 0) observed.set(el, width);
}

/**
 * The width to draw at. Reading `clientWidth` right after another chart changed the DOM forces a synchronous
 * layout of the page: on the Overview that was ~14 ms of every filter change.
 */
export const chartWidth = (el: HTMLElement): number => Math.max(280, Math.floor(observed.get(el) || el.clientWidth || 800));

/** Clears `el` of a previous drawing and returns a fresh SVG sized to the element's width. */
export function frame(el: HTMLElement, height: number, label: string, role: 'img' | 'group' = 'img'): Frame {
  const width = chartWidth(el);
  d3.select(el).selectChildren('svg').remove();
  const svg = d3.select(el).append('svg')
    .attr('xmlns', 'http://www.w3.org/2000/svg')
    .attr('viewBox', `0 0 ${width} ${height}`).attr('width', width).attr('height', height)
    .attr('role', role).attr('aria-label', label);
  svg.append('title').text(label);
  return { svg, width, height };
}

/** A tooltip whose content is set as text only (record values are never parsed as markup). */
export function tooltip(el: HTMLElement) {
  const tip = d3.select(el).selectAll<HTMLDivElement, null>('div.chart-tip').data([null]).join('div')
    .attr('class', 'chart-tip').attr('role', 'presentation').attr('aria-hidden', 'true');
  return {
    show(event: MouseEvent, lines: string[]) {
      const box = el.getBoundingClientRect();
      tip.selectAll('div').data(lines).join('div').text((d) => d);
      const x = event.clientX - box.left, y = event.clientY - box.top;
      const flip = x > box.width * 0.65;
      tip.classed('shown', true)
        .style('left', `${flip ? Math.max(0, x - 12) : x + 12}px`).style('top', `${y + 12}px`)
        .style('transform', flip ? 'translateX(-100%)' : 'none');
    },
    hide() { tip.classed('shown', false); },
  };
}

export const fmtCount = (n: number) => (Math.abs(n) >= 10_000 ? d3.format('.3~s')(n).replace('G', 'B') : d3.format(',')(n));
export const fmtFull = d3.format(',');
export const fmtDayUtc = d3.utcFormat('%a %d %b %Y');
export const fmtHourUtc = d3.utcFormat('%d %b %Y %H:00');

/** Multi-scale UTC tick labels: days where the axis spans days, hours where it spans hours. */
export function utcTick(d: Date | d3.NumberValue): string {
  const t = d instanceof Date ? d : new Date(Number(d));
  if (t.getUTCHours() !== 0) return d3.utcFormat('%H:%M')(t);
  if (t.getUTCDate() === 1 && t.getUTCMonth() === 0) return d3.utcFormat('%Y')(t);
  return d3.utcFormat('%d %b')(t);
}
