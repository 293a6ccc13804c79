/**
 * Viewport: pan and zoom of the board canvas. Screen point (sx, sy) relative to the canvas maps
 * to board point ((sx - x) / zoom, (sy - y) / zoom). No Yjs here: the view is per person.
 */

export interface Rect {
	x: number;
	y: number;
	w: number;
	h: number;
}

/** Below 0.1 a post-it is a dot; above 3 one note fills a phone. */
export const ZOOM_MIN = 0.1;
export const ZOOM_MAX = 3;

export class Viewport {
	x = $state(0);
	y = $state(0);
	zoom = $state(1);
	width = $state(0);
	height = $state(0);

	toBoard(sx: number, sy: number): { x: number; y: number } {
		return { x: (sx - this.x) / this.zoom, y: (sy - this.y) / this.zoom };
	}

	panBy(dx: number, dy: number): void {
		this.x += dx;
		this.y += dy;
	}

	/** Zooms by `factor` keeping the board point under (sx, sy) where it is on screen. */
	zoomAt(factor: number, sx: number, sy: number): void {
		const next = Math.min(ZOOM_MAX, Math.max(ZOOM_MIN, this.zoom * factor));
		const k = next / this.zoom;
		this.x = sx - (sx - this.x) * k;
		this.y = sy - (sy - this.y) * k;
		this.zoom = next;
	}

	zoomCentre(factor: number): void {
		this.zoomAt(factor, this.width / 2, this.height / 2);
	}

	/** Puts board point (x, y) at the top-left corner, `padding` px in, at the given zoom. */
	showAt(x: number, y: number, zoom: number, padding = 16): void {
		this.zoom = Math.min(ZOOM_MAX, Math.max(ZOOM_MIN, zoom));
		this.x = padding - x * this.zoom;
		this.y = padding - y * this.zoom;
	}

	/** Shows all of `bounds`, never zooming in past 1 so that a near-empty board looks normal. */
	fit(bounds: Rect | null, padding = 24): void {
		if (!bounds || this.width <= 0 || this.height <= 0) return;
		const zx = (this.width - 2 * padding) / Math.max(1, bounds.w);
		const zy = (this.height - 2 * padding) / Math.max(1, bounds.h);
		this.zoom = Math.min(1, ZOOM_MAX, Math.max(ZOOM_MIN, Math.min(zx, zy)));
		this.x = (this.width - bounds.w * this.zoom) / 2 - bounds.x * this.zoom;
		this.y = Math.max(padding, (this.height - bounds.h * this.zoom) / 2) - bounds.y * this.zoom;
	}

	/** Pans the least needed to bring a screen rectangle (canvas-relative px) into view. */
	reveal(r: Rect, margin = 16): void {
		let dx = 0;
		let dy = 0;
		if (r.x < margin) dx = margin - r.x;
		else if (r.x + r.w > this.width - margin) dx = Math.max(margin - r.x, this.width - margin - (r.x + r.w));
		if (r.y < margin) dy = margin - r.y;
		else if (r.y + r.h > this.height - margin) dy = Math.max(margin - r.y, this.height - margin - (r.y + r.h));
		this.panBy(dx, dy);
	}
}

/** The smallest rectangle around all rectangles, or null for none. */
export function boundsOf(rects: readonly Rect[]): Rect | null {
	if (rects.length === 0) return null;
	let x0 = Infinity;
	let y0 = Infinity;
	let x1 = -Infinity;
	let y1 = -Infinity;
	for (const r of rects) {
		x0 = Math.min(x0, r.x);
		y0 = Math.min(y0, r.y);
		x1 = Math.max(x1, r.x + r.w);
		y1 = Math.max(y1, r.y + r.h);
	}
	return { x: x0, y: y0, w: x1 - x0, h: y1 - y0 };
}
