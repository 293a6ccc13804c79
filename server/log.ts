/**
 * The server's log: pino, one JSON line per event on stdout, so that logs carry room, connection
 * and step. Call sites keep the shape `log.info(msg, fields)`; this file turns it into pino's.
 *
 * Two things never reach a line as they came:
 *   - an Error, under whatever key it is passed, is written with its type, message and stack
 *     (pino's own `err` serializer only looks at the key `err`);
 *   - secrets: a token, key or Authorization header under a field of that name is censored, and so
 *     is a `token=` or `key=` in any string (a sync URL carries the token in its query string).
 */
import { pino, stdSerializers, stdTimeFunctions, type DestinationStream } from 'pino';
import type { Config } from './config';

export type Level = 'debug' | 'info' | 'warn' | 'error';
export type Log = Record<Level, (msg: string, fields?: Record<string, unknown>) => void>;

const CENSORED = '[redacted]';

/** Field names whose value is a credential, at the top level and one level down (`headers.authorization`). */
const SECRET_FIELDS = ['token', 'facilitatorKey', 'key', 'secret', 'authorization', 'cookie'];

/** `?token=…` or `&key=…` in a URL or any other text. */
const SECRET_IN_TEXT = /([?&#](?:token|key)=)[^&#\s"']*/gi;

export function createLog(level: Config['logLevel'], destination: DestinationStream = pino.destination(1)): Log {
	const logger = pino(
		{
			level,
			timestamp: stdTimeFunctions.isoTime,
			// Level names, not pino's numbers: an operator greps for "error".
			formatters: { level: (label) => ({ level: label }) },
			redact: { paths: SECRET_FIELDS.flatMap((name) => [name, `*.${name}`]), censor: CENSORED }
		},
		destination
	);
	const at = (level: Level) => (msg: string, fields?: Record<string, unknown>) => {
		if (!logger.isLevelEnabled(level)) return;
		logger[level](fields ? loggable(fields) : {}, scrub(msg));
	};
	return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

/** The fields with every Error serialized (stack included) and every string scrubbed of secrets. */
function loggable(fields: Record<string, unknown>): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	for (const [name, value] of Object.entries(fields)) {
		if (value instanceof Error) {
			const serialized = stdSerializers.err(value);
			out[name] = { ...serialized, message: scrub(serialized.message), stack: scrub(serialized.stack) };
		} else {
			out[name] = typeof value === 'string' ? scrub(value) : value;
		}
	}
	return out;
}

function scrub(text: string): string {
	return text.replace(SECRET_IN_TEXT, `$1${CENSORED}`);
}
