import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { findTemplate, initBoard, migrateBoard, readFigures, readMeta, SCHEMA_VERSION, TEMPLATES } from '../../src/lib/board';

describe('board schema and migrations', () => {
	it('stamps an unversioned document with the current version and keeps its content', () => {
		const doc = new Y.Doc();
		doc.getMap('meta').set('title', 'Gammal tavla');
		expect(migrateBoard(doc)).toEqual(Array.from({ length: SCHEMA_VERSION }, (_, i) => i + 1));
		expect(readMeta(doc)).toMatchObject({ schemaVersion: SCHEMA_VERSION, title: 'Gammal tavla' });
	});

	it('does nothing to a document that is up to date or newer', () => {
		const doc = new Y.Doc();
		doc.getMap('meta').set('schemaVersion', SCHEMA_VERSION + 5);
		expect(migrateBoard(doc)).toEqual([]);
		expect(readMeta(doc).schemaVersion).toBe(SCHEMA_VERSION + 5);
	});

	it('creates boards at the current version, with only the three top-level maps', () => {
		for (const template of TEMPLATES) {
			const doc = new Y.Doc();
			initBoard(doc, template.board);
			expect(readMeta(doc).schemaVersion).toBe(SCHEMA_VERSION);
			expect([...doc.share.keys()].sort()).toEqual(['figures', 'meta', 'notes']);
			expect(migrateBoard(doc)).toEqual([]);
		}
	});

	it('builds the Lärlabb board of seed 002', () => {
		const doc = new Y.Doc();
		initBoard(doc, findTemplate('larlabb')!.board);
		const figures = readFigures(doc);
		expect(figures.filter((f) => f.kind === 'question').map((f) => f.title)).toEqual(
			expect.arrayContaining([
				'Vilka förväntningar har du på Lärlabb?',
				'Vad vill du veta om myndigheterna?',
				'Vad vill du att myndigheterna ska veta om regionerna?',
				'Goda exempel på samverkan mellan myndigheter och regioner'
			])
		);
		expect(figures.filter((f) => f.kind === 'summary').map((f) => f.title)).toEqual(['Att tänka på inför Lärlabb']);
		const { instructions } = readMeta(doc);
		expect(instructions).toContain('Gör så här');
		expect(instructions).toContain('Ni har 40 minuter totalt');
	});
});
