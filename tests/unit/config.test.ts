import { describe, expect, it } from 'vitest';
import { configFromEnv } from '../../server/config';

describe('configFromEnv', () => {
	it('runs on embedded SQLite with neither DATABASE_URL nor REDIS_URL', () => {
		const config = configFromEnv({});
		expect(config.databaseUrl).toBeNull();
		expect(config.redisUrl).toBeNull();
	});

	it('takes both scale-out URLs together', () => {
		const config = configFromEnv({ DATABASE_URL: 'postgres://127.0.0.1:5432/test', REDIS_URL: 'redis://127.0.0.1:6379' });
		expect(config.databaseUrl).toBe('postgres://127.0.0.1:5432/test');
		expect(config.redisUrl).toBe('redis://127.0.0.1:6379');
	});

	it('refuses half a scale-out configuration, naming what is missing', () => {
		expect(() => configFromEnv({ DATABASE_URL: 'postgres://127.0.0.1/test' })).toThrow(/DATABASE_URL is set but REDIS_URL is not/);
		expect(() => configFromEnv({ REDIS_URL: 'redis://127.0.0.1' })).toThrow(/REDIS_URL is set but DATABASE_URL is not/);
	});

	it('refuses a URL of the wrong kind or no URL at all', () => {
		expect(() => configFromEnv({ DATABASE_URL: 'mysql://127.0.0.1/test', REDIS_URL: 'redis://127.0.0.1' })).toThrow(/DATABASE_URL must start with postgres:\/\//);
		expect(() => configFromEnv({ DATABASE_URL: 'postgres://127.0.0.1/test', REDIS_URL: '127.0.0.1:6379' })).toThrow(/REDIS_URL/);
	});

	it('reads the client address from a proxy header only when told which', () => {
		expect(configFromEnv({}).addressHeader).toBeNull();
		const behindProxy = configFromEnv({ ADDRESS_HEADER: 'X-Forwarded-For', XFF_DEPTH: '2' });
		expect(behindProxy.addressHeader).toBe('x-forwarded-for');
		expect(behindProxy.xffDepth).toBe(2);
		expect(() => configFromEnv({ XFF_DEPTH: '1.5' })).toThrow(/XFF_DEPTH must be a whole number/);
	});
});
