/**
 * Reading a request body without trusting its size. The adapter's BODY_SIZE_LIMIT bounds every
 * body in production, but it is set for the largest one (a picture) and the dev server has none,
 * so each reader counts the bytes itself and stops at its own limit.
 */
import type { Said } from '../../src/lib/said';
import { UserError } from './user-error';

/**
 * Yields the body's chunks; throws a 413 UserError with `tooLarge` as soon as more than `max`
 * bytes have arrived (or were announced). The rest is not cancelled: cancelling destroys the
 * socket before the 413 can be sent, while Node discards an unread body once the answer is out.
 */
export async function* boundedChunks(
	request: Request,
	max: number,
	tooLarge: Said
): AsyncGenerator<Uint8Array, void, undefined> {
	const declared = Number(request.headers.get('content-length'));
	if (Number.isFinite(declared) && declared > max) throw new UserError(413, tooLarge);
	// SvelteKit hands an endpoint no body at all when the request has no Content-Type, so a body
	// sent without one would otherwise read as empty ("the file is empty", "not JSON").
	if (!request.headers.get('content-type') && (declared > 0 || request.headers.has('transfer-encoding'))) {
		throw new UserError(400, 'error_content_type_missing');
	}
	if (!request.body) return;
	const reader = request.body.getReader();
	let size = 0;
	try {
		for (;;) {
			let chunk: ReadableStreamReadResult<Uint8Array>;
			try {
				chunk = await reader.read();
			} catch (e) {
				// The adapter refuses a body past BODY_SIZE_LIMIT by erroring the stream with status 413.
				if ((e as { status?: unknown })?.status === 413) throw new UserError(413, tooLarge);
				throw e;
			}
			if (chunk.done) return;
			size += chunk.value.byteLength;
			if (size > max) throw new UserError(413, tooLarge);
			yield chunk.value;
		}
	} finally {
		reader.releaseLock();
	}
}

/**
 * The whole body as text, of at most `max` bytes. Each chunk is decoded as it arrives and then
 * dropped, so a body costs its text and one chunk, not its bytes as well.
 */
export async function readBoundedText(request: Request, max: number, tooLarge: Said): Promise<string> {
	const decoder = new TextDecoder();
	let text = '';
	for await (const chunk of boundedChunks(request, max, tooLarge)) text += decoder.decode(chunk, { stream: true });
	return text + decoder.decode();
}
