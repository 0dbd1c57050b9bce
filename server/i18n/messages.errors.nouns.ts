/**
 * The words messages put in their placeholders, in Danish: what a "not found" names, the shared
 * text fields, the deadline calculator's dates, and the status labels of an FOI request. Used by
 * the translation in messages.errors.ts.
 */

/** What `AppError.notFound(what)`, the shared text fields and a few sentences name. */
export const ERROR_NOUNS: Record<string, string> = {
  'This document': 'Dokumentet',
  'this document': 'dokumentet',
  'The other document': 'Det andet dokument',
  'This document link': 'Forbindelsen mellem dokumenterne',
  'This shared document': 'Det delte dokument',
  'This share link': 'Delingslinket',
  'This saved search': 'Den gemte søgning',
  'This token': 'Nøglen',
  'This user': 'Brugeren',
  'This upload': 'Uploaden',
  'This story': 'Historien',
  'this story': 'historien',
  'This item of the story': 'Elementet i historien',
  'This item': 'Elementet',
  'This FOI request': 'Aktindsigtsanmodningen',
  'This request': 'Anmodningen',
  'This log entry': 'Logposten',
  'This clock stop': 'Fristens stop',
  'This record': 'Posten',
  'This calendar feed': 'Kalenderfeedet',
  'This authority': 'Myndigheden',
  'The authority of this request': 'Anmodningens myndighed',
  'This party': 'Parten',
  'The parent party': 'Den overordnede part',
  'The party to merge into': 'Den part, der skal flettes ind i',
  'This alias': 'Aliaset',
  'This party link': 'Partens tilknytning',
  'This party link of the event': 'Partens tilknytning til begivenheden',
  'This event': 'Begivenheden',
  'this event': 'begivenheden',
  'This event link': 'Begivenhedens tilknytning',
  'This suggestion': 'Forslaget',
  // The shared text fields (server/story/shared/input.ts): "the name is required".
  'the name': 'navnet',
  date: 'datoen',
  'the title': 'titlen',
  'the description': 'beskrivelsen',
  'the short name': 'det korte navn',
  'the notes': 'noterne',
  // The dates of the deadline calculator (server/requests/deadlines): "Please give the date …".
  'the date the request was sent': 'den dato, anmodningen blev sendt',
  'the date the request was received': 'den dato, anmodningen blev modtaget',
  'the date the right office received the request': 'den dato, det rette kontor modtog anmodningen',
  'the date of the notice of extension': 'datoen for meddelelsen om forlængelse',
  'the date the authority promised': 'den dato, myndigheden lovede',
  'the date of the decision': 'afgørelsens dato',
  'the date the decision was received': 'den dato, afgørelsen blev modtaget',
  'the date of the appeal': 'klagens dato',
  'the date of the appeal decision': 'klageafgørelsens dato',
  'the date the appeal decision was received': 'den dato, klageafgørelsen blev modtaget',
  'the date clarification was asked for': 'den dato, der blev bedt om en præcisering',
  'the date the clarification arrived': 'den dato, præciseringen kom',
  'the date of the fees notice': 'datoen for meddelelsen om gebyr',
  'the date the fee was paid': 'den dato, gebyret blev betalt',
  // What a suggestion already is ("This suggestion was already {state}.").
  accepted: 'accepteret',
  dismissed: 'afvist',
  // The clock stops of the deadline calculator (server/requests/foi.routes.ts): "feeTo: give … too."
  'clarificationFrom, the day the authority asked for clarification': 'clarificationFrom, den dag, myndigheden bad om en præcisering',
  'feeFrom, the day of the fees notice': 'feeFrom, dagen for meddelelsen om gebyr',
  // What a party may not be (parties.service: "you may not {action} it").
  delete: 'slette',
  merge: 'flette',
};

/** The status labels of an FOI request (server/requests/core/requests.status.ts), as messages quote them. */
export const STATUS_WORDS: Record<string, string> = {
  draft: 'kladde',
  sent: 'sendt',
  acknowledged: 'kvitteret',
  extended: 'forlænget',
  granted: 'imødekommet',
  'partly granted': 'delvist imødekommet',
  refused: 'afslået',
  'no documents': 'ingen dokumenter',
  appealed: 'påklaget',
  'appeal decided': 'klage afgjort',
  withdrawn: 'trukket tilbage',
  partly_granted: 'delvist imødekommet',
  no_documents: 'ingen dokumenter',
  appeal_decided: 'klage afgjort',
};
