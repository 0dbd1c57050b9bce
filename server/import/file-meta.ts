import type { AccessChoice, FileMeta, ImportFile } from './import.types';
import type { SidecarEntry } from './sidecar';

/** What the command line gives every file. */
export interface ImportDefaults {
  access: AccessChoice;
  story?: string;
  request?: string;
  /** The first folder below the input names the file's story. */
  storyFromFolders: boolean;
}

/**
 * The metadata one file is imported with. A sidecar row wins over the command line; its access,
 * when it gives any, replaces the command line's as a whole (a restricted row does not inherit
 * the users of an embargo). The story: the row's, else the file's top folder (with
 * `--story-from-folders`; files directly in the input have none), else `--story`.
 */
export function metaFor(file: Pick<ImportFile, 'folders'>, entry: SidecarEntry | undefined, defaults: ImportDefaults): FileMeta {
  const folderStory = defaults.storyFromFolders ? file.folders[0]?.trim() || undefined : undefined;
  return {
    title: entry?.title,
    date: entry?.date,
    notes: entry?.notes,
    access: entry?.access ?? defaults.access,
    story: entry?.story ?? folderStory ?? defaults.story,
    request: entry?.request ?? defaults.request,
    senders: entry?.senders ?? [],
    recipients: entry?.recipients ?? [],
  };
}
