// Type-ahead for the document page's link forms (progressive enhancement: without this file the
// <datalist> the page carries still offers names, and the server resolves what was typed).
(function () {
  'use strict';
  document.querySelectorAll('input[data-typeahead]').forEach(function (input) {
    var form = input.form;
    var hidden = form.querySelector('[data-typeahead-id]');
    var list = document.getElementById(input.getAttribute('list'));
    var endpoint = input.getAttribute('data-typeahead');
    var key = endpoint.indexOf('events') >= 0 ? 'events' : 'parties';
    // A party's kind as the page words it (the API gives its code: "authority").
    var kindLabels = {};
    try { kindLabels = JSON.parse(input.getAttribute('data-kind-labels') || '{}'); } catch (e) { kindLabels = {}; }
    var timer = null;
    var lastQuery = null;
    // An event's date as the page writes it ("28. juni 2018"; a month or a year alone when that is
    // all that is known), in the page's language, not the API's ISO date.
    var locale = document.documentElement.lang === 'da' ? 'da-DK' : 'en-GB';
    function eventDate(iso, precision) {
      var p = String(iso || '').slice(0, 10).split('-').map(Number);
      if (!iso || !isFinite(p[0])) return iso || '';
      if (precision === 'year' || !p[1]) return String(p[0]);
      var opts = precision === 'month' || !p[2] ? { month: 'long', year: 'numeric', timeZone: 'UTC' } : { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' };
      try { return new Intl.DateTimeFormat(locale, opts).format(new Date(Date.UTC(p[0], p[1] - 1, p[2] || 1))); } catch (e) { return iso; }
    }

    function syncId() {
      // A name picked from the list carries its id, so two parties of the same name never mix.
      if (!hidden || !list) return;
      hidden.value = '';
      for (var i = 0; i < list.options.length; i++) {
        if (list.options[i].value === input.value) { hidden.value = list.options[i].getAttribute('data-id') || ''; return; }
      }
    }

    function fill(items) {
      if (!list) return;
      while (list.firstChild) list.removeChild(list.firstChild);
      items.forEach(function (it) {
        var o = document.createElement('option');
        o.value = key === 'events' ? it.title : it.name;
        o.setAttribute('data-id', it.id);
        o.textContent = key === 'events' ? eventDate(it.date, it.precision) : (it.shortName ? it.shortName + ' · ' : '') + (Object.prototype.hasOwnProperty.call(kindLabels, it.kind) ? kindLabels[it.kind] : it.kind);
        list.appendChild(o);
      });
      syncId();
    }

    input.addEventListener('input', function () {
      syncId();
      var q = input.value.trim();
      if (timer) clearTimeout(timer);
      if (q.length < 1 || q === lastQuery) return;
      timer = setTimeout(function () {
        lastQuery = q;
        fetch(endpoint + '?limit=15&q=' + encodeURIComponent(q), { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
          .then(function (r) { return r.ok ? r.json() : null; })
          .then(function (body) { if (body && body[key] && input.value.trim() === q) fill(body[key]); })
          .catch(function () { /* the datalist the page carried still works */ });
      }, 150);
    });
    input.addEventListener('change', syncId);
  });
})();
