/**
 * WorkshopState: the workshop document (room `<code>`) as plain runes snapshots, for the
 * facilitator's overview, for every group board and for the projector (timer, run-sheet,
 * broadcast, locks, leader, chat, what the projector shows): one connection for all of it.
 * Groups and participants change when people join or the facilitator renames a group; the page
 * reads `info` and the facilitation getters and never sees a Y type.
 *
 * Participants open it read-only (the server drops their writes anyway); the facilitator writes
 * locks, timers, the broadcast, leaders and the privacy setting through it. The summary edits are
 * not here: they quote group notes, so they live in the facilitator room (summary-edits.svelte.ts).
 */
import type * as Y from 'yjs';
import {
	adjustTimer,
	changesWorkshopInfo,
	clearBroadcast,
	clearTimer,
	isBoardLocked,
	lockedFigures,
	nextPhase,
	pauseTimer,
	readBroadcast,
	readChat,
	readIndividual,
	groupProgress,
	readPresent,
	turnPresentPage,
	readRunSheet,
	readTimer,
	readVote,
	readWorkshop,
	resumeTimer,
	setAutoAdvance,
	setBroadcast,
	setFollow,
	setLeader,
	setLock,
	setOpenBoards,
	setPhases,
	setPresent,
	setPresentPages,
	startIndividual,
	startPhase,
	startTimer,
	stopIndividual,
	timerForGroup,
	workshopRoom,
	type Broadcast,
	type ChatMessage,
	type IndividualPhase,
	type GroupProgress,
	type Participant,
	type Phase,
	type Present,
	type PresentTarget,
	type RunSheet,
	type Timer,
	type Vote,
	type WorkshopInfo
} from '$board';
import { connectRoom, type ConnectionStatus, type RoomConnection } from '$lib/sync/room-connection';
import { serverNow, syncServerClock } from '$lib/sync/server-clock';

export interface WorkshopStateOptions {
	/** A participant's view: write methods do nothing, so the local doc never drifts from the server's. */
	readOnly?: boolean;
}

/** Names this client's own writes to the workshop doc (locks), for anyone observing origins. */
const LOCAL_ORIGIN = Object.freeze({ kind: 'workshop-local-edit' });

export class WorkshopState {
	#info = $state.raw<WorkshopInfo | null>(null);
	#status = $state<ConnectionStatus>('connecting');
	#synced = $state(false);
	#refusal = $state<number | null>(null);
	/**
	 * Bumped whenever timers or locks change. Their getters call the pure `$board` readers, which
	 * are the one definition of how to read them; reading the revision makes those calls reactive.
	 */
	#timersRev = $state(0);
	#locksRev = $state(0);
	#broadcast = $state.raw<Broadcast | null>(null);
	#chat = $state.raw<ChatMessage[]>([]);
	#vote = $state.raw<Vote | null>(null);
	#runSheet = $state.raw<RunSheet | null>(null);
	#present = $state.raw<Present | null>(null);
	#individual = $state.raw<IndividualPhase | null>(null);
	#progressRev = $state(0);
	/** For the calls this view makes to the HTTP API on the same workshop (the vote). */
	readonly code: string;
	readonly token: string;
	readonly #conn: RoomConnection;
	readonly #readOnly: boolean;

