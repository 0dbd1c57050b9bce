/** Access chosen at upload (upload page, request log) and shown on a document. */
export const accessMessages: Record<string, { en: string; da: string }> = {
  'access.legend': { en: 'Who may read these documents', da: 'Hvem må læse dokumenterne' },
  'access.newsroom': { en: 'Everyone in the newsroom', da: 'Hele redaktionen' },
  'access.restricted': { en: 'Only named users (source protection)', da: 'Kun navngivne brugere (kildebeskyttelse)' },
  'access.embargoed': { en: 'Embargoed: only named users until the embargo ends', da: 'Under embargo: kun navngivne brugere, indtil embargoen slutter' },
  'access.users': { en: 'Named users: user names, separated by commas (you are always included)', da: 'Navngivne brugere: brugernavne adskilt af komma (du er altid med)' },
  'access.embargoUntil': { en: 'Embargo ends (UTC)', da: 'Embargoen slutter (UTC)' },
  'access.hint': {
    en: 'Set before anything is stored, extracted or searchable. Attachments and files inside zip archives follow their container.',
    da: 'Sættes, før noget gemmes, udtrækkes eller bliver søgbart. Bilag og filer i zip-arkiver følger det, de ligger i.',
  },
  'access.inherited': { en: 'Only readable by those who may read the document it came in', da: 'Kan kun læses af dem, der må læse det dokument, det kom med' },
};
