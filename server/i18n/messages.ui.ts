/**
 * Interface strings of the layout, statuses, counts, error pages, the upload batch page and the
 * home desk (merged into MESSAGES; the bulk actions and the document editor are in
 * messages.ui.editing.ts). Counted phrases come in pairs, `<key>.one` and `<key>.other`, with
 * `{n}` (server/http/view-helpers.ts `plural`).
 */
import { bulkMessages, editMessages } from './messages.ui.editing';

type Messages = Record<string, { en: string; da: string }>;

const layout: Messages = {
  'layout.skip': { en: 'Skip to content', da: 'Gå til indholdet' },
  'layout.mainNav': { en: 'Main', da: 'Hovedmenu' },
  'layout.language': { en: 'Language', da: 'Sprog' },
};

const statuses: Messages = {
  'status.queued': { en: 'Queued for extraction', da: 'I kø til udtræk' },
  'status.extracting': { en: 'Extracting…', da: 'Udtrækker…' },
  'status.extractingPage': { en: 'Extracting — page {n} of {total}{ocr}', da: 'Udtrækker — side {n} af {total}{ocr}' },
  'status.ready.one': { en: 'Ready — {n} page', da: 'Klar — {n} side' },
  'status.ready.other': { en: 'Ready — {n} pages', da: 'Klar — {n} sider' },
  'status.needsPassword': { en: 'Needs a password', da: 'Kræver adgangskode' },
  'status.failed': { en: 'Extraction failed', da: 'Udtræk mislykkedes' },
};

const counts: Messages = {
  'count.documents.one': { en: '{n} document', da: '{n} dokument' },
  'count.documents.other': { en: '{n} documents', da: '{n} dokumenter' },
  'count.events.one': { en: '{n} event', da: '{n} begivenhed' },
  'count.events.other': { en: '{n} events', da: '{n} begivenheder' },
  'count.pages.one': { en: '{n} page', da: '{n} side' },
  'count.pages.other': { en: '{n} pages', da: '{n} sider' },
  'count.files.one': { en: '{n} file', da: '{n} fil' },
  'count.files.other': { en: '{n} files', da: '{n} filer' },
  'count.requests.one': { en: '{n} request', da: '{n} anmodning' },
  'count.requests.other': { en: '{n} requests', da: '{n} anmodninger' },
  'count.days.one': { en: '{n} day', da: '{n} dag' },
  'count.days.other': { en: '{n} days', da: '{n} dage' },
  'count.selected.one': { en: '{n} selected', da: '{n} valgt' },
  'count.selected.other': { en: '{n} selected', da: '{n} valgt' },
};

const errors: Messages = {
  'error.bad_request': { en: 'The request could not be read', da: 'Forespørgslen kunne ikke læses' },
  'error.validation_failed': { en: 'Some of what was entered is not valid', da: 'Noget af det indtastede er ikke gyldigt' },
  'error.unauthorized': { en: 'Please sign in', da: 'Log venligst ind' },
  'error.forbidden': { en: 'You may not do this', da: 'Det har du ikke adgang til' },
  'error.not_found': { en: 'Not found', da: 'Ikke fundet' },
  'error.conflict': { en: 'This conflicts with the current state', da: 'Det strider mod den nuværende tilstand' },
  'error.payload_too_large': { en: 'Too large', da: 'For stor' },
  'error.unsupported_type': { en: 'This file type is not supported', da: 'Filtypen understøttes ikke' },
  'error.range_not_satisfiable': { en: 'That part of the file does not exist', da: 'Den del af filen findes ikke' },
  'error.needs_password': { en: 'A password is needed', da: 'Der kræves en adgangskode' },
  'error.wrong_password': { en: 'The password is not correct', da: 'Adgangskoden er forkert' },
  'error.rate_limited': { en: 'Too many attempts — wait a moment', da: 'For mange forsøg — vent lidt' },
  'error.unavailable': { en: 'Temporarily unavailable', da: 'Midlertidigt utilgængelig' },
  'error.internal': { en: 'Something went wrong on our side', da: 'Der gik noget galt hos os' },
  'error.help.not_found': {
    en: 'The page or item does not exist, was deleted, or you do not have access to it.',
    da: 'Siden eller elementet findes ikke, er slettet, eller du har ikke adgang til det.',
  },
  'error.help.other': { en: 'Go back and try again. If it keeps happening, tell an administrator and give the reference below.', da: 'Gå tilbage og prøv igen. Sker det igen, så kontakt en administrator og oplys referencen nedenfor.' },
  'error.details': { en: 'Details', da: 'Detaljer (på engelsk)' },
  'error.reference': { en: 'Reference', da: 'Reference' },
  'error.goBack': { en: 'Go back', da: 'Gå tilbage' },
};


