/**
 * `npm run templates` for the operator: lists the own templates of the Verkstad in DATA_DIR (or
 * DATABASE_URL's database), and `npm run templates -- delete <id>` deletes one. This is how a
 * template leaves the start page when no facilitator can delete it: one imported from a file, or
 * saved from a workshop that has since been deleted (docs/decisions.md). It may run while the
 * server does; the server reads the list from the database each time, so a deleted template is
 * gone from the next page load.
 */
import { configFromEnv } from '../config';
import { createLog } from '../log';
import { openStore } from '../store/open-store';

const USAGE = 'usage: npm run templates                 list the own templates\n       npm run templates -- delete <id>  delete one';

async function main(args: string[]): Promise<number> {
	const [command, id, extra] = args;
	if ((command !== undefined && command !== 'delete') || (command === 'delete' && (!id || extra !== undefined))) {
		console.error(USAGE);
		return 2;
	}
	const store = await openStore(configFromEnv(), createLog('warn'));
	try {
		if (command === 'delete') {
			if (!(await store.deleteTemplate(id!))) {
				console.error(`no own template "${id}" (run \`npm run templates\` to list them)`);
				return 1;
			}
			console.log(`deleted ${id}`);
			return 0;
		}
		for (const t of await store.listTemplates()) {
			const from = t.sourceCode ? `saved from workshop ${t.sourceCode}` : 'imported, or its workshop is deleted';
			console.log(`${t.id}\t${new Date(t.createdAt).toISOString().slice(0, 10)}\t${t.name}\t(${from})`);
		}
		return 0;
	} finally {
		await store.close();
	}
}

process.exitCode = await main(process.argv.slice(2));
