import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { translate } from '../../server/i18n/messages';
import { extractionMessages, failureKey, localiseFailure } from '../../server/i18n/messages.extraction';

/**
 * Every reason ingest can store on a failed document has a message key with a Danish text. The
 * scanner parses server/ingest with the TypeScript compiler and reads the reasons: the `reason` of
 * an outcome, the message of the errors whose text becomes one (a stopped reader or extractor, an
 * unreadable image, a refused zip), and the reason handed to `setStatus`; a `${…}` becomes a sample
 * value. A reason made wholly of a library's message cannot be read from the source and is skipped.
 */
const INGEST = path.resolve(__dirname, '../../server/ingest');
/** Errors whose message is stored as the reason (or wrapped in one). */
const REASON_ERRORS = new Set(['ReaderStopped', 'EngineStopped', 'ExtractionStopped', 'Unreadable', 'ZipRefused']);

function textsOf(e: ts.Expression): string[] {
  if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return [e.text];
  if (ts.isTemplateExpression(e)) return [e.head.text + e.templateSpans.map((s) => `{}${s.literal.text}`).join('')];
  if (ts.isConditionalExpression(e)) return [...textsOf(e.whenTrue), ...textsOf(e.whenFalse)];
  if (ts.isParenthesizedExpression(e)) return textsOf(e.expression);
  return ['{}'];
}

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    return d.isDirectory() ? filesUnder(p) : d.name.endsWith('.ts') ? [p] : [];
  });
}

function reasonsIn(file: string): Array<{ where: string; text: string }> {
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const out: Array<{ where: string; text: string }> = [];
  const add = (node: ts.Node, texts: string[], wrap = (s: string) => s) => {
    const where = `${path.relative(INGEST, file)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
    for (const text of texts) if (text.replace(/\{\}/g, '').trim()) out.push({ where, text: wrap(text) });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isPropertyAssignment(node) && node.name.getText() === 'reason' && ts.isObjectLiteralExpression(node.parent)) {
      const kind = node.parent.properties.find((p) => p.name?.getText() === 'kind');
      if (kind && ts.isPropertyAssignment(kind) && /failed|password/.test(kind.initializer.getText())) add(node, textsOf(node.initializer));
    }
    if (ts.isNewExpression(node) && REASON_ERRORS.has(node.expression.getText()) && node.arguments?.[0]) add(node, textsOf(node.arguments[0]));
    if (ts.isCallExpression(node) && node.expression.getText() === 'bomb' && node.arguments[0]) add(node, textsOf(node.arguments[0]), (s) => `Refused as a possible zip bomb: ${s}.`);
    if (ts.isCallExpression(node) && /\.setStatus$/.test(node.expression.getText()) && node.arguments[2]) add(node, textsOf(node.arguments[2]));
    // The zip reader's own errors become the zip extractor's reason.
    if (ts.isNewExpression(node) && node.expression.getText() === 'Error' && file.endsWith('zip.extractor.ts') && node.arguments?.[0]) add(node, textsOf(node.arguments[0]));
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

/** Reasons whose first `${…}` names the kind of file from a variable: the kinds the source gives it. */
const KINDS: Record<string, string[]> = {
  'The {} cannot be read: {}': ['Word document', 'OpenDocument file', 'file', 'Outlook message', 'mailbox', 'e-mail'],
};

describe('extraction failure reasons — every one has Danish', () => {
  const found = filesUnder(INGEST).flatMap(reasonsIn)
    .flatMap((f) => (KINDS[f.text] ? KINDS[f.text]!.map((kind) => ({ where: f.where, text: f.text.replace('{}', kind) })) : [f]));

  test('the scanner finds the reasons of the pipeline and the extractors', () => {
    expect(found.length).toBeGreaterThan(30);
    expect(found.map((f) => f.text)).toEqual(expect.arrayContaining(['This PDF is encrypted: it needs a password to be read.', 'No extractor is available for {} files.']));
  });

  test.each(found.map((f) => [f.where, f.text]))('%s — "%s" — has a message key and a Danish text', (_where, text) => {
    const stored = text.replace(/\{\}/g, 'X7');
    const key = failureKey(stored)?.key;
    expect({ text, key }).toEqual({ text, key: expect.stringMatching(/^extract\./) });
    expect(localiseFailure('da', stored).lang).toBe('da');
  });

  test('every key — an English and a Danish text with the same placeholders', () => {
    for (const [key, m] of Object.entries(extractionMessages)) {
      const names = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
      expect({ key, da: names(m.da) }).toEqual({ key, da: names(m.en) });
      expect(translate('da', key)).toBe(m.da);
    }
  });
});