const home: Messages = {
  'home.title': { en: 'Desk', da: 'Skrivebord' },
  'home.greeting': { en: 'Good to see you, {name}', da: 'Velkommen, {name}' },
  'home.due': { en: 'Deadlines: overdue and due this week', da: 'Frister: overskredet og denne uge' },
  'home.dueNone': { en: 'Nothing of yours is overdue or due this week.', da: 'Intet af dit er overskredet eller har frist denne uge.' },
  'home.allMyRequests': { en: 'All my requests', da: 'Alle mine anmodninger' },
  'home.deadlineRules': { en: 'How deadlines are counted', da: 'Sådan beregnes fristerne' },
  'home.myRequests': { en: 'My open requests', da: 'Mine åbne anmodninger' },
  'home.myRequestsNone': { en: 'You have no open requests.', da: 'Du har ingen åbne anmodninger.' },
  'home.stories': { en: 'Recent stories', da: 'Seneste historier' },
  'home.storiesNone': { en: 'No stories yet.', da: 'Ingen historier endnu.' },
  'home.allDocuments': { en: 'All documents', da: 'Alle dokumenter' },
};

const list: Messages = {
  'list.filters': { en: 'Filter documents', da: 'Filtrér dokumenter' },
  'list.filterText': { en: 'Title or file name', da: 'Titel eller filnavn' },
  'list.filterTextHint': { en: 'e.g. minister', da: 'fx minister' },
  'list.any': { en: 'Any', da: 'Alle' },
  'list.sort': { en: 'Sort', da: 'Sortér' },
  'list.sort.added_desc': { en: 'Newest added', da: 'Senest tilføjet' },
  'list.sort.added_asc': { en: 'Oldest added', da: 'Først tilføjet' },
  'list.sort.date_desc': { en: 'Document date, newest', da: 'Dokumentdato, nyeste' },
  'list.sort.date_asc': { en: 'Document date, oldest', da: 'Dokumentdato, ældste' },
  'list.sort.title': { en: 'Title A–Z', da: 'Titel A–Å' },
  'list.mine': { en: 'Added by me', da: 'Tilføjet af mig' },
  'list.noneFiltered': { en: 'No documents match these filters.', da: 'Ingen dokumenter passer til filtrene.' },
  'list.attachment': { en: 'attachment', da: 'bilag' },
  'list.status.ready': { en: 'Ready', da: 'Klar' },
  'list.status.queued': { en: 'Queued', da: 'I kø' },
  'list.status.extracting': { en: 'Extracting', da: 'Udtrækkes' },
  'list.status.needs_password': { en: 'Needs a password', da: 'Kræver adgangskode' },
  'list.status.failed': { en: 'Failed', da: 'Mislykkedes' },
};

// Short labels of the types Kilde reads (server/ingest/sniff.ts), for the list's badge and type filter.
const types: Messages = {
  'type.short.application/pdf': { en: 'PDF', da: 'PDF' },
  'type.short.application/vnd.openxmlformats-officedocument.wordprocessingml.document': { en: 'DOCX', da: 'DOCX' },
  'type.short.application/vnd.oasis.opendocument.text': { en: 'ODT', da: 'ODT' },
  'type.short.message/rfc822': { en: 'E-mail', da: 'E-mail' },
  'type.short.application/vnd.ms-outlook': { en: 'Outlook', da: 'Outlook' },
  'type.short.application/mbox': { en: 'Mailbox', da: 'Postkasse' },
  'type.short.application/zip': { en: 'ZIP', da: 'ZIP' },
  'type.short.text/plain': { en: 'TXT', da: 'TXT' },
  'type.short.text/markdown': { en: 'Markdown', da: 'Markdown' },
  'type.short.text/html': { en: 'HTML', da: 'HTML' },
  'type.short.image/png': { en: 'PNG', da: 'PNG' },
  'type.short.image/jpeg': { en: 'JPEG', da: 'JPEG' },
  'type.short.image/tiff': { en: 'TIFF', da: 'TIFF' },
  'type.short.image/webp': { en: 'WebP', da: 'WebP' },
};

