/**
 * Finds text a person would read that is written into a source file instead of coming from the
 * messages (messages/*.json): the guard of issue 13. It reads
 * - in Svelte markup: every text node with a letter in it, and the plain (unbraced) values of the
 *   attributes people read or hear (aria-label, title, placeholder, alt, and the `label`/`hint`
 *   style props our components pass on);
 * - in TypeScript, in a component's script and in its `{expressions}`: string and template
 *   literals that look like words for people: a letter åäö, a capitalised first word ("Full",
 *   "Spara nu"), or words ending a sentence (".", "!", "?", "…", ":").
 * Code strings (class names, ids, routes, MIME types, 'GET') have none of these. A literal that
 * only looks like words goes in CODE_WORDS with the reason; see also isCode.
 */
import fs from 'node:fs';
import { parse } from 'svelte/compiler';
import ts from 'typescript';

/** Attributes and props whose plain value is read or heard by a person. */
const SPOKEN_ATTRIBUTES = new Set([
	'aria-label',
	'aria-description',
	'aria-roledescription',
	'aria-valuetext',
	'title',
	'placeholder',
	'alt',
	'label',
	'hint',
	'heading',
	'description',
	'message'
]);

/** Literals that look like words but are protocol, not text for people. */
const CODE_WORDS = new Set([
	'Bearer', // the Authorization scheme
	'Escape', // a KeyboardEvent key value, as dispatched for Escape typed ahead (type-ahead.ts)
	'Helvetica', // a PDF standard font's name (server/export/pdf.ts)
	'Verkstad' // the product's name, the same in every language: a file's "creator" field (server/export)
]);

export interface VisibleLiteral {
	file: string;
	line: number;
	text: string;
}

/** Whether a string from code looks like words meant for a person. */
export function looksLikeWords(text: string): boolean {
	if (CODE_WORDS.has(text.trim()) || !/\p{L}{2}/u.test(text)) return false;
	return /[åäöÅÄÖ]/.test(text) || /^\s*\p{Lu}\p{Ll}+(?=[\s.,!?…:]|$)/u.test(text) || (/\s/.test(text.trim()) && /\p{L}[.!?…:]\s*$/u.test(text));
}

export function visibleLiterals(file: string): VisibleLiteral[] {
	const source = fs.readFileSync(file, 'utf8');
	return file.endsWith('.svelte') ? inSvelte(file, source) : inTypeScript(file, source, 0);
}

function lineAt(source: string, offset: number): number {
	return source.slice(0, offset).split('\n').length;
}

function inTypeScript(file: string, code: string, offset: number, whole = code): VisibleLiteral[] {
	const found: VisibleLiteral[] = [];
	const tree = ts.createSourceFile(file, code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
	const visit = (node: ts.Node): void => {
		if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node) || ts.isLiteralTypeNode(node) || isCode(node)) return;
		// A template's pieces one by one: `Titeln får vara ${max}` is words, `Bearer ${token}` is not.
		const pieces = ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)
			? [node.text]
			: ts.isTemplateExpression(node)
				? [node.head.text, ...node.templateSpans.map((s) => s.literal.text)]
				: [];
		for (const text of pieces.filter(looksLikeWords)) found.push({ file, line: lineAt(whole, offset + node.getStart(tree)), text });
		ts.forEachChild(node, visit);
	};
	visit(tree);
	return found;
}

const EQUALITY = new Set([ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsEqualsToken, ts.SyntaxKind.EqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsToken]);

/**
 * Literals that are code, not text: one compared with (`e.key === 'Escape'`, `case 'Enter':`) is
 * a value; a plain `new Error(...)` is a programmer's mistake, for a developer in English.
 */
function isCode(node: ts.Node): boolean {
	const parent = node.parent;
	if (!parent) return false;
	// Also a template with inputs: `new Error(\`not a picture id: ${id}\`)` is as much for a developer.
	if (ts.isNewExpression(parent) && parent.expression.getText() === 'Error' && (ts.isStringLiteral(node) || ts.isTemplateLiteral(node))) return true;
	if (!(ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node))) return false;
	return ts.isCaseClause(parent) || (ts.isBinaryExpression(parent) && EQUALITY.has(parent.operatorToken.kind));
}

interface SvelteNode {
	type: string;
	start: number;
	end: number;
	name?: string;
	data?: string;
	value?: unknown;
	[key: string]: unknown;
}

function inSvelte(file: string, source: string): VisibleLiteral[] {
	const ast = parse(source, { modern: true });
	const found: VisibleLiteral[] = [];
	const code = (node: { start: number; end: number }) => inTypeScript(file, source.slice(node.start, node.end), node.start, source);
	for (const script of [ast.instance, ast.module]) if (script) found.push(...code(script.content as unknown as SvelteNode));

	const visit = (node: unknown, inAttribute: boolean): void => {
		if (Array.isArray(node)) return node.forEach((child) => visit(child, inAttribute));
		if (!node || typeof node !== 'object') return;
		const n = node as SvelteNode;
		if (n.type === 'Script' || n.type === 'StyleSheet' || n.type === 'Comment') return;
		if (n.type === 'Text' && !inAttribute && /\p{L}/u.test(n.data ?? '')) {
			found.push({ file, line: lineAt(source, n.start), text: (n.data ?? '').trim() });
			return;
		}
		// An attribute's or a style directive's value; only the spoken attributes' words are read.
		if ((n.type === 'Attribute' || n.type === 'StyleDirective') && Array.isArray(n.value)) {
			const spoken = n.type === 'Attribute' && SPOKEN_ATTRIBUTES.has(n.name ?? '');
			for (const part of n.value as SvelteNode[]) {
				if (part.type === 'Text' && spoken && /\p{L}/u.test(part.data ?? '')) {
					found.push({ file, line: lineAt(source, part.start), text: part.data ?? '' });
				} else visit(part, true);
			}
			return;
		}
		// An expression in markup ({...}, an attribute's {...}, a block's condition): its literals.
		if (typeof n.type === 'string' && /Expression$|^Identifier$|^Literal$|^TemplateLiteral$/.test(n.type) && n.start !== undefined) {
			found.push(...code(n));
			return;
		}
		for (const [key, value] of Object.entries(n)) {
			if (key !== 'metadata' && key !== 'parent') visit(value, inAttribute);
		}
	};
	visit(ast.fragment, false);
	return found;
}
