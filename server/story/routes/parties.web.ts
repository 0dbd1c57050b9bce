import { Router } from 'express';
import { canWrite, viewerOf } from '../../auth/viewer';
import { AppError } from '../../lib/errors';
import { parse } from '../../http/validate';
import type { PartyPageService } from '../pages/party-page';
import { fromForm, listQuery, partyCreate, partyUpdate } from '../parties/parties.schema';
import type { PartiesService } from '../parties/parties.service';
import { PARTY_KINDS } from '../parties/parties.types';
import { forceQuery, param } from '../shared/input';

/** Pages of parties: the list with a create form, a party's page with edit, merge and delete. */
export function partiesWeb(deps: { parties: PartiesService; page: PartyPageService }): Router {
  const { parties, page } = deps;
  const r = Router();

  r.get('/parties', (req, res) => {
    const viewer = viewerOf(res);
    const q = parse(listQuery, req.query);
    const list = parties.list(viewer, { q: q.q, kind: q.kind }, q.limit, q.page);
    res.render('parties/list', { title: res.locals.t('party.listHeading'), list, q, kinds: PARTY_KINDS, canWrite: canWrite(viewer), allParties: parties.list(viewer, {}, 1000, 1).parties });
  });

  r.post('/parties', (req, res) => {
    const party = parties.create(viewerOf(res), parse(partyCreate, fromForm(req.body ?? {})));
    res.redirect(303, `/parties/${party.id}`);
  });

  r.get('/parties/:id', (req, res) => {
    const viewer = viewerOf(res);
    const p = page.buildWithFoiRecord(viewer, param(req, 'id'));
    res.render('parties/show', { title: p.party.name, p, kinds: PARTY_KINDS, canWrite: canWrite(viewer), allParties: parties.list(viewer, {}, 1000, 1).parties.filter((x) => x.id !== p.party.id) });
  });

  r.post('/parties/:id', (req, res) => {
    const viewer = viewerOf(res);
    const id = param(req, 'id');
    const input = fromForm(req.body ?? {});
    // The form edits only the CVR number; other identifiers set through the API are kept.
    if (input.identifiers) {
      const { cvr: _old, ...rest } = parties.get(id).identifiers;
      input.identifiers = { ...rest, ...(input.identifiers as Record<string, string>) };
    }
    parties.update(viewer, id, parse(partyUpdate, input));
    res.redirect(303, `/parties/${id}`);
  });

  r.get('/parties/:id/delete', (req, res) => {
    viewerOf(res);
    const party = parties.get(param(req, 'id'));
    res.render('parties/delete', { title: party.name, party, counts: parties.linkCounts(viewerOf(res), party.id), hidden: parties.usedOutOfSight(viewerOf(res), party.id) });
  });

  r.post('/parties/:id/delete', (req, res) => {
    const viewer = viewerOf(res);
    const id = param(req, 'id');
    const { force } = parse(forceQuery, { force: (req.body as Record<string, unknown> | undefined)?.force ?? req.query.force });
    try {
      parties.delete(viewer, id, force);
    } catch (err) {
      // Something links to it: show what (only what the viewer may read), and ask to confirm.
      if (!(err instanceof AppError) || err.code !== 'conflict') throw err;
      const party = parties.get(id);
      return res.status(409).render('parties/delete', { title: party.name, party, counts: parties.linkCounts(viewer, id), hidden: false });
    }
    res.redirect(303, '/parties');
  });

  r.post('/parties/:id/merge', (req, res) => {
    const into = typeof req.body?.into === 'string' ? (req.body.into as string) : '';
    const survivor = parties.merge(viewerOf(res), param(req, 'id'), into);
    res.redirect(303, `/parties/${survivor.id}`);
  });

  return r;
}
