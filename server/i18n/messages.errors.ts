import type { Lang } from './messages';

/**
 * The messages services and schemas give (AppError, zod) in Danish. The API answers them in English,
 * which scripts match on; pages show them in the reader's language through `localiseError`.
 * Keys are the English text; `{name}` stands for a value put in at run time. A value is itself
 * translated when it is a noun below ("This document was not found." → "Dokumentet blev ikke
 * fundet."), a status label, a date as the deadline rules write it, or another message of the table;
 * anything else (field names, ids, numbers, what a user typed) stays as it is.
 * test/unit/error-messages.test.ts reads the source and fails on a message missing here.
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

/** The status labels of an FOI request (server/requests/requests.status.ts), as messages quote them. */
const STATUS_WORDS: Record<string, string> = {
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

export const ERROR_MESSAGES: Record<string, string> = {
  // The error type itself and the HTTP edge (server/errors.ts, server/http).
  '{what} was not found.': '{what} blev ikke fundet.',
  'Internal error.': 'Intern fejl.',
  'No such API route.': 'Denne API-adresse findes ikke.',
  'This page does not exist.': 'Siden findes ikke.',
  'The file is larger than the limit of {mb} MB.': 'Filen er større end grænsen på {mb} MB.',
  'Unexpected file field "{field}". Send the file in the field "file".': 'Uventet filfelt "{field}". Send filen i feltet "file".',
  'Too many files in one upload.': 'For mange filer i én upload.',
  'The upload could not be read: {why}.': 'Uploaden kunne ikke læses: {why}.',
  'The file is larger than the upload limit.': 'Filen er større end grænsen for upload.',
  'The request body is too large.': 'Forespørgslens indhold er for stort.',
  'The request body is not valid JSON.': 'Forespørgslens indhold er ikke gyldig JSON.',
  'The request body uses a character set or content encoding Kilde does not read. Send UTF-8.': 'Forespørgslens indhold bruger et tegnsæt eller en kodning, som Kilde ikke kan læse. Send UTF-8.',
  'The address contains a broken %-escape.': 'Adressen indeholder en ødelagt %-kode.',
  'The request is too large.': 'Forespørgslen er for stor.',
  'The request could not be understood.': 'Forespørgslen kunne ikke forstås.',
  'The upload is not a valid multipart form.': 'Uploaden er ikke en gyldig multipart-formular.',
  'invalid input': 'ugyldigt input',
  'The form expired or did not come from Kilde. Reload the page and try again.': 'Formularen er udløbet eller kom ikke fra Kilde. Genindlæs siden, og prøv igen.',
  'Metrics need the metrics token: send "Authorization: Bearer <KILDE_METRICS_TOKEN>".': 'Målinger kræver målingsnøglen: send "Authorization: Bearer <KILDE_METRICS_TOKEN>".',
  'The request body must be a JSON object.': 'Forespørgslens indhold skal være et JSON-objekt.',

  // Zod's own messages, for fields without a message of their own.
  'Invalid input': 'Ugyldigt input',
  'Invalid input: expected {expected}, received {received}': 'Ugyldigt input: forventede {expected}, fik {received}',
  'Invalid input: expected {value}': 'Ugyldig værdi: forventede {value}',
  'Invalid option: expected one of {values}': 'Ugyldigt valg: vælg en af {values}',
  'Too big: expected string to have <={n} characters': 'For lang: højst {n} tegn',
  'Too small: expected string to have >={n} characters': 'For kort: mindst {n} tegn',
  'Too big: expected array to have <={n} items': 'For mange: højst {n}',
  'Too small: expected array to have >={n} items': 'For få: mindst {n}',
  'Too big: expected number to be <={n}': 'For stort: højst {n}',
  'Too small: expected number to be >={n}': 'For lille: mindst {n}',
  'Invalid string: must match pattern {pattern}': 'Ugyldig tekst: skal passe til mønstret {pattern}',
  'Invalid ISO datetime': 'Ugyldig dato og tid (ISO)',
  'Unrecognized key: {key}': 'Ukendt felt: {key}',
  'Unrecognized keys: {keys}': 'Ukendte felter: {keys}',

  // Sign-in, accounts, roles (server/auth).
  'This API token is not valid or has been revoked.': 'API-nøglen er ugyldig eller tilbagekaldt.',
  'This request came from another site and was refused.': 'Forespørgslen kom fra et andet websted og blev afvist.',
  'Sign in, or send an API token as "Authorization: Bearer <token>".': 'Log ind, eller send en API-nøgle som "Authorization: Bearer <token>".',
  'Researchers can read and search, but not change the archive.': 'Researchere kan læse og søge, men ikke ændre arkivet.',
  'Kilde is already set up. Sign in instead.': 'Kilde er allerede sat op. Log ind i stedet.',
  'That username is taken.': 'Brugernavnet er optaget.',
  'The username or password is not correct.': 'Brugernavnet eller adgangskoden er forkert.',
  'You cannot demote or disable your own account.': 'Du kan ikke nedgradere eller deaktivere din egen konto.',
  'The password must be at least 10 characters long.': 'Adgangskoden skal være mindst 10 tegn lang.',
  'The password must be at most 200 characters long.': 'Adgangskoden må højst være 200 tegn lang.',
  'A username has 1–64 letters, digits, dots, dashes or underscores.': 'Et brugernavn har 1–64 bogstaver, cifre, punktummer, bindestreger eller understregninger.',
  'The role must be one of {roles}.': 'Rollen skal være en af {roles}.',
  'The current password is not correct.': 'Den nuværende adgangskode er forkert.',
  'Give the token a name, e.g. "import script".': 'Giv nøglen et navn, fx "importscript".',
  'Your role can read the archive but not change it.': 'Din rolle kan læse arkivet, men ikke ændre det.',
  'Only the person who added {what}, an editor or an admin may change who can read it or delete it.': 'Kun den, der tilføjede {what}, en redaktør eller en administrator må ændre, hvem der har adgang, eller slette {what}.',
  'Sign in to continue.': 'Log ind for at fortsætte.',
  'Your role does not allow this.': 'Din rolle tillader ikke dette.',

  // Citations, share links, bundles (server/citations).
  'Give a search to export.': 'Angiv en søgning, der skal eksporteres.',
  'Choose at least one document to export.': 'Vælg mindst ét dokument, der skal eksporteres.',
  'There is nothing you can read to export here.': 'Der er intet, du kan læse, at eksportere her.',
  'not a page number': 'ikke et sidenummer',
  'Give the quoted text, or its start and end offsets.': 'Angiv den citerede tekst eller dens start- og slutposition.',
  'not a date and time': 'ikke en dato og et klokkeslæt',
  'This file could not be read as a Word (.docx) document.': 'Filen kunne ikke læses som et Word-dokument (.docx).',
  'Upload the draft as .txt, .md (UTF-8) or .docx.': 'Upload udkastet som .txt, .md (UTF-8) eller .docx.',
  'This quote does not exist.': 'Citatet findes ikke.',
  'The draft is larger than {mb} MB.': 'Udkastet er større end {mb} MB.',
  'The draft is empty: paste the text or upload a .txt, .md or .docx file.': 'Udkastet er tomt: indsæt teksten, eller upload en .txt-, .md- eller .docx-fil.',
  'The draft is longer than {n} characters; check it in parts.': 'Udkastet er længere end {n} tegn; tjek det i dele.',
  'The offsets are outside the page text.': 'Positionerne ligger uden for sidens tekst.',
  'This passage is not on page {page}.': 'Passagen står ikke på side {page}.',
  'Only the person who added this document, an editor or an admin may share it publicly.': 'Kun den, der tilføjede dokumentet, en redaktør eller en administrator må dele det offentligt.',
  'This document is under embargo: it can be shared once the embargo has ended.': 'Dokumentet er under embargo: det kan deles, når embargoen er slut.',
  'This document has {n} unreviewed CPR number{s}{pages}: confirm each one before sharing it publicly.': 'Dokumentet har {n} CPR-nummer/-numre, der ikke er gennemgået{pages}: bekræft hvert af dem, før det deles offentligt.',
  'The expiry must be in the future.': 'Udløbet skal ligge i fremtiden.',

  // Documents, uploads, bulk actions (server/documents).
  'An embargo needs the date and time it ends.': 'En embargo skal have den dato og det klokkeslæt, hvor den slutter.',
  'No such user: {list}{more}. Name users by their user name or id.': 'Ukendt bruger: {list}{more}. Angiv brugere med brugernavn eller id.',
  'No file was sent. Send the document in the multipart field "file".': 'Der blev ikke sendt nogen fil. Send dokumentet i multipart-feltet "file".',
  'Stories are not available.': 'Historier er ikke tilgængelige.',
  'FOI requests are not available.': 'Aktindsigtsanmodninger er ikke tilgængelige.',
  'tags: write at least one tag.': 'tags: skriv mindst ét mærke.',
  'storyId: choose a story.': 'storyId: vælg en historie.',
  'requestId: choose an FOI request.': 'requestId: vælg en aktindsigtsanmodning.',
  'level: choose who may read the documents.': 'level: vælg, hvem der må læse dokumenterne.',
  'confirm: tick the box to confirm the deletion.': 'confirm: sæt flueben for at bekræfte sletningen.',
  'users is longer than 5,000 characters': 'users er længere end 5.000 tegn',
  'a user name or id is longer than 64 characters': 'et brugernavn eller id er længere end 64 tegn',
  'at most 200 users': 'højst 200 brugere',
  'title is longer than 500 characters': 'title er længere end 500 tegn',
  'notes are longer than 20,000 characters': 'noterne er længere end 20.000 tegn',
  'not a document id': 'ikke et dokument-id',
  'tags are longer than 5,000 characters': 'mærkerne er længere end 5.000 tegn',
  'a tag is longer than 60 characters': 'et mærke er længere end 60 tegn',
  'at most 50 tags': 'højst 50 mærker',
  'language must be a language code such as da or en': 'sproget skal være en sprogkode som da eller en',
  'title must not be empty': 'titlen må ikke være tom',
  'Tick at least one document.': 'Sæt flueben ved mindst ét dokument.',
  'at most 200 documents at once': 'højst 200 dokumenter ad gangen',
  'embargoUntil must be a date and time, e.g. 2026-12-01T06:00:00Z (years 1970–9999)': 'embargoUntil skal være en dato og et klokkeslæt, fx 2026-12-01T06:00:00Z (årene 1970–9999)',
  'embargoUntil must be an ISO date-time, e.g. 2026-12-01T06:00:00Z, in the years 1970–9999': 'embargoUntil skal være en ISO-dato og -tid, fx 2026-12-01T06:00:00Z, i årene 1970–9999',
  'embargoUntil must be an ISO date-time, e.g. 2026-12-01T06:00:00Z': 'embargoUntil skal være en ISO-dato og -tid, fx 2026-12-01T06:00:00Z',
  'embargo_until must be a date and time, e.g. 2026-12-01T06:00:00Z (or a day, 2026-12-01)': 'embargo_until skal være en dato og et klokkeslæt, fx 2026-12-01T06:00:00Z (eller en dag, 2026-12-01)',
  'access must be newsroom, restricted or embargoed': 'adgangen skal være newsroom, restricted eller embargoed',
  'Choose what to do with the ticked documents.': 'Vælg, hvad der skal ske med de afkrydsede dokumenter.',
  'You may not change this document.': 'Du må ikke ændre dette dokument.',
  'The original file of this document is missing from storage.': 'Dokumentets originalfil mangler i lageret.',
  'This document is already being extracted.': 'Dokumentet er allerede ved at blive udtrukket.',
  'The page image is being redrawn; try again.': 'Sidebilledet bliver tegnet igen; prøv igen.',
  'This page has no image.': 'Siden har intet billede.',
  'This page could not be drawn. {why}': 'Siden kunne ikke tegnes. {why}',
  'Page images of password-protected PDFs are not shown.': 'Sidebilleder af PDF-filer med adgangskode vises ikke.',
  'This document has no page images.': 'Dokumentet har ingen sidebilleder.',
  'Page images are shown once the document is extracted.': 'Sidebilleder vises, når dokumentet er udtrukket.',
  'Choose at least one file to upload.': 'Vælg mindst én fil, der skal uploades.',

  // Dates (server/lib/dates.ts, search/dates.ts, server/requests/requests.dates.ts).
  '{field} must look like 2018-09-28, 2018-09 or 2018 (got "{value}").': '{field} skal skrives som 2018-09-28, 2018-09 eller 2018 (fik "{value}").',
  '{field}: there is no month {month}.': '{field}: der er ingen måned {month}.',
  '{field}: {value} is not a real date.': '{field}: {value} er ikke en rigtig dato.',
  'Not a date: {value}. Use YYYY-MM-DD.': 'Ikke en dato: {value}. Brug ÅÅÅÅ-MM-DD.',
  'Not a date: {value}.': 'Ikke en dato: {value}.',
  '{field} must be a real day written as YYYY-MM-DD, for example 2018-06-28 (got "{value}").': '{field} skal være en rigtig dag skrevet som ÅÅÅÅ-MM-DD, fx 2018-06-28 (fik "{value}").',
  '{field} must be between the years 1900 and 2199 (got "{value}").': '{field} skal ligge mellem årene 1900 og 2199 (fik "{value}").',

  // Stories, parties, events, links (server/stories, parties, events, links).
  '{what} is required': '{what} skal udfyldes',
  '{what} is longer than {n} characters': '{what} er længere end {n} tegn',
  '{what} must be text': '{what} skal være tekst',
  'the search text is longer than 300 characters': 'søgeteksten er længere end 300 tegn',
  'role must be one of: {values}': 'role skal være en af: {values}',
  'relation must be one of: {values}': 'relation skal være en af: {values}',
  'kind must be one of: {values}': 'kind skal være en af: {values}',
  'accessLevel must be one of: {values}': 'accessLevel skal være en af: {values}',
  'type must be one of: {values}': 'type skal være en af: {values}',
  '{name} must be one of: {values}': '{name} skal være en af: {values}',
  'endDate is before the date.': 'endDate ligger før datoen.',
  'send partyId, or the name of the party': 'send partyId eller partens navn',
  'send eventId, or the title (and date) of the event': 'send eventId eller begivenhedens titel (og dato)',
  'Several parties are called "{name}": choose one by id.': 'Flere parter hedder "{name}": vælg en med id.',
  'No party is called "{name}". Send kind (authority, organisation, company or person) to create it.': 'Ingen part hedder "{name}". Send kind (authority, organisation, company eller person) for at oprette den.',
  'Several events are called "{title}": choose one by id.': 'Flere begivenheder hedder "{title}": vælg en med id.',
  'No event is called "{title}". Send its date (2018-09-28, 2018-09 or 2018) to create it.': 'Ingen begivenhed hedder "{title}". Send dens dato (2018-09-28, 2018-09 eller 2018) for at oprette den.',
  'A document cannot be linked to itself.': 'Et dokument kan ikke forbindes med sig selv.',
  'That document is already linked the other way ({relation}); the link would make a cycle.': 'Det dokument er allerede forbundet den anden vej ({relation}); forbindelsen ville lave en ring.',
  'Type the name of a party.': 'Skriv navnet på en part.',
  'Type the title of an event.': 'Skriv titlen på en begivenhed.',
  'an alias cannot be empty': 'et alias må ikke være tomt',
  'an alias is longer than 200 characters': 'et alias er længere end 200 tegn',
  'at most 50 aliases': 'højst 50 aliasser',
  'identifier names are lower-case words such as "cvr"': 'navne på identifikatorer er ord med små bogstaver som "cvr"',
  'at most 10 identifiers': 'højst 10 identifikatorer',
  'the e-mail address is longer than 254 characters': 'e-mailadressen er længere end 254 tegn',
  'the e-mail address must look like name@authority.dk': 'e-mailadressen skal se ud som navn@myndighed.dk',
  'the postal address is longer than 1000 characters': 'postadressen er længere end 1000 tegn',
  'cvr must be 8 digits that pass the CVR modulus-11 check': 'cvr skal være 8 cifre, der består CVR-modulus-11-kontrollen',
  'the e-mail address must be text': 'e-mailadressen skal være tekst',
  'the postal address must be text': 'postadressen skal være tekst',
  'This party is also used in material you cannot read, so you may not {action} it. Ask someone who can read all of it (an admin).': 'Parten bruges også i materiale, du ikke kan læse, så du må ikke {action} den. Spørg en, der kan læse det hele (en administrator).',
  'This party is linked to {documents} document link(s), {events} event(s), {stories} stor(ies) and has {children} sub-part(ies). Delete with force to remove the links too.': 'Parten er knyttet til {documents} dokumentforbindelse(r), {events} begivenhed(er), {stories} historie(r) og har {children} underpart(er). Slet med force for også at fjerne forbindelserne.',
  'A party cannot be its own parent.': 'En part kan ikke være sin egen overordnede part.',
  'That parent would make a cycle: it is already placed under this party.': 'Den overordnede part ville lave en ring: den står allerede under denne part.',
  'A party cannot be merged into itself.': 'En part kan ikke flettes ind i sig selv.',
  'embargoUntil must be a date such as 2018-10-15 or 2018-10-15T09:00:00Z': 'embargoUntil skal være en dato som 2018-10-15 eller 2018-10-15T09:00:00Z',
  'at most 100 named users': 'højst 100 navngivne brugere',
  'This FOI request belongs to a story that is not open to the newsroom; it can only be listed in that story.': 'Aktindsigtsanmodningen hører til en historie, der ikke er åben for redaktionen; den kan kun stå i den historie.',
  'Unknown user(s): {list}.': 'Ukendt(e) bruger(e): {list}.',
  'An embargoed story needs embargoUntil (when it opens to the newsroom).': 'En historie under embargo skal have embargoUntil (hvornår den åbner for redaktionen).',
  'state must be open, accepted or dismissed': 'state skal være open, accepted eller dismissed',
  'This suggestion was already {state}.': 'Forslaget er allerede {state}.',

  // FOI requests, their law and deadlines (server/requests).
  'This account has no user record, so it cannot own a calendar feed.': 'Kontoen har ingen brugerpost, så den kan ikke eje et kalenderfeed.',
  '"{region}" is not a region of {name}. Choose one of: {known}.': '"{region}" er ikke en region i {name}. Vælg en af: {known}.',
  '{name} uses one holiday calendar; a region cannot be chosen.': '{name} bruger én helligdagskalender; der kan ikke vælges en region.',
  'The request cannot have been received ({received}) before it was sent ({sent}).': 'Anmodningen kan ikke være modtaget ({received}), før den blev sendt ({sent}).',
  'The decision ({decided}) cannot come before the request was received ({received}).': 'Afgørelsen ({decided}) kan ikke komme, før anmodningen blev modtaget ({received}).',
  'The decision cannot have been received ({received}) before the date on it ({decided}).': 'Afgørelsen kan ikke være modtaget ({received}) før sin egen dato ({decided}).',
  'The right office cannot have received the request ({routed}) before it was first received ({received}).': 'Det rette kontor kan ikke have modtaget anmodningen ({routed}), før den først blev modtaget ({received}).',
  'Please give {what}.': 'Angiv {what}.',
  '{what} must be written as YYYY-MM-DD, for example 2018-06-28; got "{value}".': '{what} skal skrives som ÅÅÅÅ-MM-DD, fx 2018-06-28; fik "{value}".',
  '{what}, {value}, has no month {month}.': '{what}, {value}, har ingen måned {month}.',
  '{what}, {value}, does not exist: that month has {days} days.': '{what}, {value}, findes ikke: den måned har {days} dage.',
  '{what}, {value}, must be between the years 1900 and 2199.': '{what}, {value}, skal ligge mellem årene 1900 og 2199.',
  'We have no deadline rules for "{code}". Choose one of: {known}.': 'Vi har ingen fristregler for "{code}". Vælg en af: {known}.',
  'from needs an event or a rule': 'from skal have en hændelse eller en regel',
  'from with both an event and a rule needs combine': 'from med både en hændelse og en regel skal have combine',
  'an extension of kind none has no deadlines': 'en forlængelse af typen none har ingen frister',
  'There is no such language. Templates exist in da and en.': 'Det sprog findes ikke. Skabelonerne findes på da og en.',
  '{field}: give {what} too.': '{field}: angiv også {what}.',
  '{field} must be a date written as YYYY-MM-DD': '{field} skal være en dato skrevet som ÅÅÅÅ-MM-DD',
  'The request has not been sent, so no deadline runs yet.': 'Anmodningen er ikke sendt, så der løber endnu ingen frist.',
  'The request has not been sent yet, so there is nothing to remind the authority of.': 'Anmodningen er ikke sendt endnu, så der er intet at minde myndigheden om.',
  'There is no decision to appeal: the request is {status}.': 'Der er ingen afgørelse at klage over: anmodningen er {status}.',
  'Your role may read requests but not change them.': 'Din rolle må læse anmodninger, men ikke ændre dem.',
  'There is no such letter. Letters: request, reminder, appeal.': 'Det brev findes ikke. Breve: request, reminder, appeal.',
  'documentId: name the answer whose list of documents should be read.': 'documentId: angiv det svar, hvis dokumentliste skal læses.',
  'bases: {list} {verb} not a legal basis of {law}. Use: {use}.': 'bases: {list} er ikke hjemmel i {law}. Brug: {use}.',
  'A clock stop records what happened; its dates cannot be in the future.': 'Et stop af fristen registrerer, hvad der er sket; datoerne kan ikke ligge i fremtiden.',
  'to {to} is before from {from}.': 'to {to} ligger før from {from}.',
  'The request has not been sent, so its clock cannot stop.': 'Anmodningen er ikke sendt, så dens frist kan ikke stoppes.',
  'from {from} is before the authority received the request ({received}).': 'from {from} ligger før myndigheden modtog anmodningen ({received}).',
  'to {to} is before the stop began ({from}).': 'to {to} ligger før stoppet begyndte ({from}).',
  'to {to} is in the future.': 'to {to} ligger i fremtiden.',
  'Link the document to the request first; only its answers are read.': 'Knyt først dokumentet til anmodningen; kun dens svar bliver læst.',
  'appealBodyKey: "{key}" is not in the directory.': 'appealBodyKey: "{key}" findes ikke i registret.',
  'appealBodyKey: an authority cannot hear complaints about itself.': 'appealBodyKey: en myndighed kan ikke behandle klager over sig selv.',
  'This document is not linked to the request.': 'Dokumentet er ikke knyttet til anmodningen.',
  'date {date} is in the future; the log records what has happened.': 'date {date} ligger i fremtiden; loggen registrerer, hvad der er sket.',
  'summary: write what happened, or attach a document.': 'summary: skriv, hvad der skete, eller vedhæft et dokument.',
  // The same words as the shared text fields, for a field named by its API name ("subject is longer …").
  '{field} is longer than {n} characters': '{field} er længere end {n} tegn',
  '{field} must be text': '{field} skal være tekst',
  '{field} is missing': '{field} mangler',
  '{field} is not a known id': '{field} er ikke et kendt id',
  '{field} must be an id': '{field} skal være et id',
  'subject: say what the request is about': 'subject: skriv, hvad anmodningen handler om',
  'jurisdiction must be a code such as DK': 'jurisdiction skal være en kode som DK',
  'region must be a code such as NW': 'region skal være en kode som NW',
  'a legal basis is a key such as ofl_23': 'en hjemmel er en nøgle som ofl_23',
  'at most 20 legal bases': 'højst 20 hjemler',
  'title: name the document': 'title: giv dokumentet et navn',
  'body: the template is empty': 'body: skabelonen er tom',
  'channel must be one of {values}': 'channel skal være en af {values}',
  'expedited: use true or false': 'expedited: brug true eller false',
  'a new request is either draft or sent': 'en ny anmodning er enten draft eller sent',
  'status must be one of {values}': 'status skal være en af {values}',
  'kind must be one of {values}': 'kind skal være en af {values}',
  'role must be one of {values}': 'role skal være en af {values}',
  'decision must be one of {values}': 'decision skal være en af {values}',
  'use 1 or 0': 'brug 1 eller 0',
  'groupBy must be none, story or authority': 'groupBy skal være none, story eller authority',
  'page must be a number': 'page skal være et tal',
  'perPage must be a number': 'perPage skal være et tal',
  'state must be accepted or dismissed': 'state skal være accepted eller dismissed',
  'appealBodyKey must be a directory key': 'appealBodyKey skal være en nøgle i registret',
  'lang must be da or en': 'lang skal være da eller en',
  'the letter is one of {values}': 'brevet er et af {values}',
  'region: {name} has one holiday calendar; leave the region empty.': 'region: {name} har én helligdagskalender; lad regionen stå tom.',
  'region: "{code}" is not one of {known}.': 'region: "{code}" er ikke en af {known}.',
  'sentDate {sent} is in the future; record the request as a draft until it is sent.': 'sentDate {sent} ligger i fremtiden; gem anmodningen som kladde, indtil den er sendt.',
  'receivedDate {received} is in the future.': 'receivedDate {received} ligger i fremtiden.',
  'receivedDate needs a sentDate: the authority cannot receive a request before it is sent.': 'receivedDate kræver en sentDate: myndigheden kan ikke modtage en anmodning, før den er sendt.',
  'receivedDate {received} is before sentDate {sent}: the authority cannot receive the request before it was sent.': 'receivedDate {received} ligger før sentDate {sent}: myndigheden kan ikke modtage anmodningen, før den blev sendt.',
  '{field} {date} is after the first answer recorded ({answered}); correct the status history first.': '{field} {date} ligger efter det første registrerede svar ({answered}); ret først statushistorikken.',
  'sentDate: give the day the request was sent, or save it as a draft.': 'sentDate: angiv den dag, anmodningen blev sendt, eller gem den som kladde.',
  'authorityId: choose the authority the request went to.': 'authorityId: vælg den myndighed, anmodningen gik til.',
  'sentDate cannot be removed from a request that is {status}.': 'sentDate kan ikke fjernes fra en anmodning, der er {status}.',
  'date {date} is in the future; record the change on the day it happens.': 'date {date} ligger i fremtiden; registrér ændringen den dag, den sker.',
  'date {date} is before the request was sent ({sent}).': 'date {date} ligger før anmodningen blev sendt ({sent}).',
  'date {date} is before the previous change ({status}, {previous}); changes are recorded in the order they happened.': 'date {date} ligger før den forrige ændring ({status}, {previous}); ændringer registreres i den rækkefølge, de skete.',
  'receivedOn is the day a letter from the authority arrived; it belongs to a decision, an appeal decision or a notice.': 'receivedOn er den dag, et brev fra myndigheden kom; den hører til en afgørelse, en klageafgørelse eller en meddelelse.',
  'receivedOn {received} is before the date on the letter ({date}).': 'receivedOn {received} ligger før brevets dato ({date}).',
  'receivedOn {received} is in the future.': 'receivedOn {received} ligger i fremtiden.',
  'promisedDate belongs to a notice of extension or delay (status "extended").': 'promisedDate hører til en meddelelse om forlængelse eller forsinkelse (status "extended").',
  'promisedDate {promised} is before the notice itself ({date}).': 'promisedDate {promised} ligger før selve meddelelsen ({date}).',
  // requests.status.ts builds its refusal from two sentences.
  'The request is already {from}. {same} is final.': 'Anmodningen er allerede {from}. {same} er endelig.',
  'The request is already {from}. From {same} it can go to: {next}.': 'Anmodningen er allerede {from}. Fra {same} kan den gå til: {next}.',
  'A request cannot go from {from} to {to}. {same} is final.': 'En anmodning kan ikke gå fra {from} til {to}. {same} er endelig.',
  'A request cannot go from {from} to {to}. From {same} it can go to: {next}.': 'En anmodning kan ikke gå fra {from} til {to}. Fra {same} kan den gå til: {next}.',

  // Search, saved searches, lists (server/search, server/alerts, search/).
  'the name is longer than 200 characters': 'navnet er længere end 200 tegn',
  'search: give the search to save (its URL or query string)': 'search: angiv den søgning, der skal gemmes (dens adresse eller forespørgsel)',
  'This search cannot be saved: {why}.': 'Søgningen kan ikke gemmes: {why}.',
  'Type a search before saving it.': 'Skriv en søgning, før du gemmer den.',
  'email: give an address like name@example.dk, or leave it empty.': 'email: angiv en adresse som navn@eksempel.dk, eller lad feltet stå tomt.',
  'a filter value is longer than 200 characters': 'en filterværdi er længere end 200 tegn',
  'at most {n} values per filter': 'højst {n} værdier pr. filter',
  'dates look like 2018-09-28, 2018-09 or 2018': 'datoer skrives som 2018-09-28, 2018-09 eller 2018',
  'the query is longer than 1,000 characters': 'søgningen er længere end 1.000 tegn',
  'page starts at 1': 'page starter ved 1',
  'page must be a whole number': 'page skal være et helt tal',
  'undated is "include" or left out': 'undated er "include" eller udeladt',
  'Search is not available right now. Uploads are kept and indexed when it is back; try again in a moment.': 'Søgningen er ikke tilgængelig lige nu. Uploads bliver gemt og indekseret, når den er tilbage; prøv igen om lidt.',
  'Reindexing is not available in this process.': 'Genindeksering er ikke tilgængelig i denne proces.',
  'The search index is already being rebuilt. Wait for it to finish.': 'Søgeindekset er allerede ved at blive genopbygget. Vent, til det er færdigt.',
  'The search index is already being rebuilt.': 'Søgeindekset er allerede ved at blive genopbygget.',
  'Upload the list as plain text or CSV.': 'Upload listen som ren tekst eller CSV.',
  'the list is longer than 100,000 characters': 'listen er længere end 100.000 tegn',
  'Search is not available right now; try the list again in a moment.': 'Søgningen er ikke tilgængelig lige nu; prøv listen igen om lidt.',
  'The list is empty: give one name or term a line, or a CSV with them in the first column.': 'Listen er tom: skriv ét navn eller begreb pr. linje, eller brug en CSV med dem i første kolonne.',
  'A filter value must be text.': 'En filterværdi skal være tekst.',
  'Unknown party role: {role}.': 'Ukendt partsrolle: {role}.',
  // Why intake refused a file (server/ingest/intake.service.ts), shown per file on the upload batch page.
  'The file is empty.': 'Filen er tom.',
  'This is a Windows program, not a document. Kilde reads PDFs, images, e-mails, Word and text files, and zip archives.':
    'Det er et Windows-program, ikke et dokument. Kilde læser PDF’er, billeder, e-mails, Word- og tekstfiler og zip-arkiver.',
  'This is a program, not a document.': 'Det er et program, ikke et dokument.',
  'Kilde cannot read this type of file. It reads PDFs, images (PNG, JPEG, TIFF, WebP), e-mails (.eml, .msg, .mbox), Word and OpenDocument text, HTML, plain text and zip archives.':
    'Kilde kan ikke læse denne filtype. Kilde læser PDF’er, billeder (PNG, JPEG, TIFF, WebP), e-mails (.eml, .msg, .mbox), Word- og OpenDocument-tekst, HTML, ren tekst og zip-arkiver.',
};

export const skeletonOf = (pattern: string): string => pattern.replace(/\{\w*\}/g, '{}');

const EN_WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const DA_WEEKDAYS = ['mandag', 'tirsdag', 'onsdag', 'torsdag', 'fredag', 'lørdag', 'søndag'];
const EN_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DA_MONTHS = ['januar', 'februar', 'marts', 'april', 'maj', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'december'];
const DESCRIBED_DATE = new RegExp(`^(${EN_WEEKDAYS.join('|')}) (\\d{1,2}) (${EN_MONTHS.join('|')}) (\\d{4})$`);

/**
 * What a placeholder may match. Most take any text; a plural ending or a verb English needs and
 * Danish does not take only that, so the neighbouring value is not cut short ("ofl_1, ofl_2 are").
 */
const SLOT: Record<string, string> = { s: 's?', verb: 'is|are' };
/** Placeholders that name a thing: an unknown one leaves the whole message in English. */
const NOUN_SLOTS = new Set(['what', 'action', 'state']);

interface Compiled { re: RegExp; names: string[]; da: string; literalLength: number }

/** The patterns, the most specific (longest fixed text) first, so "Not a date: {v}. Use …" wins over "Not a date: {v}.". */
const COMPILED: Compiled[] = Object.entries(ERROR_MESSAGES)
  .filter(([en]) => /\{\w*\}/.test(en))
  .map(([en, da]) => {
    const names: string[] = [];
    const parts = en.split(/\{(\w*)\}/);
    let source = '';
    parts.forEach((part, i) => {
      if (i % 2 === 0) source += part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      else {
        names.push(part);
        source += `(${SLOT[part] ?? '[\\s\\S]*?'})`;
      }
    });
    return { re: new RegExp(`^${source}$`), names, da, literalLength: parts.filter((_, i) => i % 2 === 0).join('').length };
  })
  .sort((a, b) => b.literalLength - a.literalLength);

const capitalised = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** Placeholders that hold a status of a request or a suggestion. */
const STATUS_SLOTS = new Set(['status', 'state', 'from', 'to', 'same']);

/** A value put into a message, in Danish where it is a word we know; null when it is not. */
function localiseValue(slot: string, value: string, depth: number): string | null {
  if (NOUN_SLOTS.has(slot)) {
    const noun = ERROR_NOUNS[value];
    if (noun) return noun;
    const lower = value.charAt(0).toLowerCase() + value.slice(1);
    return lower !== value && ERROR_NOUNS[lower] ? capitalised(ERROR_NOUNS[lower]) : null;
  }
  if (STATUS_SLOTS.has(slot)) {
    // A quoted status label as requests.status.ts writes it: "partly granted" (partly_granted).
    const label = /^"([^"]+)" \((\w+)\)$/.exec(value);
    if (label && STATUS_WORDS[label[1]]) return `"${STATUS_WORDS[label[1]]}" (${label[2]})`;
    if (STATUS_WORDS[value]) return STATUS_WORDS[value];
  }
  const date = DESCRIBED_DATE.exec(value);
  if (date) return `${DA_WEEKDAYS[EN_WEEKDAYS.indexOf(date[1])]} ${date[2]}. ${DA_MONTHS[EN_MONTHS.indexOf(date[3])]} ${date[4]}`;
  // The tails share links and access lists add: " (page 2, 5)", " and 3 more".
  const pages = /^ \(page ([\d, ]+)\)$/.exec(value);
  if (pages) return ` (side ${pages[1]})`;
  const more = /^ and (\d+) more$/.exec(value);
  if (more) return ` og ${more[1]} flere`;
  return depth < 3 ? danish(value, depth + 1) : null;
}