	constructor(code: string, token: string, options: WorkshopStateOptions = {}) {
		this.#readOnly = options.readOnly ?? false;
		this.code = code;
		this.token = token;
		this.#conn = connectRoom(workshopRoom(code), token, (c) => {
			this.#status = c.status;
			this.#refusal = c.refusal;
			if (c.synced && !this.#synced) {
				this.#synced = true;
				this.#readAll();
			}
		});
		const doc = this.#conn.doc;
		// The info part is small (groups and people, not notes): re-read whole when it changed. Not on
		// 'update', which would have Yjs encode every transaction of the doc for this listener.
		doc.on('afterTransaction', this.#onTransaction);
		// The chat can hold thousands of messages: re-read it only when it changed.
		doc.getMap('timers').observeDeep(this.#onTimers);
		doc.getMap('locks').observe(this.#onLocks);
		doc.getMap('broadcast').observe(this.#onBroadcast);
		doc.getArray('chat').observe(this.#onChat);
		doc.getMap('vote').observe(this.#onVote);
		doc.getMap('runsheet').observe(this.#onRunSheet);
		doc.getMap('present').observe(this.#onPresent);
		doc.getMap('individual').observe(this.#onIndividual);
		doc.getMap('progress').observe(this.#onProgress);
	}

	/** Null until the first sync: an empty doc would look like "no groups", which is wrong. */
	get info(): WorkshopInfo | null {
		return this.#info;
	}

	get status(): ConnectionStatus {
		return this.#status;
	}

	get synced(): boolean {
		return this.#synced;
	}

	/** The close code when the server refused us for good (4401 bad token, 4403, 4404). */
	get refusal(): number | null {
		return this.#refusal;
	}

	get readOnly(): boolean {
		return this.#readOnly;
	}

	membersOf(groupId: string): Participant[] {
		return this.#info?.participants.filter((p) => p.groupId === groupId) ?? [];
	}

	/** The participant id of a group's leader, or null. */
	leaderOf(groupId: string): string | null {
		return this.#info?.leaders[groupId] ?? null;
	}

	/** The timer a group sees (its own, else the one for all groups); null before the first sync. */
	timerFor(groupId: string): Timer | null {
		void this.#timersRev;
		return this.#synced ? timerForGroup(this.#conn.doc, groupId) : null;
	}

	/** The timer set for exactly this scope (ALL_GROUPS or a group id), with no fallback. */
	timerOf(scope: string): Timer | null {
		void this.#timersRev;
		return this.#synced ? readTimer(this.#conn.doc, scope) : null;
	}

	/** The board is locked, by its own lock or the one for all boards. */
	isBoardLocked(groupId: string): boolean {
		void this.#locksRev;
		return this.#synced && isBoardLocked(this.#conn.doc, groupId);
	}

	/** Figure ids locked one by one on a board (a whole-board lock is not listed here). */
	lockedFigures(groupId: string): Set<string> {
		void this.#locksRev;
		return this.#synced ? lockedFigures(this.#conn.doc, groupId) : new Set();
	}

	/** The facilitator's current broadcast, or null. */
	get broadcast(): Broadcast | null {
		return this.#broadcast;
	}

	/** The current or last vote (vote.ts), or null. The server opens and closes it. */
	get vote(): Vote | null {
		return this.#vote;
	}

	/** "Fundera själv först" (individual.ts): the current or last phase, or null. */
	get individual(): IndividualPhase | null {
		return this.#individual;
	}

	/** The facilitator starts the phase; the server ends it when everything is revealed. */
	startIndividual(scope: string, anonymous: boolean): void {
		if (!this.#readOnly && this.#synced) startIndividual(this.#conn.doc, { scope, anonymous }, LOCAL_ORIGIN);
	}

	/** groupId → drafts and "Klar" in the running individual phase (individual-progress.ts); empty before the first sync. */
	get progress(): Map<string, GroupProgress> {
		void this.#progressRev;
		const info = this.#info;
		return info ? groupProgress(this.#conn.doc, info, this.#individual) : new Map();
	}

	stopIndividual(): void {
		if (!this.#readOnly && this.#synced) stopIndividual(this.#conn.doc, LOCAL_ORIGIN);
	}

	/** The run-sheet (runsheet.ts): phases, the current one and "Gå vidare automatiskt"; null before the first sync. */
	get runSheet(): RunSheet | null {
		return this.#runSheet;
	}

	/** What the projector shows and whether "Följ mig" is on (present.ts); null before the first sync. */
	get present(): Present | null {
		return this.#present;
	}

	/** The whole workshop's chat, oldest first. */
	get chat(): ChatMessage[] {
		return this.#chat;
	}

	/** Locks or unlocks by key (`lockKey(groupId, figureId?)`); the facilitator's tool. */
	setLock(key: string, locked: boolean): void {
		if (!this.#readOnly && this.#synced) setLock(this.#conn.doc, key, locked, LOCAL_ORIGIN);
	}

	/** Several locks in one update, so that no board is open for a moment in between. */
	setLocks(changes: [key: string, locked: boolean][]): void {
		if (this.#readOnly || !this.#synced) return;
		const doc = this.#conn.doc;
		doc.transact(() => {
			for (const [key, locked] of changes) setLock(doc, key, locked, LOCAL_ORIGIN);
		}, LOCAL_ORIGIN);
	}

	// Timer writes wait for the server-clock estimate: a timer written in a skewed local time
	// would show the wrong time left on every board.

	async startTimer(scope: string, minutes: number, label: string): Promise<void> {
		if (this.#readOnly) return;
		await syncServerClock();
		startTimer(this.#conn.doc, scope, minutes * 60_000, label, serverNow(), LOCAL_ORIGIN);
	}

	async pauseTimer(scope: string): Promise<void> {
		if (this.#readOnly) return;
		await syncServerClock();
		pauseTimer(this.#conn.doc, scope, serverNow(), LOCAL_ORIGIN);
	}

	async resumeTimer(scope: string): Promise<void> {
		if (this.#readOnly) return;
		await syncServerClock();
		resumeTimer(this.#conn.doc, scope, serverNow(), LOCAL_ORIGIN);
	}

	/** Adds time, or with a negative delta removes it (never below what has already run). */
	async adjustTimer(scope: string, deltaMs: number): Promise<void> {
		if (this.#readOnly) return;
		await syncServerClock();
		adjustTimer(this.#conn.doc, scope, deltaMs, serverNow(), LOCAL_ORIGIN);
	}

	/** Starts run-sheet phase i as the all-groups timer; the server ends it (server/workshops/phases.ts). */
	async startPhase(index: number): Promise<void> {
		if (this.#readOnly || !this.#synced) return;
		await syncServerClock();
		startPhase(this.#conn.doc, index, serverNow(), LOCAL_ORIGIN);
	}

	async nextPhase(): Promise<void> {
		if (this.#readOnly || !this.#synced) return;
		await syncServerClock();
		nextPhase(this.#conn.doc, serverNow(), LOCAL_ORIGIN);
	}

	setAutoAdvance(auto: boolean): void {
		if (!this.#readOnly && this.#synced) setAutoAdvance(this.#conn.doc, auto, LOCAL_ORIGIN);
	}

	/** Replaces the run-sheet, e.g. with the template's for a workshop made before run-sheets. */
	setPhases(phases: readonly Phase[]): void {
		if (!this.#readOnly && this.#synced) setPhases(this.#conn.doc, phases, LOCAL_ORIGIN);
	}

	/** Points the projector view at a board, a figure across groups or the plenary. */
	show(target: PresentTarget): void {
		if (!this.#readOnly && this.#synced) setPresent(this.#conn.doc, target, LOCAL_ORIGIN);
	}

	/** The projector's next (1) or previous (-1) page, when what it shows does not fit the screen. */
	turnPage(step: number): void {
		if (!this.#readOnly && this.#synced) turnPresentPage(this.#conn.doc, step, LOCAL_ORIGIN);
	}

	/** The projector view's own measure of the pages the target takes, for the control room. */
	setPresentPages(pages: number): void {
		if (!this.#readOnly && this.#synced) setPresentPages(this.#conn.doc, pages, LOCAL_ORIGIN);
	}

	/** "Följ mig": participants' boards link to what the projector shows. */
	setFollow(follow: boolean): void {
		if (!this.#readOnly && this.#synced) setFollow(this.#conn.doc, follow, LOCAL_ORIGIN);
	}

	clearTimer(scope: string): void {
		if (!this.#readOnly) clearTimer(this.#conn.doc, scope, LOCAL_ORIGIN);
	}

	async sendBroadcast(text: string): Promise<void> {
		if (this.#readOnly) return;
		await syncServerClock();
		setBroadcast(this.#conn.doc, text, serverNow(), LOCAL_ORIGIN);
	}

	clearBroadcast(): void {
		if (!this.#readOnly) clearBroadcast(this.#conn.doc, LOCAL_ORIGIN);
	}

	/** Null removes the leader; only a member of the group can be appointed. */
	setLeader(groupId: string, participantId: string | null): void {
		if (!this.#readOnly && this.#synced) setLeader(this.#conn.doc, groupId, participantId, LOCAL_ORIGIN);
	}

	setOpenBoards(open: boolean): void {
		if (!this.#readOnly && this.#synced) setOpenBoards(this.#conn.doc, open, LOCAL_ORIGIN);
	}

	destroy(): void {
		const doc = this.#conn.doc;
		doc.off('afterTransaction', this.#onTransaction);
		doc.getMap('timers').unobserveDeep(this.#onTimers);
		doc.getMap('locks').unobserve(this.#onLocks);
		doc.getMap('broadcast').unobserve(this.#onBroadcast);
		doc.getArray('chat').unobserve(this.#onChat);
		doc.getMap('vote').unobserve(this.#onVote);
		doc.getMap('runsheet').unobserve(this.#onRunSheet);
		doc.getMap('present').unobserve(this.#onPresent);
		doc.getMap('individual').unobserve(this.#onIndividual);
		doc.getMap('progress').unobserve(this.#onProgress);
		this.#conn.destroy();
	}

	#readAll(): void {
		this.#read();
		this.#onTimers();
		this.#onLocks();
		this.#onBroadcast();
		this.#onChat();
		this.#onVote();
		this.#onRunSheet();
		this.#onPresent();
		this.#onIndividual();
	}

	#read = (): void => {
		if (this.#synced) this.#info = readWorkshop(this.#conn.doc);
	};

	#onTransaction = (transaction: Y.Transaction): void => {
		if (changesWorkshopInfo(transaction)) this.#read();
	};

	#onTimers = (): void => {
		this.#timersRev++;
	};

	#onLocks = (): void => {
		this.#locksRev++;
	};

	#onBroadcast = (): void => {
		if (this.#synced) this.#broadcast = readBroadcast(this.#conn.doc);
	};

	#onVote = (): void => {
		if (this.#synced) this.#vote = readVote(this.#conn.doc);
	};

	#onRunSheet = (): void => {
		if (this.#synced) this.#runSheet = readRunSheet(this.#conn.doc);
	};

	#onPresent = (): void => {
		if (this.#synced) this.#present = readPresent(this.#conn.doc);
	};

	#onIndividual = (): void => {
		if (this.#synced) this.#individual = readIndividual(this.#conn.doc);
	};

	#onProgress = (): void => {
		this.#progressRev++;
	};

	#onChat = (): void => {
		if (this.#synced) this.#chat = readChat(this.#conn.doc);
	};
}
