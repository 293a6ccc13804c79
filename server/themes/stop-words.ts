/**
 * Swedish stop words: the Snowball list (snowballstem.org/algorithms/swedish/stop.txt), and the
 * fillers of workshop notes that say nothing of what a point is about ("ska", "också", "olika").
 * Compared with lower-cased words before stemming, so every inflection that matters is listed.
 */
const SNOWBALL = `och det att i en jag hon som han på den med var sig för så till är men ett om hade de av icke mig
du henne då sin nu har inte hans honom skulle hennes där min man ej vid kunde något från ut när efter upp vi dem vara
vad över än dig kan sina här ha mot alla under någon eller allt mycket sedan ju denna själv detta åt utan varit hur ingen
mitt ni bli blev oss din dessa några deras blir mina samma vilken er sådan vår blivit dess inom mellan sådant varför varje
vilka ditt vem vilket sitta sådana vart dina vars vårt våra ert era vilkas`;

const WORKSHOP_FILLERS = `ska skall också även bara mer mest fler flera finns fanns gör göra gjort görs får få fått ta tar tagit
kunna kunnat måste bör borde lite helt hela tex t.ex etc osv olika andra annan annat både just redan sätt nog väl
kanske gärna exakt ifrån utifrån kring genom enligt arbeta arbetar arbetat jobba jobbar`;

export const STOP_WORDS: ReadonlySet<string> = new Set(`${SNOWBALL} ${WORKSHOP_FILLERS}`.split(/\s+/).filter(Boolean));

export function isStopWord(word: string): boolean {
	return STOP_WORDS.has(word);
}
