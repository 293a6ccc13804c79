import { describe, expect, it } from 'vitest';
import { fitPicture, pictureArea, pinOnPicture } from '../../src/lib/picture-layout';

describe('where an image figure’s picture sits on the board', () => {
	it('fills the frame below the title bar, which grows with a title that wraps', () => {
		const frame = { x: 100, y: 50, w: 960, h: 680 };
		expect(pictureArea({ ...frame, title: 'Incheckning' })).toEqual({ x: 110, y: 114, w: 940, h: 606 });
		const long = pictureArea({ ...frame, title: 'Incheckning: Vad har du tagit med dig från förmiddagen som du kan använda hemma?' });
		expect(long.y).toBeGreaterThan(114);
		expect(long.y + long.h).toBe(frame.y + frame.h - 10);
	});

	it('is scaled to fit and centred, keeping its proportions', () => {
		const area = { x: 0, y: 0, w: 800, h: 600 };
		expect(fitPicture(area, { w: 400, h: 100 })).toEqual({ x: 0, y: 200, w: 800, h: 200 });
		expect(fitPicture(area, { w: 100, h: 300 })).toEqual({ x: 300, y: 0, w: 200, h: 600 });
	});

	it('gets a note’s pin at the note’s centre, on the edge for a note beside the picture', () => {
		const picture = { x: 0, y: 0, w: 1000, h: 500 };
		expect(pinOnPicture(picture, { x: 160, y: 65 })).toEqual({ x: 0.25, y: 0.25 });
		expect(pinOnPicture(picture, { x: 1200, y: -300 })).toEqual({ x: 1, y: 0 });
	});
});
