/**
 * A small strict XML reader for tests: it throws on anything that is not well-formed (unbalanced
 * or mismatched tags, unquoted or repeated attributes, a bare < or & in text, an unknown entity,
 * content after the root) and returns the element tree, so a test can read an export back the way
 * a real consumer would. The project has no XML parser among its dependencies and needs none.
 */
export interface XmlElement {
	name: string;
	attributes: Record<string, string>;
	children: (XmlElement | string)[];
}

const NAME = /^[A-Za-z_:][\w:.-]*/;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(raw: string, at: number): string {
	if (raw.includes('<')) throw new Error(`bare < near ${at}`);
	return raw.replace(/&([^;]*);?/g, (match, body: string) => {
		if (!match.endsWith(';')) throw new Error(`unterminated entity near ${at}`);
		if (body in ENTITIES) return ENTITIES[body]!;
		const numeric = /^#(x[0-9a-fA-F]+|[0-9]+)$/.exec(body);
		if (!numeric) throw new Error(`unknown entity &${body}; near ${at}`);
		return String.fromCodePoint(numeric[1]!.startsWith('x') ? parseInt(numeric[1]!.slice(1), 16) : Number(numeric[1]));
	});
}

export function parseXml(source: string): XmlElement {
	let i = 0;
	const stack: XmlElement[] = [];
	let root: XmlElement | null = null;
	const skipPast = (end: string) => {
		const at = source.indexOf(end, i);
		if (at === -1) throw new Error(`no ${end} after ${i}`);
		i = at + end.length;
	};
	const skipMisc = () => {
		for (;;) {
			i += /^\s*/.exec(source.slice(i))![0].length;
			if (source.startsWith('<?', i)) skipPast('?>');
			else if (source.startsWith('<!--', i)) skipPast('-->');
			else return;
		}
	};
	skipMisc();
	while (i < source.length) {
		if (root && !stack.length) {
			skipMisc();
			if (i < source.length) throw new Error(`content after the root element at ${i}`);
			break;
		}
		if (source.startsWith('<!--', i)) {
			skipPast('-->');
			continue;
		}
		if (source.startsWith('</', i)) {
			const end = source.indexOf('>', i);
			const name = source.slice(i + 2, end).trim();
			const open = stack.pop();
			if (!open || open.name !== name) throw new Error(`</${name}> does not close <${open?.name}> at ${i}`);
			i = end + 1;
			continue;
		}
		if (source[i] === '<') {
			i++;
			const name = NAME.exec(source.slice(i))?.[0];
			if (!name) throw new Error(`bad tag name at ${i}`);
			i += name.length;
			const element: XmlElement = { name, attributes: {}, children: [] };
			for (;;) {
				const rest = source.slice(i);
				const attr = /^\s+([A-Za-z_:][\w:.-]*)\s*=\s*("([^"<]*)"|'([^'<]*)')/.exec(rest);
				if (attr) {
					if (attr[1]! in element.attributes) throw new Error(`repeated attribute ${attr[1]} at ${i}`);
					element.attributes[attr[1]!] = decode(attr[3] ?? attr[4]!, i);
					i += attr[0].length;
					continue;
				}
				const close = /^\s*(\/?)>/.exec(rest);
				if (!close) throw new Error(`bad attribute or tag end at ${i}: ${rest.slice(0, 30)}`);
				i += close[0].length;
				if (stack.length) stack[stack.length - 1]!.children.push(element);
				else if (root) throw new Error('second root element');
				else root = element;
				if (!close[1]) stack.push(element);
				break;
			}
			continue;
		}
		const next = source.indexOf('<', i);
		const raw = source.slice(i, next === -1 ? source.length : next);
		if (!stack.length) {
			if (raw.trim()) throw new Error(`text outside the root at ${i}`);
		} else stack[stack.length - 1]!.children.push(decode(raw, i));
		i += raw.length;
	}
	if (!root || stack.length) throw new Error('unclosed element');
	return root;
}

/** Every element named `name`, depth first. */
export function elements(root: XmlElement, name: string): XmlElement[] {
	const found: XmlElement[] = [];
	const walk = (e: XmlElement) => {
		if (e.name === name) found.push(e);
		for (const c of e.children) if (typeof c !== 'string') walk(c);
	};
	walk(root);
	return found;
}

/** The text inside an element, its descendants' text joined in order. */
export function textOf(e: XmlElement): string {
	return e.children.map((c) => (typeof c === 'string' ? c : textOf(c))).join('');
}
