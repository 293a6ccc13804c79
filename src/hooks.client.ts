import type { ClientInit } from '@sveltejs/kit';
import { startLanguage } from '$lib/i18n/language.svelte';

export const init: ClientInit = () => {
	startLanguage();
};
