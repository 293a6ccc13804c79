/** Reads back what the CSV export writes, for tests, as Excel in a Swedish locale would. */
/** Semicolon CSV as Excel reads it: quoted cells may hold semicolons, quotes and line breaks. */
export function parseCsv(body: string): string[][] {
	if (!body.startsWith('\uFEFF')) throw new Error('a CSV export starts with a byte order mark');
	const rows: string[][] = [[]];
	let cell = '';
	let quoted = false;
	for (let i = 1; i < body.length; i++) {
		const c = body[i]!;
		if (quoted) {
			if (c === '"' && body[i + 1] === '"') (cell += '"'), i++;
			else if (c === '"') quoted = false;
			else cell += c;
		} else if (c === '"') quoted = true;
		else if (c === ';') rows.at(-1)!.push(cell), (cell = '');
		else if (c === '\r' && body[i + 1] === '\n') rows.at(-1)!.push(cell), (cell = ''), rows.push([]), i++;
		else cell += c;
	}
	return rows.filter((r) => r.length);
}