/** The Danish text of a message, or null when the table has none. */
function danish(message: string, depth = 0): string | null {
  const exact = ERROR_MESSAGES[message];
  if (exact !== undefined) return exact;
  for (const c of COMPILED) {
    const m = c.re.exec(message);
    if (!m) continue;
    const values = new Map(c.names.map((name, i) => [name, m[i + 1] ?? '']));
    let unknownNoun = false;
    const text = c.da.replace(/\{(\w*)\}/g, (_, name: string) => {
      const value = values.get(name) ?? '';
      const da = localiseValue(name, value, depth);
      if (da === null && NOUN_SLOTS.has(name)) unknownNoun = true;
      return da ?? value;
    });
    if (!unknownNoun) return text;
  }
  // "field: message" — how the error handler names the field of a zod message; the field stays.
  const field = /^([A-Za-z_][\w.[\]-]*): ([\s\S]+)$/.exec(message);
  if (field) {
    const rest = danish(field[2], depth + 1);
    if (rest !== null) return `${field[1]}: ${rest}`;
  }
  return null;
}

/**
 * A service message in the reader's language: the Danish text when `lang` is da and the table has
 * one; else the English text, marked `lang: 'en'` so the page can say so (`lang="en"`).
 */
export function localiseError(lang: Lang, message: string): { text: string; lang: Lang } {
  if (lang === 'da') {
    const da = danish(message);
    if (da !== null) return { text: da, lang: 'da' };
  }
  return { text: message, lang: 'en' };
}
