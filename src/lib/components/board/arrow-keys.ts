/**
 * Arrow keys as a step in board units, for moving notes and figures and resizing figures by
 * keyboard. Shift takes a bigger step. Null for any other key.
 */
export function arrowStep(e: KeyboardEvent, step: number, bigStep: number): [number, number] | null {
	const s = e.shiftKey ? bigStep : step;
	switch (e.key) {
		case 'ArrowLeft':
			return [-s, 0];
		case 'ArrowRight':
			return [s, 0];
		case 'ArrowUp':
			return [0, -s];
		case 'ArrowDown':
			return [0, s];
		default:
			return null;
	}
}
