// Chart exports. The SVG is cloned with its computed colours and fonts written in as presentation attributes
// (never style attributes), so the file looks like the screen without our stylesheet; PNG is that SVG drawn
// on a canvas at twice the size.

const PAINT = ['fill', 'stroke', 'stroke-width', 'stroke-dasharray', 'opacity', 'fill-opacity', 'stroke-opacity', 'font-size', 'font-family', 'font-weight', 'text-anchor', 'dominant-baseline'] as const;

export function svgMarkup(svg: SVGSVGElement, background: string): string {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  const live = [svg, ...svg.querySelectorAll('*')];
  const copies = [clone, ...clone.querySelectorAll('*')];
  const hidden: Element[] = [];
  live.forEach((el, i) => {
    const css = getComputedStyle(el);
    if (css.display === 'none' || css.visibility === 'hidden') { hidden.push(copies[i]); return; }
    // only what differs from the parent: the rest is inherited in the file as on screen
    const parent = i === 0 ? null : getComputedStyle(el.parentElement!);
    for (const p of PAINT) {
      const v = css.getPropertyValue(p);
      if (v && v !== 'auto' && v !== 'normal' && (!parent || parent.getPropertyValue(p) !== v || el.hasAttribute(p))) copies[i].setAttribute(p, v);
    }
    copies[i].removeAttribute('style');
  });
  for (const n of hidden) n.remove();
  clone.querySelectorAll('.brush .overlay, .hit').forEach((n) => n.remove());
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  const back = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
  back.setAttribute('width', '100%'); back.setAttribute('height', '100%'); back.setAttribute('fill', background);
  clone.insertBefore(back, clone.firstChild);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(clone)}`;
}

export function svgToPng(markup: string, width: number, height: number, scale = 2): Promise<Blob> {
  return new Promise((resolve, reject) => {
    const url = URL.createObjectURL(new Blob([markup], { type: 'image/svg+xml' }));
    const img = new Image();
    img.onload = () => {
      const canvas = document.createElement('canvas');
      canvas.width = Math.round(width * scale); canvas.height = Math.round(height * scale);
      const ctx = canvas.getContext('2d');
      if (!ctx) { URL.revokeObjectURL(url); reject(new Error('no 2D canvas')); return; }
      ctx.scale(scale, scale);
      ctx.drawImage(img, 0, 0, width, height);
      URL.revokeObjectURL(url);
      canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG encoding failed'))), 'image/png');
    };
    img.onerror = () => { URL.revokeObjectURL(url); reject(new Error('the chart could not be drawn as an image')); };
    img.src = url;
  });
}

export function download(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url; a.download = name; a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A file name from a title: lower-case words and the UTC date. */
export const fileName = (title: string, ext: string) =>
  `auditlens-${title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60) || 'export'}-${new Date().toISOString().slice(0, 10)}.${ext}`;
