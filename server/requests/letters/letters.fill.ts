/**
 * Fills a letter template. The grammar is deliberately tiny so an editor can change the wording
 * without reading code:
 * - `{{name}}` is replaced by its value; an unknown name stays as written, so a typo shows;
 * - a line whose placeholders are all empty is left out (no "Your case number: " with nothing after);
 * - lines starting with `##` are comments;
 * - the first remaining line is the subject, the rest (after blank lines) the body.
 */
export type LetterValues = Record<string, string>;

const PLACEHOLDER = /\{\{\s*([A-Za-z][A-Za-z0-9]*)\s*\}\}/g;

export function fillTemplate(template: string, values: LetterValues): { subject: string; body: string } {
  const lines: string[] = [];
  for (const line of template.replace(/\r\n?/g, '\n').split('\n')) {
    if (line.startsWith('##')) continue;
    const names = [...line.matchAll(PLACEHOLDER)].map((m) => m[1]);
    const known = names.filter((n) => n in values);
    if (known.length > 0 && known.length === names.length && known.every((n) => values[n].trim() === '')) continue;
    lines.push(line.replace(PLACEHOLDER, (whole, name: string) => (name in values ? values[name] : whole)));
  }
  while (lines.length && lines[0].trim() === '') lines.shift();
  const subject = (lines.shift() ?? '').trim();
  while (lines.length && lines[0].trim() === '') lines.shift();
  // Collapse the runs of blank lines that dropped lines can leave behind.
  const body = lines.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd() + '\n';
  return { subject, body };
}

/** The placeholders a template uses, for the template editor's help text. */
export function placeholdersOf(template: string): string[] {
  const text = template.replace(/\r\n?/g, '\n').split('\n').filter((l) => !l.startsWith('##')).join('\n');
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]))];
}
