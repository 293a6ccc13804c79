/** The pure board layer: schema and every operation on the documents. No Svelte, no DOM. */
export * from './schema';
export * from './limits';
export * from './rooms';
export * from './figure';
export * from './note';
export * from './board';
export * from './migrations';
export * from './workshop';
export * from './timer';
export * from './locks';
export * from './broadcast';
export * from './chat';
export * from './plenary';
export * from './present';
export * from './vote';
export * from './runsheet';
export * from './individual';
export { TEMPLATES, findTemplate, type Template, type TimerPreset } from './templates';
