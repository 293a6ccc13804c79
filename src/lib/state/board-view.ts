/**
 * Canvas or list: how one person looks at a board. The list view is the screen-reader path and
 * the easier one on a phone, so narrow screens start with it; whatever the person picks is
 * remembered on this device, for every board.
 */
export type BoardViewKind = 'canvas' | 'list';

const KEY = 'verkstad:tavelvy';
/** As the board bar's own phone layout. */
const NARROW = '(max-width: 44rem)';

export function initialBoardView(): BoardViewKind {
	const stored = readStored();
	if (stored) return stored;
	return typeof matchMedia === 'function' && matchMedia(NARROW).matches ? 'list' : 'canvas';
}

export function rememberBoardView(view: BoardViewKind): void {
	try {
		localStorage.setItem(KEY, view);
	} catch {
		// Private mode or storage full: the choice holds for this page only.
	}
}

function readStored(): BoardViewKind | null {
	try {
		const value = localStorage.getItem(KEY);
		return value === 'canvas' || value === 'list' ? value : null;
	} catch {
		return null;
	}
}
