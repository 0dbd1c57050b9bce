import { openDatabase, rolledBack } from '../db/connection';
import { systemClock } from '../lib/clock';
import { directoryRows, DIRECTORY_FILES, seedDirectory, type SeedReport } from '../requests/authorities/directory.seed';
import { createLawRepository } from '../requests/core/requests.law.repository';
import { configOrUsageError, parseCommandArgs, type Command } from './command';

/**
 * (Re)loads the reference data shipped with Kilde — today the Danish FOI authority directory —
 * into the archive of KILDE_DATA_DIR. Safe to run again and beside a running server.
 */
export const seedCommand: Command = {
  usage: [
    'usage: kilde seed [--dry-run] [--json]',
    '',
    'Loads the FOI authority directory (the ministries, the 98 municipalities, the 5 regions and',
    'the bodies that hear complaints about them) from the data files into the archive of',
    'KILDE_DATA_DIR. Adds what is missing and updates what changed in the files; a field someone',
    'edited in Kilde is kept as they set it and listed. Running it twice changes nothing.',
    '',
    '  --dry-run  report what would change, change nothing',
    '  --json     print the report as JSON',
    '',
    'exit codes: 0 done, 1 failed, 2 bad argument or configuration',
  ].join('\n'),
  async run(args, io) {
    const { values } = parseCommandArgs(args, { 'dry-run': { type: 'boolean' }, json: { type: 'boolean' } });
    const config = configOrUsageError(io.env);
    const db = openDatabase(config.dataDir);
    try {
      const law = createLawRepository(db);
      const now = systemClock.now().toISOString();
      const reports: Array<{ file: string } & SeedReport> = [];
      for (const { file, data } of DIRECTORY_FILES) {
        const rows = directoryRows(file, data);
        // A dry run is the same run, rolled back: the report is exact, nothing stays.
        const seed = () => seedDirectory({ db, law, now }, rows);
        reports.push({ file, ...(values['dry-run'] ? rolledBack(db, seed) : seed()) });
      }
      if (values.json) io.out(`${JSON.stringify({ dryRun: values['dry-run'] === true, files: reports }, null, 2)}\n`);
      else for (const r of reports) io.out(describe(r, values['dry-run'] === true));
      return 0;
    } finally {
      db.close();
    }
  },
};

function describe(r: { file: string } & SeedReport, dryRun: boolean): string {
  const lines = [
    `seed: ${r.file}${dryRun ? ' (dry run, nothing changed)' : ''}: ${r.added.length} added, ${r.updated.length} updated, ${r.unchanged} unchanged`,
    ...r.added.map((k) => `  added    ${k}`),
    ...r.updated.map((u) => `  updated  ${u.key} (${u.fields.join(', ')})`),
    ...r.kept.map((k) => `  kept     ${k.key} (${k.fields.join(', ')} edited in Kilde; the data file differs)`),
  ];
  return `${lines.join('\n')}\n`;
}
