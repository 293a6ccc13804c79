/** A small structured logger: one JSON line per event, so that logs carry room, connection and step. */
import type { Config } from './config';

const order = { debug: 10, info: 20, warn: 30, error: 40 } as const;
export type Level = keyof typeof order;
export type Log = Record<Level, (msg: string, fields?: Record<string, unknown>) => void>;

export function createLog(level: Config['logLevel']): Log {
	const emit = (at: Level) => (msg: string, fields?: Record<string, unknown>) => {
		if (order[at] < order[level]) return;
		const line = JSON.stringify({ t: new Date().toISOString(), level: at, msg, ...fields });
		(at === 'error' || at === 'warn' ? process.stderr : process.stdout).write(line + '\n');
	};
	return { debug: emit('debug'), info: emit('info'), warn: emit('warn'), error: emit('error') };
}
