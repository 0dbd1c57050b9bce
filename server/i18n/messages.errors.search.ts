/**
 * Danish texts of the messages of search, saved searches and lists, and of the reasons intake
 * refuses a file (part of ERROR_MESSAGES in messages.errors.ts).
 */
export const searchErrorMessages: Record<string, string> = {
  // Search, saved searches, lists (server/search, server/alerts, search/).
  'the name is longer than 200 characters': 'navnet er længere end 200 tegn',
  'search: give the search to save (its URL or query string)': 'search: angiv den søgning, der skal gemmes (dens adresse eller forespørgsel)',
  'This search cannot be saved: {why}.': 'Søgningen kan ikke gemmes: {why}.',
  'Type a search before saving it.': 'Skriv en søgning, før du gemmer den.',
  'name: give the saved search a name.': 'navn: giv den gemte søgning et navn.',
  'names: give the list as text, one name a line': 'names: giv listen som tekst, ét navn pr. linje',
  'upTo: give a number of lines': 'upTo: angiv et antal linjer',
  'upTo: give a whole number of lines': 'upTo: angiv et helt antal linjer',
  'upTo: give at least 1 line': 'upTo: angiv mindst 1 linje',
  'upTo: give at most {n} lines': 'upTo: angiv højst {n} linjer',
  'search: the search is longer than 4,000 characters': 'search: søgningen er længere end 4.000 tegn',
  'The search address has a broken %-escape; copy it again from the search page.': 'Søgningens adresse har en ødelagt %-kode; kopiér den igen fra søgesiden.',
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
  'The list file is larger than 1 MB.': 'Filen med listen er større end 1 MB.',
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
