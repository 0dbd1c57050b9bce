import { Readable } from 'node:stream';
import type { Viewer } from '../../auth/viewer';
import type { DatePrecision } from '../../lib/dates';
import { textPdf } from '../../lib/text-pdf';
import type { BlobStore, StagedBlob } from '../../storage/blob-store';
import type { EventsService } from '../events/events.service';
import type { LinksService } from '../links/links.service';
import type { PartiesService } from '../parties/parties.service';
import type { StoriesService } from '../stories/stories.service';
import { DEMO_NOTE, DEMO_TITLE, DEMO_VIEWER, EVENTS, LETTERS, PARTIES } from './demo-story.data';

/**
 * The demo story: the public facts of the 2018 case in DESIGN.md (STAR's letter to KL of 28 June,
 * the municipalities joining KMD Momentum on Microsoft Azure in Amsterdam, the minister's letter of
 * 28 September demanding an account by 15 October), with GENERATED letters — not the real documents
 * — uploaded through the same intake service as any upload. Everything is marked as demo data.
 *
 * Idempotent: parties, the story and events are found by name before they are created, the PDFs
 * are byte-for-byte deterministic (so a second upload is a duplicate), and links are idempotent.
 */
export { DEMO_NOTE, DEMO_TITLE };

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

/** The one call the demo makes of the intake service (server/ingest): the same path as any upload. */
interface Intake {
  intake(
    staged: StagedBlob,
    meta: { filename: string; title: string; notes: string; documentDate: { value: string; precision: DatePrecision }; createdBy: Viewer },
  ): Promise<{ kind: 'stored' | 'duplicate'; document: { id: string } } | { kind: 'unsupported'; reason: string }>;
}

export async function loadDemoStory(deps: { story: { stories: StoriesService; parties: PartiesService; events: EventsService; links: LinksService }; intake: Intake; blobs: BlobStore; whenExtracted(): Promise<void> }): Promise<DemoResult> {
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
