/**
 * Fills a letter template. The grammar is deliberately tiny so an editor can change the wording
 * without reading code:
 * - `{{name}}` is replaced by its value; an unknown name stays as written, so a typo shows;
 * - a line whose placeholders are all empty is left out (no "Your case number: " with nothing after);
 * - lines starting with `##` are comments;
 * - the first remaining line is the subject, the rest (after blank lines) the body.
 *
 * A template is text an editor typed, so a name is looked up only among the letter's own values
 * (and, for letters, only names in LETTER_PLACEHOLDERS): `{{constructor}}` or `{{toString}}` must
 * stay as written, not reach into the object's prototype.
 */
export const LETTER_PLACEHOLDERS = [
  'authority', 'subject', 'requestText', 'law', 'lawCitation', 'responseCitation', 'responsePeriod', 'responseDue',
  'sentDate', 'receivedDate', 'escalationDate', 'escalationCitation', 'decisionDate', 'decision', 'appealBody',
  'appealCitation', 'appealDue', 'caseNumber', 'ourReference', 'signature', 'today',
  'refusedDocuments', 'contestedParagraphs',
] as const;
export type LetterPlaceholder = (typeof LETTER_PLACEHOLDERS)[number];
export type LetterValues = Record<LetterPlaceholder, string>;

const PLACEHOLDER = /\{\{\s*([A-Za-z][A-Za-z0-9]*)\s*\}\}/g;

export function fillTemplate(
  template: string,
  values: Readonly<Record<string, string>>,
  allowed: readonly string[] = Object.keys(values),
): { subject: string; body: string } {
  const value = (name: string): string | undefined =>
    allowed.includes(name) && Object.hasOwn(values, name) && typeof values[name] === 'string' ? values[name] : undefined;
  const lines: string[] = [];
  for (const line of template.replace(/\r\n?/g, '\n').split('\n')) {
    if (line.startsWith('##')) continue;
    const found = [...line.matchAll(PLACEHOLDER)].map((m) => value(m[1]));
    if (found.length > 0 && found.every((v) => v !== undefined && v.trim() === '')) continue;
    lines.push(line.replace(PLACEHOLDER, (whole, name: string) => value(name) ?? whole));
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
