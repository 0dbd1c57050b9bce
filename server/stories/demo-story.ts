import { Readable } from 'node:stream';
import { textPdf } from '../lib/text-pdf';
import type { Viewer } from '../auth/viewer';
import type { IntakeService } from '../ingest/intake.service';
import type { EventPartyRole } from '../events/events.types';
import type { StoryArea } from '../links';
import type { DocumentPartyRole } from '../links/links.types';
import type { PartyKind } from '../parties/parties.types';
import type { BlobStore } from '../storage/blob-store';

/**
 * The demo story: the public facts of the 2018 case in DESIGN.md (STAR's letter to KL of 28 June,
 * the municipalities joining KMD Momentum on Microsoft Azure in Amsterdam, the minister's letter of
 * 28 September demanding an account by 15 October), with GENERATED letters — not the real documents
 * — uploaded through the same intake service as any upload. Everything is marked as demo data.
 *
 * Idempotent: parties, the story and events are found by name before they are created, the PDFs
 * are byte-for-byte deterministic (so a second upload is a duplicate), and links are idempotent.
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

const PARTIES: DemoParty[] = [
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

const EVENTS: DemoEvent[] = [
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

const LETTERS: DemoLetter[] = [
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

/** The demo's letters: deterministic text PDFs, so re-runs are duplicates. */
export function demoPdf(title: string, pages: string[]): Promise<Buffer> {
  return textPdf(pages, { title, producer: 'Kilde demo' });
}

export interface DemoResult {
  storyId: string;
  documentIds: string[];
  /** How many documents this run stored (0 on a re-run: the same bytes are duplicates). */
  storedDocuments: number;
}

export async function loadDemoStory(deps: { story: StoryArea; intake: IntakeService; blobs: BlobStore; whenExtracted(): Promise<void> }): Promise<DemoResult> {
  const { story, intake, blobs } = deps;
  const v = DEMO_VIEWER;
  const note = (extra?: string) => [DEMO_NOTE, extra].filter(Boolean).join('\n');

  const storyRecord =
    story.stories.findByTitle(DEMO_TITLE) ??
    story.stories.create(v, {
      title: DEMO_TITLE,
      description: `${DEMO_NOTE}\n\nI 2018 skrev STAR til KL, at ikke flere kommuner måtte tilslutte sig cloud-løsninger, der flytter personfølsomme data ud af landet. Elleve kommuner mere tilsluttede sig derefter KMD Momentum på Microsoft Azure i Amsterdam. Den 28. september 2018 krævede ministeren en redegørelse fra KL senest 15. oktober.`,
    });

  const parties = new Map<string, string>();
  for (const p of PARTIES) {
    const existing = story.parties.byExactName(p.name).find((x) => x.kind === p.kind);
    const id =
      existing?.id ??
      story.parties.create(v, { kind: p.kind, name: p.name, shortName: p.shortName ?? null, aliases: p.aliases ?? [], parentId: p.parent ? parties.get(p.parent) ?? null : null, notes: note(p.notes) }).id;
    parties.set(p.key, id);
    story.stories.addItem(v, storyRecord.id, 'party', id);
  }

  const events = new Map<string, string>();
  for (const e of EVENTS) {
    const id = story.events.findByTitle(e.title, storyRecord.id)?.id ?? story.events.create(v, { title: e.title, date: e.date, endDate: e.endDate ?? null, description: note(e.description), storyId: storyRecord.id }).id;
    events.set(e.key, id);
    for (const [key, role] of e.parties) story.events.addParty(v, id, parties.get(key)!, role);
  }

  const documentIds: string[] = [];
  let storedDocuments = 0;
  for (const l of LETTERS) {
    const staged = await blobs.stage(Readable.from([await demoPdf(l.title, l.pages)]));
    const [, m, d] = l.date.split('-');
    const outcome = await intake.intake(staged, {
      filename: l.filename,
      title: l.title,
      notes: DEMO_NOTE,
      documentDate: { value: l.date, precision: d ? 'day' : m ? 'month' : 'year' },
      createdBy: v,
    });
    if (outcome.kind === 'unsupported') throw new Error(`demo letter ${l.filename} was refused: ${outcome.reason}`);
    if (outcome.kind === 'stored') storedDocuments++;
    const id = outcome.document.id;
    documentIds.push(id);
    story.links.addToStory(v, id, storyRecord.id);
    story.links.linkEvent(v, id, { eventId: events.get(l.event)! });
    for (const [key, role] of l.parties) story.links.linkParty(v, id, { partyId: parties.get(key)!, role });
  }
  await deps.whenExtracted();
  return { storyId: storyRecord.id, documentIds, storedDocuments };
}
