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

/**
 * Below this, note text (17px at zoom 1) drops under ~13px: hard to read on a laptop, a phone
 * or a projector, and notes get too small to touch. A note being written is shown at least this big.
 */
export const READABLE_ZOOM = 0.75;

export class Viewport {
	x = $state(0);
	y = $state(0);
	zoom = $state(1);
	width = $state(0);
	height = $state(0);
	/** Pixels at the bottom of the canvas hidden by a phone's on-screen keyboard (visualViewport). */
	hiddenBelow = $state(0);

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

	/** The zoom that shows all of `bounds`, never past 1 so that a near-empty board looks normal. */
	fitZoom(bounds: Rect, padding = 24, minZoom = ZOOM_MIN): number {
		const zx = (this.width - 2 * padding) / Math.max(1, bounds.w);
		const zy = (this.height - 2 * padding) / Math.max(1, bounds.h);
		return Math.min(1, ZOOM_MAX, Math.max(minZoom, Math.min(zx, zy)));
	}

	/**
	 * Shows all of `bounds`, centred, at `minZoom` or more. When that is too big to show all, it
	 * starts at the top left, where reading starts.
	 */
	fit(bounds: Rect | null, padding = 24, minZoom = ZOOM_MIN): void {
		if (!bounds || this.width <= 0 || this.height <= 0) return;
		this.zoom = this.fitZoom(bounds, padding, minZoom);
		const start = (size: number, span: number) => Math.max(padding, (size - span) / 2);
		this.x = start(this.width, bounds.w * this.zoom) - bounds.x * this.zoom;
		this.y = start(this.height, bounds.h * this.zoom) - bounds.y * this.zoom;
	}

	/**
	 * Pans the least needed to bring a screen rectangle (canvas-relative px) into the part of the
	 * canvas a person sees; one taller than that shows from its top.
	 */
	reveal(r: Rect, margin = 16): void {
		const height = this.height - this.hiddenBelow;
		let dx = 0;
		let dy = 0;
		if (r.x < margin) dx = margin - r.x;
		else if (r.x + r.w > this.width - margin) dx = Math.max(margin - r.x, this.width - margin - (r.x + r.w));
		if (r.y < margin) dy = margin - r.y;
		else if (r.y + r.h > height - margin) dy = Math.max(margin - r.y, height - margin - (r.y + r.h));
		this.panBy(dx, dy);
	}

	/** Brings a board rectangle into view at `minZoom` or more, zoomed about its centre. */
	showReadable(r: Rect, minZoom = READABLE_ZOOM): void {
		if (this.zoom < minZoom) {
			this.zoomAt(minZoom / this.zoom, this.x + (r.x + r.w / 2) * this.zoom, this.y + (r.y + r.h / 2) * this.zoom);
		}
		this.reveal({ x: this.x + r.x * this.zoom, y: this.y + r.y * this.zoom, w: r.w * this.zoom, h: r.h * this.zoom });
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
