import type { FileOutcomeKind, ImportSummary } from './import.types';

/** How an import's summary reads for people; `--json` prints the ImportSummary itself. */
const LISTED = 50;

export function summaryText(s: ImportSummary): string {
  const where = s.mode === 'server' ? `the server ${s.target}` : `the data directory ${s.target.replace(/^local:/, '')}`;
  const lines = [
    `Import into ${where} as ${s.user}: ${s.total} file${s.total === 1 ? '' : 's'}`,
    `  imported    ${s.imported}`,
    `  duplicates  ${s.duplicates}`,
    `  refused     ${s.refused}`,
    `  failed      ${s.failed}`,
    `  skipped     ${s.skipped}  (finished by an earlier run)`,
  ];
  if (s.notReached > 0) lines.push(`  not reached ${s.notReached}`);
  const section = (kind: FileOutcomeKind, heading: string) => {
    const files = s.files.filter((f) => f.outcome === kind);
    if (files.length === 0) return;
    lines.push('', `${heading}:`);
    for (const f of files.slice(0, LISTED)) lines.push(`  ${f.source} — ${f.reason ?? ''}`);
    if (files.length > LISTED) lines.push(`  … and ${files.length - LISTED} more (--json lists every file)`);
  };
  section('failed', 'Failed');
  section('refused', 'Refused');
  section('duplicate', 'Duplicates');
  if (s.notes.length) lines.push('', 'Notes:', ...s.notes.map((n) => `  ${n}`));
  return `${lines.join('\n')}\n`;
}
