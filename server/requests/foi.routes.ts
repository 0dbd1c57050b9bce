import { Router, type Request } from 'express';
import { z } from 'zod';
import { viewerOf } from '../auth/viewer';
import { AppError, isAppError } from '../lib/errors';
import { parse } from '../http/validate';
import { computeDeadlines, DEFAULT_JURISDICTION, listJurisdictions, type ClockStop, type DeadlineInput, type DeadlineReport } from './deadlines';
import type { LettersService } from './letters/letters.service';
import { LETTER_LANGS, type LetterLang } from './letters/letters.templates';
import { letterParam } from './requests.http';
import { requestViewHelpers } from './requests.web';
import { calculatorQuery, templateBody } from './core/requests.schema';

/**
 * The deadline calculator (check a date without filing anything) and the newsroom's letter
 * templates, as pages and as JSON.
 */
function langParam(req: Request): LetterLang {
  const lang = req.params.lang;
  if (!LETTER_LANGS.includes(lang as LetterLang)) throw new AppError('not_found', 'There is no such language. Templates exist in da and en.');
  return lang as LetterLang;
}

const optionalDay = (field: string) => z.preprocess(
  (v) => (v === undefined || v === null || (typeof v === 'string' && v.trim() === '') ? undefined : v),
  z.string({ error: `${field} must be a date written as YYYY-MM-DD` }).max(40, `${field} must be a date written as YYYY-MM-DD`).optional(),
);

/**
 * The calculator takes every date the engine knows: receipt beside sending, the decision letter's
 * date beside the day it arrived, the authority's seat (region), a notice of extension, and the
 * clock stops (a clarification asked for and answered, a fees notice and the payment).
 */
const calculatorForm = calculatorQuery.extend({
  appealDecisionReceived: optionalDay('appealDecisionReceived'),
  clarificationFrom: optionalDay('clarificationFrom'),
  clarificationTo: optionalDay('clarificationTo'),
  feeFrom: optionalDay('feeFrom'),
  feeTo: optionalDay('feeTo'),
});
type CalculatorForm = z.infer<typeof calculatorForm>;

function calculatorInput(q: CalculatorForm): DeadlineInput {
  const stops: ClockStop[] = [];
  const stop = (kind: ClockStop['kind'], from: string | undefined, to: string | undefined, names: [string, string]) => {
    if (to && !from) throw AppError.invalid(`${names[1]}: give ${names[0]} too.`);
    if (from) stops.push({ kind, from, to: to ?? null });
  };
  stop('clarification', q.clarificationFrom, q.clarificationTo, ['clarificationFrom, the day the authority asked for clarification', 'clarificationTo']);
  stop('fee', q.feeFrom, q.feeTo, ['feeFrom, the day of the fees notice', 'feeTo']);
  return {
    jurisdiction: q.jurisdiction, sent: q.sent ?? '', received: q.received, routed: q.routed, expedited: q.expedited, region: q.region,
    clockStops: stops, extended: q.extended || q.extendedOn !== undefined, extendedOn: q.extendedOn, promised: q.promised,
    decided: q.decided, decisionReceived: q.decisionReceived, appealed: q.appealed, appealDecided: q.appealDecided,
    appealDecisionReceived: q.appealDecisionReceived,
  };
}

/** The form's own query string, for the JSON link (only the fields that were filled in). */
function queryOf(q: CalculatorForm): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) {
    if (v === undefined || v === false || v === '') continue;
    params.set(k, v === true ? '1' : String(v));
  }
  return params.toString();
}

export function presentReport(report: DeadlineReport) {
  return {
    jurisdiction: report.jurisdiction,
    start: report.start,
    deadlines: report.deadlines.map((d) => ({
      key: d.key, name: d.name, nameDa: d.nameDa ?? null, date: d.date, rule: d.rule, ruleDa: d.ruleDa ?? null, source: d.source, basis: d.basis, binding: d.binding,
      from: d.from, group: d.group, stage: d.stage, awaits: d.awaits, confidence: d.confidence,
    })),
    region: report.region,
    extension: report.extension,
    assumptions: report.assumptions,
    assumptionsDa: report.assumptionsDa,
    notes: report.notes,
    notesDa: report.notesDa,
  };
}

