/**
 * The workshop chat (issue 3 §9): one stream for everyone, kept in the workshop doc (chat.ts in
 * the board layer). Only the server appends, after the token, so the name and organisation on a
 * message are always the sender's own, taken from the participants map, never from the request.
 * The text meets the rule for what a person gives (src/lib/board/names.ts): no control characters
 * or bidi overrides, line breaks kept.
 *
 * Rate limit: LIMITS.chat per sender (server/http/rate-limits.ts), shared between instances.
 */
import { z } from 'zod';
import { appendChat, type ChatMessage } from '../../src/lib/board/chat';
import { CHAT_MESSAGE_FIELD, normaliseText } from '../../src/lib/board/names';
import { workshopRoom } from '../../src/lib/board/rooms';
import { newId } from '../../src/lib/board/schema';
import { readWorkshop } from '../../src/lib/board/workshop';
import { m } from '../../src/lib/paraglide/messages';
import type { Claims } from '../auth/tokens';
import { RateLimits } from '../http/rate-limits';
import { UserError } from '../http/user-error';
import type { Log } from '../log';
import type { DocStore } from '../store/doc-store';
import type { Rooms } from '../sync/rooms';
import { claimedWorkshop, memberOf } from './member';

export const chatInput = z.object({ text: z.string() });

export const FACILITATOR_AUTHOR_ID = 'facilitator';

export class ChatService {
	readonly #store: DocStore;
	readonly #rooms: Rooms;
	readonly #log: Log;
	readonly #limits: RateLimits;

	/** `limits` unset: this service's own, in memory (tests that are not about limits). */
	constructor(deps: { store: DocStore; rooms: Rooms; log: Log; limits?: RateLimits }) {
		this.#store = deps.store;
		this.#limits = deps.limits ?? new RateLimits({ redis: null });
		this.#rooms = deps.rooms;
		this.#log = deps.log;
	}

	/** Appends a message from the holder of `claims`; answers its id once it is saved and sent to everyone. */
	async post(rawCode: string, claims: Claims, input: unknown): Promise<{ id: string }> {
		const code = await claimedWorkshop(this.#store, rawCode, claims);
		const parsed = chatInput.safeParse(input);
		if (!parsed.success) throw new UserError(400, 'error_chat_no_text');
		const normalised = normaliseText(parsed.data.text, CHAT_MESSAGE_FIELD);
		if (!normalised.ok) throw new UserError(400, normalised.message);
		const text = normalised.text;
		const authorId = claims.role === 'facilitator' ? FACILITATOR_AUTHOR_ID : claims.participantId;
		if (!(await this.#limits.take('chat', `${code}/${authorId}`)).ok) {
			throw new UserError(429, 'error_chat_too_fast');
		}

		const id = newId();
		await this.#rooms.update(workshopRoom(code), (doc) => {
			const author =
				claims.role === 'facilitator'
					? // Written into the shared doc, so in the workshop's language (a reader's own label says the role).
						{ name: m.chat_facilitator({}, { locale: readWorkshop(doc).language }), organisation: '' }
					: memberOf(doc, claims.participantId);
			const message: ChatMessage = {
				id,
				authorId,
				name: author.name,
				organisation: author.organisation,
				role: claims.role,
				text,
				at: Date.now()
			};
			appendChat(doc, message);
		});
		this.#log.debug('chat message', { code, authorId, id, step: 'chat' });
		return { id };
	}
}
