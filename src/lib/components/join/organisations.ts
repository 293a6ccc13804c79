/**
 * Suggestions for the organisation field: the people in the seeds are Swedish regions and the
 * national agencies they work with. Only suggestions (a <datalist>): municipalities, universities
 * and anyone else type their own.
 */
export const ORGANISATION_SUGGESTIONS: readonly string[] = [
	'Region Blekinge',
	'Region Dalarna',
	'Region Gotland',
	'Region Gävleborg',
	'Region Halland',
	'Region Jämtland Härjedalen',
	'Region Jönköpings län',
	'Region Kalmar län',
	'Region Kronoberg',
	'Region Norrbotten',
	'Region Skåne',
	'Region Stockholm',
	'Region Sörmland',
	'Region Uppsala',
	'Region Värmland',
	'Region Västerbotten',
	'Region Västernorrland',
	'Region Västmanland',
	'Region Örebro län',
	'Region Östergötland',
	'Västra Götalandsregionen',
	'Tillväxtverket',
	'Svenska ESF-rådet',
	'MUCF',
	'SKR',
	'Reglab',
	'Vinnova',
	'Boverket',
	'Trafikverket',
	'Naturvårdsverket',
	'Energimyndigheten',
	'Arbetsförmedlingen',
	'Jordbruksverket',
	'Myndigheten för yrkeshögskolan',
	'Skolverket',
	'Formas',
	'Länsstyrelsen'
];
