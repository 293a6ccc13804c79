import type { ChildProcess, StdioOptions } from 'node:child_process';

export function findNginx(env?: NodeJS.ProcessEnv): string | null;
export function startProxy(opts: { root: string; nginx: string; listen: string; ports: number[]; stdio?: StdioOptions }): Promise<ChildProcess>;
export function waitUntilAnswering(url: string, opts?: { timeoutMs?: number; giveUp?: () => Error | null }): Promise<void>;
