/** Interface strings of operations: the integrity page (merged into MESSAGES). */
export const opsMessages: Record<string, { en: string; da: string }> = {
  'ops.integrity.nav': { en: 'Integrity', da: 'Integritet' },
  'ops.integrity.heading': { en: 'Integrity of the originals', da: 'Originalernes integritet' },
  'ops.integrity.help': {
    en: 'Reads every stored original again and compares it with the SHA-256 it was stored under. A changed or missing original is listed with the documents it belongs to. The check and its result are written to the audit log.',
    da: 'Læser hver gemt original igen og sammenligner den med den SHA-256, den blev gemt under. En ændret eller manglende original vises med de dokumenter, den hører til. Kontrollen og resultatet skrives i revisionsloggen.',
  },
  'ops.integrity.start': { en: 'Check every original now', da: 'Kontrollér alle originaler nu' },
  'ops.integrity.running': { en: 'Checking', da: 'Kontrollerer' },
  'ops.integrity.never': { en: 'No check has run since the server started.', da: 'Der er ikke kørt en kontrol, siden serveren startede.' },
  'ops.integrity.last': { en: 'Last check', da: 'Seneste kontrol' },
  'ops.integrity.by': { en: 'by', da: 'af' },
  'ops.integrity.checked': { en: 'originals checked', da: 'originaler kontrolleret' },
  'ops.integrity.clean': { en: 'Every original is present and unchanged.', da: 'Alle originaler findes og er uændrede.' },
  'ops.integrity.changed': { en: 'Changed (the bytes no longer match the SHA-256)', da: 'Ændret (indholdet passer ikke længere med SHA-256)' },
  'ops.integrity.missing': { en: 'Missing', da: 'Mangler' },
  'ops.integrity.documents': { en: 'Documents', da: 'Dokumenter' },
  'ops.integrity.failed': { en: 'The check failed', da: 'Kontrollen mislykkedes' },
  'ops.integrity.cli': {
    en: 'From the command line, kilde verify also checks the pages and the search index against the database.',
    da: 'Fra kommandolinjen kontrollerer kilde verify også siderne og søgeindekset mod databasen.',
  },
};
