import { m001_documents } from './001_documents';
import { m002_story_links } from './002_story_links';
import { m003_auth } from './003_auth';
import { m004_story_links_extra } from './004_story_links_extra';
import { m005_requests } from './005_requests';
import { m006_mask_cpr_context } from './006_mask_cpr_context';
import { m007_documents_shared_originals } from './007_documents_shared_originals';
import { m008_event_source } from './008_event_source';
import { m010_foi_law } from './010_foi_law';
import { m012_citations } from './012_citations';
import { m014_saved_searches } from './014_saved_searches';
import { m015_page_layouts } from './015_page_layouts';
import { m016_document_tags_upload_batches } from './016_document_tags_upload_batches';
import { m017_foi_directory_edits } from './017_foi_directory_edits';
import { m018_ocr_preparation } from './018_ocr_preparation';
import { m019_party_contact } from './019_party_contact';
import { m020_foi_directory_contact } from './020_foi_directory_contact';
import { m021_alert_mail_queue } from './021_alert_mail_queue';

/** Every migration in order. Migrations are TypeScript strings so the build carries them along. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
  /** Rebuilds a table: runs with foreign keys off and checks them before committing (migrate.ts). */
  foreignKeysOff?: boolean;
}

export const MIGRATIONS: Migration[] = [m001_documents, m002_story_links, m003_auth, m004_story_links_extra, m005_requests, m006_mask_cpr_context, m007_documents_shared_originals, m008_event_source, m010_foi_law, m012_citations, m014_saved_searches, m015_page_layouts, m016_document_tags_upload_batches, m017_foi_directory_edits, m018_ocr_preparation, m019_party_contact, m020_foi_directory_contact, m021_alert_mail_queue];
