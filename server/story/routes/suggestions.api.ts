import { Router } from 'express';
import { viewerOf } from '../../auth/viewer';
import { AppError } from '../../lib/errors';
import { parse } from '../../http/validate';
import { body, param, suggestionId } from '../shared/input';
import { presentSuggestion } from '../suggestions/suggestions.presenter';
import { acceptBody, stateQuery } from '../suggestions/suggestions.schema';
import type { SuggestionsService } from '../suggestions/suggestions.service';

/** JSON API of a document's suggestions: list, accept, dismiss, scan again. */
export function suggestionsApi(deps: { suggestions: SuggestionsService }): Router {
  const { suggestions } = deps;
  const r = Router();
  const sid = (req: Parameters<typeof param>[0]) => {
    const parsed = suggestionId.safeParse(param(req, 'sid'));
    if (!parsed.success) throw AppError.notFound('This suggestion');
    return parsed.data;
  };

  r.get('/api/documents/:id/suggestions', (req, res) => {
    const { state } = parse(stateQuery, req.query);
    const viewer = viewerOf(res);
    const list = suggestions.list(viewer, param(req, 'id'), state);
    res.json({ suggestions: list.map(presentSuggestion), personalData: suggestions.personalData(param(req, 'id')) });
  });

  r.post('/api/documents/:id/suggestions/scan', (req, res) => {
    const viewer = viewerOf(res);
    suggestions.rescan(viewer, param(req, 'id'));
    res.json({ suggestions: suggestions.list(viewer, param(req, 'id'), 'open').map(presentSuggestion) });
  });

  r.post('/api/documents/:id/suggestions/:sid/accept', (req, res) => {
    const input = parse(acceptBody, body(req));
    res.json(presentSuggestion(suggestions.accept(viewerOf(res), param(req, 'id'), sid(req), input)));
  });

  r.post('/api/documents/:id/suggestions/:sid/dismiss', (req, res) => {
    res.json(presentSuggestion(suggestions.dismiss(viewerOf(res), param(req, 'id'), sid(req))));
  });

  return r;
}
