import type { Viewer } from '../../auth/viewer';
import type { EventPartyRole } from '../events/events.types';
import type { DocumentPartyRole } from '../links/links.types';
import type { PartyKind } from '../parties/parties.types';

/**
 * The demo story's facts: the public record of the 2018 case in DESIGN.md, and the GENERATED
 * letters (not the real documents) that stand for it. Loaded by demo-story.ts.
 */
export const DEMO_TITLE = 'DEMO — Personfølsomme data i udenlandske skyer (2018)';
export const DEMO_NOTE = 'Demodata: genereret af "npm run demo" ud fra offentligt kendte fakta. Ikke et originalt dokument.';
const DEMO_MARK = 'DEMO - genereret eksempelbrev til Kilde, ikke det originale dokument.';

/** The demo acts as a system user (audit entries name it). */
export const DEMO_VIEWER: Viewer = { userId: 'system:demo', username: 'demo', name: 'Kilde demo', role: 'admin' };

interface DemoParty {
  key: string;
  kind: PartyKind;
  name: string;
  shortName?: string;
  aliases?: string[];
  parent?: string;
  notes?: string;
}

export const PARTIES: DemoParty[] = [
  { key: 'bm', kind: 'authority', name: 'Beskæftigelsesministeriet', aliases: ['Ministry of Employment'] },
  { key: 'star', kind: 'authority', name: 'Styrelsen for Arbejdsmarked og Rekruttering', shortName: 'STAR', aliases: ['Danish Agency for Labour Market and Recruitment'], parent: 'bm' },
  { key: 'minister', kind: 'person', name: 'Beskæftigelsesministeren', aliases: ['the Minister for Employment'], parent: 'bm', notes: 'The office, not a named person: the demo letters are generated.' },
  { key: 'kl', kind: 'organisation', name: 'KL', aliases: ['Kommunernes Landsforening', 'Local Government Denmark'] },
  { key: 'klchair', kind: 'person', name: 'Formanden for KL’s udvalg', parent: 'kl', notes: "KL's committee chair, to whom the minister wrote." },
  { key: 'kmd', kind: 'company', name: 'KMD', aliases: ['KMD A/S'], notes: 'Runs KMD Momentum.' },
  { key: 'microsoft', kind: 'company', name: 'Microsoft', aliases: ['Microsoft Azure'] },
  { key: 'municipalities', kind: 'organisation', name: 'De tilsluttede kommuner', notes: 'The eleven municipalities that joined KMD Momentum in 2018 (not named in the demo).' },
];

interface DemoEvent {
  key: string;
  title: string;
  date: string;
  endDate?: string;
  description: string;
  parties: Array<[string, EventPartyRole]>;
}

export const EVENTS: DemoEvent[] = [
  { key: 'background', title: 'Kommunale persondata i udenlandske cloud-tjenester', date: '2018', description: 'Baggrunden for sagen i 2018.', parties: [] },
  {
    key: 'star-letter',
    title: 'STAR skriver til KL: ingen flere kommuner på cloud-løsninger, der flytter personfølsomme data ud af landet',
    date: '2018-06-28',
    description: 'Styrelsen beder KL sikre, at ikke flere kommuner tilslutter sig sådanne løsninger.',
    parties: [['star', 'actor'], ['kl', 'target']],
  },
  {
    key: 'joined',
    title: 'Elleve kommuner mere tilslutter sig KMD Momentum på Microsoft Azure i Amsterdam',
    date: '2018-07',
    endDate: '2018-09',
    description: 'Mellem STARs brev og ministerens brev; de præcise datoer indgår ikke i demoen.',
    parties: [['municipalities', 'actor'], ['kmd', 'target']],
  },
  {
    key: 'minister-letter',
    title: 'Ministeren skriver til formanden for KL’s udvalg og kræver en redegørelse',
    date: '2018-09-28',
    description: 'Redegørelsen skal foreligge senest 15. oktober 2018.',
    parties: [['minister', 'actor'], ['klchair', 'target']],
  },
  { key: 'deadline', title: 'Frist for KL’s redegørelse', date: '2018-10-15', description: 'Fristen i ministerens brev.', parties: [['kl', 'target']] },
];

interface DemoLetter {
  filename: string;
  title: string;
  date: string;
  event: string;
  parties: Array<[string, DocumentPartyRole]>;
  pages: string[];
}

export const LETTERS: DemoLetter[] = [
  {
    filename: 'demo-star-til-kl-2018-06-28.pdf',
    title: 'DEMO — STAR til KL om cloud-løsninger (28. juni 2018)',
    date: '2018-06-28',
    event: 'star-letter',
    parties: [['star', 'sender'], ['kl', 'recipient'], ['kmd', 'mentioned']],
    pages: [
      `${DEMO_MARK}\n\nStyrelsen for Arbejdsmarked og Rekruttering\nKøbenhavn, 28. juni 2018\n\nTil KL - Kommunernes Landsforening\n\nVedrørende kommunernes brug af cloud-løsninger\n\nSTAR er blevet opmærksom på, at kommuner tager it-løsninger i brug, hvor personfølsomme data om borgere i beskæftigelsesindsatsen behandles i datacentre uden for Danmark, herunder i Holland.\n\nStyrelsen beder KL sikre, at der ikke tilsluttes flere kommuner til løsninger, der flytter personfølsomme data ud af landet, før spørgsmålet om databeskyttelse er afklaret.\n\nMed venlig hilsen\nStyrelsen for Arbejdsmarked og Rekruttering`,
    ],
  },
  {
    filename: 'demo-notat-kmd-momentum-2018-09.pdf',
    title: 'DEMO — Notat: kommuner på KMD Momentum (september 2018)',
    date: '2018-09',
    event: 'joined',
    parties: [['kmd', 'subject'], ['municipalities', 'subject'], ['microsoft', 'mentioned']],
    pages: [
      `${DEMO_MARK}\n\nNotat, september 2018\n\nKMD Momentum\n\nEfter STARs brev af 28. juni 2018 har yderligere elleve kommuner tilsluttet sig KMD Momentum. Løsningen drives af KMD på Microsoft Azure i et datacenter i Amsterdam, Holland.\n\nDermed behandles personfølsomme data om ledige borgere uden for Danmark.`,
    ],
  },
  {
    filename: 'demo-ministeren-til-kl-2018-09-28.pdf',
    title: 'DEMO — Ministerens brev til formanden for KL’s udvalg (28. september 2018)',
    date: '2018-09-28',
    event: 'minister-letter',
    parties: [['minister', 'sender'], ['klchair', 'recipient'], ['star', 'cc'], ['kl', 'mentioned']],
    pages: [
      `${DEMO_MARK}\n\nBeskæftigelsesministeren\nKøbenhavn, 28. september 2018\n\nTil formanden for KL’s udvalg\n\nStyrelsen for Arbejdsmarked og Rekruttering skrev den 28. juni 2018 til KL om kommunernes brug af cloud-løsninger.\n\nJeg har siden erfaret, at yderligere elleve kommuner har tilsluttet sig KMD Momentum.`,
      `${DEMO_MARK}\n\nSide 2\n\nLøsningen afvikles på Microsoft Azure i Amsterdam, og dermed behandles personfølsomme data i Holland.\n\nJeg beder derfor KL om en redegørelse for, hvordan kommunerne sikrer borgernes data. Redegørelsen bedes sendt senest 15. oktober 2018.\n\nMed venlig hilsen\nBeskæftigelsesministeren\n\nKopi: STAR`,
    ],
  },
];