export function foiRoutes(deps: { letters: LettersService }): Router {
  const { letters } = deps;
  const r = Router();

  r.get('/api/foi/deadlines', (req, res) => {
    viewerOf(res);
    res.json(presentReport(computeDeadlines(calculatorInput(parse(calculatorForm, req.query)))));
  });

  r.get('/api/foi/jurisdictions', (_req, res) => {
    viewerOf(res);
    res.json({ jurisdictions: listJurisdictions() });
  });

  r.get('/foi/deadlines', (req, res) => {
    viewerOf(res);
    const q = parse(calculatorForm, req.query);
    let report: DeadlineReport | null = null;
    let error: string | null = null;
    if (q.sent) {
      try {
        report = computeDeadlines(calculatorInput(q));
      } catch (err) {
        if (!isAppError(err)) throw err;
        error = err.message;
        res.status(err.status);
      }
    }
    res.render('foi/deadlines', {
      title: res.locals.t('foi.calculator'),
      q: { ...q, jurisdiction: q.jurisdiction ?? DEFAULT_JURISDICTION },
      jsonQuery: queryOf(q),
      jurisdictions: listJurisdictions(),
      labels: calculatorLabels(res.locals.t),
      report,
      error,
      ...requestViewHelpers(res),
    });
  });

  r.get('/api/foi/letter-templates', (_req, res) => {
    viewerOf(res);
    res.json({ templates: letters.templates().map(({ kind, lang, body, source, placeholders }) => ({ kind, lang, body, source, placeholders })) });
  });

  r.put('/api/foi/letter-templates/:kind/:lang', (req, res) => {
    const viewer = viewerOf(res);
    const kind = letterParam(req);
    const lang = langParam(req);
    letters.saveTemplate(viewer, kind, lang, parse(templateBody, req.body ?? {}).body);
    res.json({ kind, lang, source: 'newsroom' });
  });

  r.delete('/api/foi/letter-templates/:kind/:lang', (req, res) => {
    const viewer = viewerOf(res);
    letters.resetTemplate(viewer, letterParam(req), langParam(req));
    res.status(204).end();
  });

  r.get('/foi/letters', (_req, res) => {
    const viewer = viewerOf(res);
    res.render('foi/letters', { title: res.locals.t('letters.templates'), templates: letters.templates(), canEdit: viewer.role === 'admin' || viewer.role === 'editor', saved: null });
  });

  r.post('/foi/letters/:kind/:lang', (req, res) => {
    const viewer = viewerOf(res);
    const kind = letterParam(req);
    const lang = langParam(req);
    letters.saveTemplate(viewer, kind, lang, parse(templateBody, req.body ?? {}).body);
    res.redirect(303, `/foi/letters#${kind}-${lang}`);
  });

  r.post('/foi/letters/:kind/:lang/reset', (req, res) => {
    const viewer = viewerOf(res);
    letters.resetTemplate(viewer, letterParam(req), langParam(req));
    res.redirect(303, `/foi/letters#${letterParam(req)}-${langParam(req)}`);
  });

  return r;
}

/** The calculator's own words (messages `foi.calc.*`, in both interface languages). */
const CALCULATOR_LABEL_KEYS = [
  'request', 'region', 'regionNone', 'sent', 'received', 'receivedHelp', 'routed', 'expedited', 'stops', 'clarificationFrom', 'clarificationTo', 'feeFrom', 'feeTo', 'stopsHelp', 'extension', 'extended', 'extendedOn', 'promised', 'decision', 'decided', 'decisionReceived', 'decisionHelp', 'appeal', 'appealed', 'appealDecided', 'appealDecisionReceived', 'countsFrom', 'assumptions',
] as const;

function calculatorLabels(t: (key: string) => string): Record<(typeof CALCULATOR_LABEL_KEYS)[number], string> {
  return Object.fromEntries(CALCULATOR_LABEL_KEYS.map((k) => [k, t(`foi.calc.${k}`)])) as Record<(typeof CALCULATOR_LABEL_KEYS)[number], string>;
}
