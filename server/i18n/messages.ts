/**
 * The interface in Danish and English. Keys are English phrases' short names; a missing Danish
 * string falls back to English, so a new screen never shows a raw key.
 */
import { authMessages } from './messages.auth';
import { opsMessages } from './messages.ops';
import { accessMessages } from './messages.access';
import { citationsMessages } from './messages.citations';
import { directoryMessages } from './messages.directory';
import { extractionMessages } from './messages.extraction';
import { pagesMessages } from './messages.pages';
import { requestsMessages } from './messages.requests';
import { searchMessages } from './messages.search';
import { storyMessages } from './messages.story';
import { uiMessages } from './messages.ui';

export type Lang = 'en' | 'da';

const CORE: Record<string, { en: string; da: string }> = {
  'nav.search': { en: 'Search', da: 'Søg' },
  'nav.documents': { en: 'Documents', da: 'Dokumenter' },
  'nav.upload': { en: 'Upload', da: 'Upload' },
  'tagline': { en: 'The archive of your access-to-documents requests', da: 'Arkivet for jeres aktindsigter' },
  'search.placeholder': { en: 'Search every page, e.g. "personfølsomme data" Holland', da: 'Søg i alle sider, fx "personfølsomme data" Holland' },
  'search.button': { en: 'Search', da: 'Søg' },
  'search.help': {
    en: 'All words must match. "Exact phrase", -exclude, prefix*. Æ/ae, ø/oe, å/aa spell alike.',
    da: 'Alle ord skal findes. "Præcis frase", -udelad, præfiks*. Æ/ae, ø/oe, å/aa staves ens.',
  },
  'search.results': { en: 'results', da: 'resultater' },
  'search.none': { en: 'No documents match this search.', da: 'Ingen dokumenter matcher søgningen.' },
  'search.page': { en: 'page', da: 'side' },
  'search.pagesMatch': { en: 'matching pages', da: 'sider matcher' },
  'search.pageMatches': { en: 'matching page', da: 'side matcher' },
  'search.titleOrParties': { en: 'matches in the title or parties', da: 'match i titel eller parter' },
  'search.sort': { en: 'Sort', da: 'Sortér' },
  'search.sort.relevance': { en: 'Relevance', da: 'Relevans' },
  'search.sort.date_desc': { en: 'Newest first', da: 'Nyeste først' },
  'search.sort.date_asc': { en: 'Oldest first', da: 'Ældste først' },
  'search.previous': { en: 'Previous', da: 'Forrige' },
  'search.next': { en: 'Next', da: 'Næste' },
  'home.recent': { en: 'Recently added', da: 'Senest tilføjet' },
  'home.empty': { en: 'The archive is empty. Upload the first letter.', da: 'Arkivet er tomt. Upload det første brev.' },
  'doc.title': { en: 'Title', da: 'Titel' },
  'doc.date': { en: 'Document date', da: 'Dokumentdato' },
  'doc.file': { en: 'File', da: 'Fil' },
  'doc.type': { en: 'Type', da: 'Type' },
  'doc.size': { en: 'Size', da: 'Størrelse' },
  'doc.status': { en: 'Status', da: 'Status' },
  'doc.added': { en: 'Added', da: 'Tilføjet' },
  'doc.pages': { en: 'Pages', da: 'Sider' },
  'doc.download': { en: 'Download original', da: 'Hent original' },
  'doc.page': { en: 'Page', da: 'Side' },
  'doc.ocr': { en: 'OCR', da: 'OCR' },
  'doc.textLayer': { en: 'text layer', da: 'tekstlag' },
  'doc.confidence': { en: 'confidence', da: 'sikkerhed' },
  'doc.emptyPage': { en: 'No text on this page.', da: 'Ingen tekst på denne side.' },
  'doc.notes': { en: 'Notes', da: 'Noter' },
  'doc.parent': { en: 'Part of', da: 'Del af' },
  'doc.children': { en: 'Attachments and entries', da: 'Bilag og indhold' },
  'doc.reextract': { en: 'Extract again', da: 'Udtræk igen' },
  'doc.password': { en: 'Password', da: 'Adgangskode' },
  'doc.passwordHelp': { en: 'This PDF is encrypted. Enter its password to read it.', da: 'Denne PDF er krypteret. Indtast adgangskoden for at læse den.' },
  'doc.notIndexed': { en: 'The search index has not caught up with this document yet.', da: 'Søgeindekset er endnu ikke opdateret med dette dokument.' },
  'doc.refresh': { en: 'Refresh', da: 'Opdatér' },
  'upload.heading': { en: 'Upload documents', da: 'Upload dokumenter' },
  'upload.files': { en: 'Files', da: 'Filer' },
  'upload.drop': { en: 'Drop files here or choose them', da: 'Slip filer her eller vælg dem' },
  'upload.limit': { en: 'Up to 50 files, each at most', da: 'Op til 50 filer, hver højst' },
  'upload.titleHelp': { en: 'Title (when uploading one file; default: the PDF title or the file name)', da: 'Titel (ved én fil; ellers PDF-titlen eller filnavnet)' },
  'upload.dateHelp': { en: 'Date of the letter: 2018-09-28, 2018-09 or 2018', da: 'Brevets dato: 2018-09-28, 2018-09 eller 2018' },
  'upload.submit': { en: 'Upload', da: 'Upload' },
  'upload.stored': { en: 'stored', da: 'gemt' },
  'upload.duplicate': { en: 'already in the archive', da: 'findes allerede i arkivet' },
  'upload.refused': { en: 'refused', da: 'afvist' },
  'error.back': { en: 'Back to the front page', da: 'Tilbage til forsiden' },
  'list.heading': { en: 'All documents', da: 'Alle dokumenter' },
  'auth.signIn': { en: 'Sign in', da: 'Log ind' },
  'auth.signOut': { en: 'Sign out', da: 'Log ud' },
  'auth.username': { en: 'Username', da: 'Brugernavn' },
  'auth.password': { en: 'Password', da: 'Adgangskode' },
  'auth.displayName': { en: 'Name', da: 'Navn' },
  'auth.setup': { en: 'Set up Kilde', da: 'Opsæt Kilde' },
  'auth.setupHelp': { en: 'Create the first administrator. This page is shown only until the first account exists.', da: 'Opret den første administrator. Siden vises kun, indtil den første konto findes.' },
  'auth.createAdmin': { en: 'Create administrator', da: 'Opret administrator' },
  'auth.account': { en: 'Account', da: 'Konto' },
  'auth.changePassword': { en: 'Change password', da: 'Skift adgangskode' },
  'auth.currentPassword': { en: 'Current password', da: 'Nuværende adgangskode' },
  'auth.newPassword': { en: 'New password (at least 10 characters)', da: 'Ny adgangskode (mindst 10 tegn)' },
  'auth.tokens': { en: 'API tokens', da: 'API-nøgler' },
  'auth.tokenName': { en: 'What the token is for', da: 'Hvad nøglen bruges til' },
  'auth.newToken': { en: 'Create token', da: 'Opret nøgle' },
  'auth.tokenOnce': { en: 'Copy the token now: it is shown only once.', da: 'Kopiér nøglen nu: den vises kun én gang.' },
  'auth.revoke': { en: 'Revoke', da: 'Tilbagekald' },
  'auth.revoked': { en: 'revoked', da: 'tilbagekaldt' },
  'admin.users': { en: 'Users', da: 'Brugere' },
  'admin.audit': { en: 'Audit log', da: 'Revisionslog' },
  'admin.role': { en: 'Role', da: 'Rolle' },
  'admin.save': { en: 'Save', da: 'Gem' },
  'admin.enable': { en: 'Enable', da: 'Aktivér' },
  'admin.disable': { en: 'Disable', da: 'Deaktivér' },
  'admin.newUser': { en: 'New user', da: 'Ny bruger' },
  'admin.create': { en: 'Create', da: 'Opret' },
  'doc.access': { en: 'Access', da: 'Adgang' },
  'doc.access.newsroom': { en: 'Newsroom', da: 'Redaktionen' },
  'doc.access.restricted': { en: 'Restricted to named users', da: 'Kun navngivne brugere' },
  'doc.access.embargoed': { en: 'Embargoed until', da: 'Under embargo til' },
  'meta.pdfCreated': { en: 'PDF created', da: 'PDF oprettet' },
  'meta.pdfAuthor': { en: 'PDF author', da: 'PDF-forfatter' },
  'meta.passwordProtected': { en: 'Password protected', da: 'Beskyttet med adgangskode' },
  'meta.from': { en: 'From', da: 'Fra' },
  'meta.to': { en: 'To', da: 'Til' },
  'meta.cc': { en: 'Cc', da: 'Cc' },
  'meta.subject': { en: 'Subject', da: 'Emne' },
  'meta.date': { en: 'Sent', da: 'Sendt' },
  'doc.delete': { en: 'Delete document', da: 'Slet dokument' },
  'doc.deleteConfirm': { en: 'Delete this document, its pages and its original file? The audit log keeps a record.', da: 'Slet dokumentet, dets sider og originalfilen? Revisionsloggen bevarer en registrering.' },
};

/** Each area keeps its strings in its own file; later areas may refine a core string. */
export const MESSAGES: Record<string, { en: string; da: string }> = {
  ...CORE,
  ...searchMessages,
  ...storyMessages,
  ...requestsMessages,
  ...pagesMessages,
  ...extractionMessages,
  ...directoryMessages,
  ...citationsMessages,
  ...accessMessages,
  ...authMessages,
  ...opsMessages,
  ...uiMessages,
};

export function translate(lang: Lang, key: string): string {
  const m = MESSAGES[key];
  if (!m) return key;
  return m[lang] || m.en;
}

/** Language from an explicit choice (cookie or ?lang=) first, then the browser's preference. */
export function pickLang(explicit: string | undefined, acceptLanguage: string | undefined): Lang {
  if (explicit === 'da' || explicit === 'en') return explicit;
  const first = (acceptLanguage ?? '').split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('da') || first.startsWith('nb') || first.startsWith('no') ? 'da' : 'en';
}
