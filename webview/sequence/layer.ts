/**
 * Shapes collected for one layer of a frame and painted grouped by style: one fill style or one
 * stroked path per colour and width, not a style change and a path per box or arrow (that was
 * most of a busy frame's cost). Boxes are snapped to whole device pixels: crisp, and chromium
 * fills an aligned rectangle without antialiasing. The same groups become SVG paths on export.
 */
interface Group {
  colour: string;
  alpha: number;
  width: number;
  dash: number[];
  /** Flat coordinates: x y w h per rectangle, x0 y0 x1 y1 per line. */
  xy: number[];
}

export interface Label {
  s: string; x: number; y: number; colour: string; max: number | undefined; centred: boolean;
  /** A background drawn under the text first, so it stays readable over shapes (time labels). */
  chip?: string;
}

type Kind = 'rect' | 'line';

export class Layer {
  private readonly groups: Record<Kind, Map<string, Group>> = { rect: new Map(), line: new Map() };
  private labels: Label[] = [];

  /** Where to push x, y, w, h of rectangles filled in this colour. */
  rects(colour: string, alpha = 1): number[] {
    return this.group('rect', colour, alpha, 0, []);
  }

  /** Where to push x0, y0, x1, y1 of lines stroked in this colour and width. */
  lines(colour: string, width: number, alpha = 1, dash: number[] = []): number[] {
    return this.group('line', colour, alpha, width, dash);
  }

  text(s: string, x: number, y: number, colour: string, max?: number, centred = false, chip?: string): void {
    this.labels.push({ s, x, y, colour, max, centred, chip });
  }

  private group(kind: Kind, colour: string, alpha: number, width: number, dash: number[]): number[] {
    const key = `${colour}|${alpha}|${width}|${dash.join(',')}`;
    let g = this.groups[kind].get(key);
    if (!g) this.groups[kind].set(key, (g = { colour, alpha, width, dash, xy: [] }));
    return g.xy;
  }

  /** Paints everything collected (fills, then lines, then text) and empties the layer. */
  paint(ctx: CanvasRenderingContext2D, svg: string[] | null, dpr: number): void {
    for (const g of this.groups.rect.values()) {
      ctx.globalAlpha = g.alpha;
      ctx.fillStyle = g.colour;
      snap(g.xy, dpr);
      for (let i = 0; i < g.xy.length; i += 4) ctx.fillRect(g.xy[i], g.xy[i + 1], g.xy[i + 2], g.xy[i + 3]);
      svg?.push(svgPath('rect', g));
    }
    for (const g of this.groups.line.values()) {
      ctx.globalAlpha = g.alpha;
      ctx.strokeStyle = g.colour;
      ctx.lineWidth = g.width;
      ctx.setLineDash(g.dash);
      ctx.beginPath();
      for (let i = 0; i < g.xy.length; i += 4) {
        ctx.moveTo(g.xy[i], g.xy[i + 1]);
        ctx.lineTo(g.xy[i + 2], g.xy[i + 3]);
      }
      ctx.stroke();
      svg?.push(svgPath('line', g));
    }
    this.groups.rect.clear();
    this.groups.line.clear();
    ctx.globalAlpha = 1;
    ctx.setLineDash([]);
    for (const l of this.labels) {
      if (l.chip) paintChip(ctx, svg, l);
      ctx.fillStyle = l.colour;
      ctx.textAlign = l.centred ? 'center' : 'left';
      const text = l.max === undefined ? l.s : fitText(ctx, l.s, l.max);
      ctx.fillText(text, l.x, l.y);
      svg?.push(`<text x="${l.x.toFixed(1)}" y="${l.y.toFixed(1)}" fill="${l.colour}" text-anchor="${l.centred ? 'middle' : 'start'}">${escapeXml(text)}</text>`);
    }
    ctx.textAlign = 'left';
    this.labels = [];
  }
}

/**
 * `s` cut to `max` px with an ellipsis: squeezed by fillText's own max width, a long call's text
 * became a smear of glyphs, and its full width ran into the next lane's labels.
 */
function fitText(ctx: CanvasRenderingContext2D, s: string, max: number): string {
  if (ctx.measureText(s).width <= max) return s;
  let lo = 0, hi = s.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (ctx.measureText(`${s.slice(0, mid)}…`).width <= max) lo = mid;
    else hi = mid - 1;
  }
  return lo === 0 ? '' : `${s.slice(0, lo)}…`;
}

/**
 * The background under a left-aligned label: its measured width, the font's height, widened to
 * whole pixels — a fractional edge would leave a column half chip, half whatever lies beneath.
 */
function paintChip(ctx: CanvasRenderingContext2D, svg: string[] | null, l: Label): void {
  const x = Math.floor(l.x - 2), y = Math.floor(l.y - 11);
  const w = Math.ceil(l.x + ctx.measureText(l.s).width + 2) - x, h = Math.ceil(l.y + 4) - y;
  ctx.fillStyle = l.chip!;
  ctx.fillRect(x, y, w, h);
  svg?.push(`<rect x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${w.toFixed(1)}" height="${h}" fill="${l.chip}"/>`);
}

/** Rounds rectangles (x y w h) to whole device pixels, at least one pixel across each way. */
function snap(xy: number[], dpr: number): void {
  const px = (v: number): number => Math.round(v * dpr) / dpr;
  for (let i = 0; i < xy.length; i += 4) {
    const x0 = px(xy[i]), y0 = px(xy[i + 1]);
    xy[i + 2] = Math.max(px(xy[i] + xy[i + 2]) - x0, 1 / dpr);
    xy[i + 3] = Math.max(px(xy[i + 1] + xy[i + 3]) - y0, 1 / dpr);
    xy[i] = x0;
    xy[i + 1] = y0;
  }
}

function svgPath(kind: Kind, g: Group): string {
  const f = (n: number): string => n.toFixed(1);
  const d: string[] = [];
  const xy = g.xy;
  if (kind === 'rect') for (let i = 0; i < xy.length; i += 4) d.push(`M${f(xy[i])} ${f(xy[i + 1])}h${f(xy[i + 2])}v${f(xy[i + 3])}h${f(-xy[i + 2])}z`);
  else for (let i = 0; i < xy.length; i += 4) d.push(`M${f(xy[i])} ${f(xy[i + 1])}L${f(xy[i + 2])} ${f(xy[i + 3])}`);
  const paint = kind === 'line'
    ? `fill="none" stroke="${g.colour}" stroke-width="${g.width}"${g.dash.length ? ` stroke-dasharray="${g.dash.join(' ')}"` : ''} stroke-opacity="${g.alpha}"`
    : `fill="${g.colour}" fill-opacity="${g.alpha}"`;
  return `<path d="${d.join('')}" ${paint}/>`;
}

function escapeXml(s: string): string {
  return s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}
