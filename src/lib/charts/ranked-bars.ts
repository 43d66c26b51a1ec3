// Horizontal bars, largest first. A click (or Enter / Space on a focused bar) reports the bar's key, so a page
// can filter by it; chosen keys stay bright while the others fade.

import * as d3 from 'd3';
import { fmtCount, fmtFull, frame, tooltip } from './frame.ts';

export interface RankRow { key: string; n: number; detail?: string }

export interface RankOptions {
  title: string;
  colour: (key: string) => string;
  label?: (key: string) => string;
  selected?: readonly string[];
  onSelect?: (key: string) => void;
  /** What one unit is called in tooltips and labels ("events"). */
  unit?: string;
  labelWidth?: number;
}

const ROW = 24;

export function drawRankedBars(el: HTMLElement, rows: RankRow[], o: RankOptions): void {
  const height = Math.max(ROW, rows.length * ROW) + 8;
  const interactive = !!o.onSelect;
  const { svg, width } = frame(el, height, o.title, interactive ? 'group' : 'img');
  const labelWidth = o.labelWidth ?? Math.min(240, Math.max(90, width * 0.36));
  const valueWidth = 56;
  const x = d3.scaleLinear().domain([0, d3.max(rows, (r) => r.n) || 1]).range([0, Math.max(10, width - labelWidth - valueWidth - 8)]);
  const label = (k: string) => o.label?.(k) ?? k;
  const unit = o.unit ?? 'events';
  const chosen = new Set(o.selected ?? []);
  const tip = tooltip(el);

  const bar = svg.append('g').selectAll('g').data(rows).join('g')
    .attr('class', (r) => `rank${chosen.size && !chosen.has(r.key) ? ' faded' : ''}${chosen.has(r.key) ? ' chosen' : ''}`)
    .attr('transform', (_r, i) => `translate(0,${4 + i * ROW})`);
  // the button holds the label and the bar; the number sits beside it, so the button's visible text is its label
  const btn = bar.append('g').attr('class', 'btn');
  btn.append('rect').attr('class', 'hit').attr('width', width).attr('height', ROW).attr('fill', 'transparent');
  btn.append('text').attr('class', 'label').attr('x', labelWidth - 8).attr('y', ROW / 2).attr('dy', '0.35em').attr('text-anchor', 'end')
    .text((r) => clip(label(r.key), labelWidth - 12));
  btn.append('rect').attr('class', 'bar').attr('x', labelWidth).attr('y', 4).attr('height', ROW - 8).attr('rx', 2)
    .attr('width', (r) => Math.max(1, x(r.n))).attr('fill', (r) => o.colour(r.key));
  bar.append('text').attr('class', 'value').attr('x', (r) => labelWidth + Math.max(1, x(r.n)) + 6).attr('y', ROW / 2).attr('dy', '0.35em')
    .text((r) => fmtCount(r.n));
  bar.on('mousemove', (event: MouseEvent, r) => tip.show(event, [label(r.key), `${fmtFull(r.n)} ${unit}${r.detail ? ` · ${r.detail}` : ''}`]))
    .on('mouseleave', () => tip.hide());

  if (!interactive) return;
  btn.attr('role', 'button').attr('tabindex', 0).attr('aria-pressed', (r) => String(chosen.has(r.key)))
    // the name starts with the visible text (WCAG 2.5.3), then says the rest in full
    .attr('aria-label', (r) => {
      const shown = clip(label(r.key), labelWidth - 12);
      return `${shown}${shown !== label(r.key) ? ` (${label(r.key)})` : ''}: ${fmtFull(r.n)} ${unit}. ${chosen.has(r.key) ? 'Remove filter' : 'Filter to this'}`;
    })
    .on('click', (_e, r) => o.onSelect!(r.key))
    .on('keydown', (event: KeyboardEvent, r) => {
      if (event.key === 'Enter' || event.key === ' ') { event.preventDefault(); o.onSelect!(r.key); }
    });
}

/** Shortens a label to roughly fit `px` at the chart's 12px font. */
function clip(text: string, px: number): string {
  const max = Math.max(4, Math.floor(px / 6.6));
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
