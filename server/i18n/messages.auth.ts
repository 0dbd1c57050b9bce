/** Sign-in answers, the password change and the account page (server/auth). `{n}` is filled in by the route. */
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
};
