/**
 * Who this browser is in a workshop. Kept in localStorage so that a reload is the same person
 * with no second join. Keyed by join code, so one browser can be in several workshops.
 */
import { forgetOfflineCopies } from './sync/offline-copy';

export interface ParticipantSession {
	role: 'participant';
	code: string;
	participantId: string;
	groupId: string;
	name: string;
	organisation: string;
	token: string;
}

export interface FacilitatorSession {
	role: 'facilitator';
	code: string;
	token: string;
}

const participantKey = (code: string) => `verkstad:${code}:participant`;
const facilitatorKey = (code: string) => `verkstad:${code}:facilitator`;

function read<T>(key: string): T | null {
	try {
		const raw = localStorage.getItem(key);
		return raw ? (JSON.parse(raw) as T) : null;
	} catch {
		return null;
	}
}

export function loadParticipant(code: string): ParticipantSession | null {
	const s = read<ParticipantSession>(participantKey(code));
	return s && s.role === 'participant' && typeof s.token === 'string' ? s : null;
}

export function saveParticipant(session: ParticipantSession): void {
	localStorage.setItem(participantKey(session.code), JSON.stringify(session));
}

/** The person leaves this browser: their session and the offline copies of their boards go. */
export function forgetParticipant(code: string): void {
	localStorage.removeItem(participantKey(code));
	void forgetOfflineCopies(code);
}

export function loadFacilitator(code: string): FacilitatorSession | null {
	const s = read<FacilitatorSession>(facilitatorKey(code));
	return s && s.role === 'facilitator' && typeof s.token === 'string' ? s : null;
}

export function saveFacilitator(session: FacilitatorSession): void {
	localStorage.setItem(facilitatorKey(session.code), JSON.stringify(session));
}

export function forgetFacilitator(code: string): void {
	localStorage.removeItem(facilitatorKey(code));
}
