/**
 * The server tells a picture's format by its first bytes (server/pictures/sniff.ts), then checks
 * the whole file's structure (server/pictures/check.ts): what no browser could decode is refused.
 */
import { describe, expect, it } from 'vitest';
import { checkPicture, PICTURE_SIDE_MAX } from '../../server/pictures/check';
import { sniffPicture } from '../../server/pictures/sniff';
import { pictureProblem, PICTURE_MAX_BYTES } from '../../src/lib/pictures';
import {
	GIF_HEAD,
	HTML,
	JPEG,
	JPEG_HEAD,
	png,
	pngChunk,
	pngChunks,
	pngOfSize,
	SVG,
	WEBP,
	WEBP_EXTENDED,
	WEBP_HEAD,
	WEBP_LOSSLESS,
	webpChunks,
	webpOf
} from '../fixtures/pictures';

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

describe('checking a picture’s structure, whole', () => {
	const format = (bytes: Uint8Array) => {
		const checked = checkPicture(bytes);
		return checked.ok ? checked.format.ext : checked.problem;
	};
	/** Bytes that no decoder makes sense of, after a real header. */
	const garbage = Buffer.alloc(5000, 0x41);

	it('accepts real PNG, JPEG and WebP files (simple, extended and lossless), and a PNG padded to any size', () => {
		expect(format(png())).toBe('png');
		expect(format(png(1, 1))).toBe('png');
		expect(format(pngOfSize(300_000))).toBe('png');
		expect(format(JPEG)).toBe('jpg');
		expect(format(WEBP)).toBe('webp');
		expect(format(WEBP_EXTENDED)).toBe('webp');
		expect(format(WEBP_LOSSLESS)).toBe('webp');
	});

	it('refuses garbage after a PNG signature and IHDR, and a PNG without IDAT, cut short, or with bytes after IEND', () => {
		const { signature, chunks } = pngChunks(png());
		const [ihdr, ...rest] = chunks;
		const iend = rest.at(-1)!;
		expect(format(Buffer.concat([signature, ihdr!, garbage]))).toMatch(/PNG/);
		expect(format(Buffer.concat([signature, ihdr!, iend]))).toMatch(/without image data/);
		expect(format(png().subarray(0, png().length - 12))).toMatch(/cut short/);
		expect(format(png().subarray(0, 100))).toMatch(/longer than the file|cut short/);
		expect(format(Buffer.concat([png(), garbage]))).toMatch(/after IEND/);
	});

	it('refuses a PNG whose IHDR is not first, or has impossible dimensions or bit depth', () => {
		const { signature, chunks } = pngChunks(png());
		const [ihdr, ...rest] = chunks;
		expect(format(Buffer.concat([signature, ...rest.slice(0, -1), ihdr!, rest.at(-1)!]))).toMatch(/start with IHDR/);
		const withHeader = (edit: (header: Buffer) => void) => {
			const header = Buffer.from(ihdr!.subarray(8, 21));
			edit(header);
			return Buffer.concat([signature, pngChunk('IHDR', header), ...rest]);
		};
		expect(format(withHeader((h) => h.writeUInt32BE(0, 0)))).toMatch(/empty/);
		expect(format(withHeader((h) => h.writeUInt32BE(PICTURE_SIDE_MAX + 1, 4)))).toMatch(/too many pixels/);
		expect(format(withHeader((h) => h.writeUInt32BE(100_000, 0)))).toMatch(/too many pixels/);
		expect(format(withHeader((h) => (h[8] = 7)))).toMatch(/bit depth/);
	});

	it('refuses garbage after a JPEG’s SOI, a JPEG cut short, without a frame header, or without EOI', () => {
		expect(format(Buffer.concat([JPEG_HEAD, garbage]))).toMatch(/JPEG/);
		expect(format(Buffer.concat([JPEG.subarray(0, 4), garbage]))).toMatch(/JPEG/);
		expect(format(JPEG.subarray(0, JPEG.length - 2))).toMatch(/no EOI/);
		expect(format(JPEG.subarray(0, 300))).toMatch(/longer than the file|cut short/);
		expect(format(Buffer.from([0xff, 0xd8, 0xff, 0xd9]))).toMatch(/without image data/);
		// Dropping the SOF0 segment leaves a scan with no frame to decode it into.
		const sof = JPEG.indexOf(Buffer.from([0xff, 0xc0]));
		const withoutFrame = Buffer.concat([JPEG.subarray(0, sof), JPEG.subarray(sof + 2 + JPEG.readUInt16BE(sof + 2))]);
		expect(format(withoutFrame)).toMatch(/before its frame header/);
	});

	it('accepts bytes after a JPEG’s EOI, as phones write motion photos', () => {
		expect(format(Buffer.concat([JPEG, garbage]))).toBe('jpg');
	});

	it('refuses a WebP whose RIFF length is not the file’s, with garbage chunks, or without an image chunk', () => {
		const lying = Buffer.from(WEBP);
		lying.writeUInt32LE(WEBP.length, 4);
		expect(format(lying)).toMatch(/RIFF length/);
		expect(format(WEBP_HEAD)).toMatch(/RIFF length/);
		expect(format(Buffer.concat([WEBP, garbage]))).toMatch(/RIFF length/);
		expect(format(webpOf([['VP8 ', garbage]]))).toMatch(/start code/);
		expect(format(webpOf([['VP8L', garbage]]))).toMatch(/signature/);
		expect(format(webpOf(webpChunks(WEBP_EXTENDED).filter(([type]) => type !== 'VP8 ')))).toMatch(/without image data/);
		expect(format(webpOf([['ICCP', garbage]]))).toMatch(/start with VP8/);
		const cut = webpOf(webpChunks(WEBP));
		expect(format(cut.subarray(0, cut.length - 10))).toMatch(/RIFF length/);
	});

	it('refuses what is not a picture at all', () => {
		expect(format(HTML)).toMatch(/not a PNG, JPEG or WebP/);
		expect(format(GIF_HEAD)).toMatch(/not a PNG, JPEG or WebP/);
		expect(format(new Uint8Array(0))).toMatch(/not a PNG, JPEG or WebP/);
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
