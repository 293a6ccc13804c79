export const BUILD_INPUTS: string[];
export const SERVER_ENTRY: string;
export const BUILD_STAMP: string;
export function buildState(root: string): { fresh: true } | { fresh: false; reason: string };