// Labels and values of the metadata extractors keep (the core file has the PDF and e-mail labels).
const metadata: Messages = {
  'meta.yes': { en: 'Yes', da: 'Ja' },
  'meta.no': { en: 'No', da: 'Nej' },
  'meta.author': { en: 'Author', da: 'Forfatter' },
  'meta.lastModifiedBy': { en: 'Last changed by', da: 'Senest ændret af' },
  'meta.created': { en: 'File created', da: 'Fil oprettet' },
  'meta.modified': { en: 'File changed', da: 'Fil ændret' },
  'meta.skippedAttachments': { en: 'Attachments not taken (over the limits)', da: 'Bilag ikke medtaget (over grænserne)' },
  'meta.ocrSkippedPages': { en: 'Pages not read by OCR', da: 'Sider ikke læst med OCR' },
  'meta.ocrPageLimit': { en: 'OCR limit (pages per PDF)', da: 'OCR-grænse (sider pr. PDF)' },
};

const upload: Messages = {
  'upload.details': { en: 'About the files', da: 'Om filerne' },
  'upload.dateFormats': { en: 'Day, month or year: 2018-09-28, 2018-09 or 2018', da: 'Dag, måned eller år: 2018-09-28, 2018-09 eller 2018' },
  'upload.fileUnder': { en: 'File the batch under', da: 'Arkivér filerne under' },
  'upload.story': { en: 'Story', da: 'Historie' },
  'upload.request': { en: 'FOI request (as its answer)', da: 'Aktindsigt (som svar)' },
  'upload.sender': { en: 'Sender', da: 'Afsender' },
  'upload.recipient': { en: 'Recipient', da: 'Modtager' },
  'upload.none': { en: '— none —', da: '— ingen —' },
  'upload.transfer': { en: 'Transfer', da: 'Overførsel' },
  'upload.sending': { en: 'Sending…', da: 'Sender…' },
  'upload.sent': { en: 'Sent — extracting', da: 'Sendt — udtrækkes' },
  'upload.failedSend': { en: 'The upload was interrupted. Try again.', da: 'Upload blev afbrudt. Prøv igen.' },
  'upload.waiting': { en: 'waiting', da: 'venter' },
  'upload.remove': { en: 'Remove', da: 'Fjern' },
  'upload.tooLarge': { en: 'larger than the limit; it will be refused', da: 'større end grænsen; den bliver afvist' },
  'upload.recentBatches': { en: 'Your recent uploads', da: 'Dine seneste uploads' },
  'upload.reason.unsupported_type': { en: 'this file type is not supported', da: 'filtypen understøttes ikke' },
  'upload.reason.payload_too_large': { en: 'the file is too large', da: 'filen er for stor' },
  'upload.reason.validation_failed': { en: 'a field is not valid', da: 'et felt er ikke gyldigt' },
  'upload.reason.bad_request': { en: 'the file could not be read', da: 'filen kunne ikke læses' },
  'upload.reason.link_failed': { en: 'stored, but not filed as asked', da: 'gemt, men ikke arkiveret som ønsket' },
  'batch.heading': { en: 'Upload', da: 'Upload' },
  'batch.more': { en: 'Upload more', da: 'Upload flere' },
  'batch.stored': { en: 'stored', da: 'gemt' },
  'batch.duplicates': { en: 'already in the archive', da: 'fandtes allerede' },
  'batch.refusedCount': { en: 'refused', da: 'afvist' },
  'batch.permalink': { en: 'Address of this upload', da: 'Adressen på denne upload' },
  'batch.progress': { en: 'Extraction', da: 'Udtræk' },
  'batch.gone': { en: 'deleted since, or no longer readable by you', da: 'slettet siden, eller du kan ikke længere læse det' },
};

const foi: Messages = {
  'foi.copy': { en: 'Copy', da: 'Kopiér' },
  'foi.copied': { en: 'Copied', da: 'Kopieret' },
  'foi.authorityEmail': { en: 'E-mail', da: 'E-mail' },
  'foi.authorityPostal': { en: 'Postal address', da: 'Postadresse' },
  'foi.templateText': { en: 'Text of the template', da: 'Skabelonens tekst' },
  'foi.linkDocument': { en: 'Find a document by title or file name', da: 'Find et dokument efter titel eller filnavn' },
};

export const uiMessages: Messages = { ...layout, ...statuses, ...counts, ...errors, ...home, ...list, ...types, ...metadata, ...bulkMessages, ...editMessages, ...upload, ...foi };
