/**
 * Sign-in answers, the password change, the account page, user admin and the audit log (server/auth).
 * `{n}` is filled in by the route.
 */
export const authMessages: Record<string, { en: string; da: string }> = {
  'auth.refused': { en: 'The username or password is not correct.', da: 'Brugernavnet eller adgangskoden er forkert.' },
  'auth.throttledPair': {
    en: 'Too many failed sign-ins with this username from this address. Wait a quarter of an hour and try again.',
    da: 'For mange mislykkede forsøg på at logge ind med dette brugernavn fra denne adresse. Vent et kvarter, og prøv igen.',
  },
  'auth.throttledAddress': {
    en: 'Too many failed sign-ins from this address. Wait a quarter of an hour and try again.',
    da: 'For mange mislykkede forsøg på at logge ind fra denne adresse. Vent et kvarter, og prøv igen.',
  },
  'auth.passwordEffect': {
    en: 'Changing your password signs you out in all your other browsers.',
    da: 'Når du skifter adgangskode, bliver du logget ud i alle dine andre browsere.',
  },
  'auth.revokeTokens': {
    en: 'Also revoke my API tokens (do this if someone else may have known your password; scripts then need a new token)',
    da: 'Tilbagekald også mine API-nøgler (gør det, hvis andre kan have kendt din adgangskode; scripts skal så have en ny nøgle)',
  },
  'auth.passwordChanged': { en: 'Password changed. Other sessions signed out: {n}.', da: 'Adgangskoden er skiftet. Andre sessioner logget ud: {n}.' },
  'auth.tokensRevoked': { en: 'API tokens revoked: {n}.', da: 'API-nøgler tilbagekaldt: {n}.' },
  'auth.tokensKept': { en: 'API tokens that still work: {n}.', da: 'API-nøgler, der stadig virker: {n}.' },
  'userRole.admin': { en: 'Administrator', da: 'Administrator' },
  'userRole.editor': { en: 'Editor', da: 'Redaktør' },
  'userRole.journalist': { en: 'Journalist', da: 'Journalist' },
  'userRole.researcher': { en: 'Researcher', da: 'Researcher' },
  'admin.status': { en: 'Status', da: 'Status' },
  'admin.active': { en: 'Active', da: 'Aktiv' },
  'admin.disabled': { en: 'Disabled', da: 'Deaktiveret' },
  'audit.filters': { en: 'Filter the audit log', da: 'Filtrér revisionsloggen' },
  'audit.actor': { en: 'Who (username)', da: 'Hvem (brugernavn)' },
  'audit.actorHint': { en: 'e.g. anna', da: 'fx anna' },
  'audit.actionHint': { en: 'e.g. update', da: 'fx update' },
  'audit.entityType': { en: 'Kind of item', da: 'Slags element' },
  'audit.entityTypeHint': { en: 'e.g. document', da: 'fx document' },
  'audit.entityId': { en: 'Item id', da: 'Elementets id' },
  'audit.when': { en: 'When', da: 'Hvornår' },
  'audit.who': { en: 'Who', da: 'Hvem' },
  'audit.action': { en: 'Action', da: 'Handling' },
  'audit.what': { en: 'What', da: 'Hvad' },
  'audit.details': { en: 'Details', da: 'Detaljer' },
  'audit.before': { en: 'before', da: 'før' },
  'audit.after': { en: 'after', da: 'efter' },
  'audit.pages': { en: 'Pages of the audit log', da: 'Sider i revisionsloggen' },
};
