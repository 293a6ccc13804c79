/** The server tells a picture's format by its first bytes only (server/pictures/sniff.ts). */
import { describe, expect, it } from 'vitest';
import { sniffPicture } from '../../server/pictures/sniff';
import { pictureProblem, PICTURE_MAX_BYTES } from '../../src/lib/pictures';
import { GIF_HEAD, HTML, JPEG_HEAD, png, SVG, WEBP_HEAD } from '../fixtures/pictures';

describe('sniffing a picture’s format from its content', () => {
	it('recognises PNG, JPEG and WebP', () => {
		expect(sniffPicture(png())).toEqual({ ext: 'png', mime: 'image/png' });
		expect(sniffPicture(JPEG_HEAD)).toEqual({ ext: 'jpg', mime: 'image/jpeg' });
		expect(sniffPicture(WEBP_HEAD)).toEqual({ ext: 'webp', mime: 'image/webp' });
		expect(sniffPicture(Buffer.concat([WEBP_HEAD.subarray(0, 15), Buffer.from('L')]))?.ext).toBe('webp');
		expect(sniffPicture(Buffer.concat([WEBP_HEAD.subarray(0, 15), Buffer.from('X')]))?.ext).toBe('webp');
	});

	it('refuses GIF, SVG, text and HTML, whatever they are called', () => {
		expect(sniffPicture(GIF_HEAD)).toBeNull();
		expect(sniffPicture(SVG)).toBeNull();
		expect(sniffPicture(Buffer.from('Hej! Det här är en textfil som heter bild.png.'))).toBeNull();
		expect(sniffPicture(HTML)).toBeNull();
		expect(sniffPicture(new Uint8Array(0))).toBeNull();
	});

	it('refuses headers cut short', () => {
		expect(sniffPicture(png().subarray(0, 8))).toBeNull(); // signature without IHDR
		expect(sniffPicture(png().subarray(0, 15))).toBeNull();
		expect(sniffPicture(JPEG_HEAD.subarray(0, 3))).toBeNull();
		expect(sniffPicture(WEBP_HEAD.subarray(0, 12))).toBeNull(); // RIFF….WEBP without a chunk
		expect(sniffPicture(WEBP_HEAD.subarray(0, 15))).toBeNull();
	});

	it('refuses look-alikes: a RIFF that is not WebP, a PNG signature with another first chunk', () => {
		const wave = Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), Buffer.from('WAVEfmt '), Buffer.alloc(8)]);
		expect(sniffPicture(wave)).toBeNull();
		const noIhdr = Buffer.from(png());
		noIhdr.write('tEXt', 12, 'ascii');
		expect(sniffPicture(noIhdr)).toBeNull();
		expect(sniffPicture(Buffer.from([0xff, 0xd8, 0xff, 0x00, 0, 0, 0, 0]))).toBeNull();
	});
});

describe('the browser’s check before an upload', () => {
	it('accepts the three formats up to exactly 10 MB and explains every refusal in Swedish', () => {
		expect(pictureProblem({ type: 'image/png', size: PICTURE_MAX_BYTES })).toBeNull();
		expect(pictureProblem({ type: 'image/webp', size: 1 })).toBeNull();
		expect(pictureProblem({ type: 'image/jpeg', size: PICTURE_MAX_BYTES + 1 })).toMatch(/högst 10 MB/);
		expect(pictureProblem({ type: 'image/gif', size: 100 })).toMatch(/PNG, JPEG eller WebP/);
		expect(pictureProblem({ type: 'image/svg+xml', size: 100 })).toMatch(/PNG, JPEG eller WebP/);
		expect(pictureProblem({ type: 'image/png', size: 0 })).toMatch(/tom/);
	});
});
