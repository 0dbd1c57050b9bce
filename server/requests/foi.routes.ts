import { Router, type Request } from 'express';
import { viewerOf } from '../auth/viewer';
import { AppError, isAppError } from '../errors';
import { parse } from '../http/validate';
import { computeDeadlines, DEFAULT_JURISDICTION, listJurisdictions, type DeadlineReport } from './deadlines';
import type { LettersService } from './letters/letters.service';
import { LETTER_LANGS, type LetterLang } from './letters/letters.templates';
import { letterParam } from './requests.http';
import { calculatorQuery, templateBody } from './requests.schema';

/**
 * The deadline calculator (check a date without filing anything) and the newsroom's letter
 * templates, as pages and as JSON.
 */
function langParam(req: Request): LetterLang {
  const lang = req.params.lang;
  if (!LETTER_LANGS.includes(lang as LetterLang)) throw new AppError('not_found', 'There is no such language. Templates exist in da and en.');
  return lang as LetterLang;
}

export function presentReport(report: DeadlineReport) {
  return {
    jurisdiction: report.jurisdiction,
    start: report.start,
    deadlines: report.deadlines.map((d) => ({
      key: d.key, name: d.name, nameDa: d.nameDa ?? null, date: d.date, rule: d.rule, source: d.source, basis: d.basis, binding: d.binding,
    })),
    assumptions: report.assumptions,
    notes: report.notes,
  };
}

export function foiRoutes(deps: { letters: LettersService }): Router {
  const { letters } = deps;
  const r = Router();

  r.get('/api/foi/deadlines', (req, res) => {
    viewerOf(res);
    const q = parse(calculatorQuery, req.query);
    const report = computeDeadlines({ jurisdiction: q.jurisdiction, sent: q.sent ?? '', received: q.received, decided: q.decided, extended: q.extended });
    res.json(presentReport(report));
  });

  r.get('/api/foi/jurisdictions', (_req, res) => {
    viewerOf(res);
    res.json({ jurisdictions: listJurisdictions() });
  });

  r.get('/foi/deadlines', (req, res) => {
    viewerOf(res);
    const q = parse(calculatorQuery, req.query);
    let report: DeadlineReport | null = null;
    let error: string | null = null;
    if (q.sent) {
      try {
        report = computeDeadlines({ jurisdiction: q.jurisdiction, sent: q.sent, received: q.received, decided: q.decided, extended: q.extended });
      } catch (err) {
        if (!isAppError(err)) throw err;
        error = err.message;
        res.status(err.status);
      }
    }
    res.render('foi/deadlines', {
      title: res.locals.t('foi.calculator'),
      q: { ...q, jurisdiction: q.jurisdiction ?? DEFAULT_JURISDICTION },
      jurisdictions: listJurisdictions(),
      report,
      error,
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
