// Batch search with its progress shown: the list is sent as the form would send it, and the rows
// come back one a line as each is searched (server/search-pages/tools.routes.ts, streamBatch).
// Without this file, or in a browser without streamed fetch, the form posts and the page answers
// when every line is done. A list the server refuses is sent again as a plain form, so the reader
// sees the refusal as the page shows it, with what they typed kept.
(function () {
  'use strict';

  var form = document.querySelector('form[data-batch]');
  var box = document.querySelector('[data-batch-progress]');
  var results = document.getElementById('batch-results');
  if (!form || !box || !results || !window.fetch || !window.TextDecoder || !window.AbortController) return;
  var bar = box.querySelector('progress');
  var status = box.querySelector('[data-progress-text]');
  var stop = box.querySelector('[data-stop]');
  var submit = form.querySelector('button[type=submit]:not([value=csv])');
  var csv = form.querySelector('[data-csv]');
  var upTo = form.querySelector('[data-up-to]');
  var csvLabel = csv.getAttribute('data-whole') || csv.textContent;
  var running = null;

  var fill = function (template, values) {
    return template.replace(/\{(\w+)\}/g, function (_, k) { return values[k] === undefined ? '' : String(values[k]); });
  };
  // A live region that changed on every row would talk over itself: the bar moves each row, the
  // words at most every two seconds (the latest count, once the two seconds are up), and at once
  // when the list ends.
  var said = 0;
  var pending = null;
  var later = null;
  var say = function (text, now) {
    var wait = said + 2000 - Date.now();
    if (now || wait <= 0) {
      clearTimeout(later);
      later = null;
      said = Date.now();
      status.textContent = text;
      return;
    }
    pending = text;
    if (!later) later = setTimeout(function () { later = null; say(pending, true); }, wait);
  };
  var finish = function (text) {
    say(text, true);
    stop.hidden = true;
    submit.disabled = false;
    running = null;
  };

  // Stopped or broken off: the CSV offers the lines searched so far (the server searches only those).
  // Stop hides itself, so a keyboard reader who pressed it is taken to the CSV button, not lost.
  var plural = window.Intl && Intl.PluralRules ? new Intl.PluralRules(document.documentElement.lang || 'en') : null;
  var offerPart = function (done, lines) {
    if (done < 1 || !upTo) return;
    if (done < lines) {
      upTo.value = String(done);
      var count = plural && plural.select(done) === 'one' ? 'one' : 'other';
      csv.textContent = fill(csv.getAttribute('data-partial-' + count) || csvLabel, { n: done });
    } else {
      offerWhole(); // stopped after the last row, before the end was heard: the list is all there
    }
    csv.hidden = false;
    if (document.activeElement === stop) csv.focus();
  };
  // A new list, or the whole list searched again: the CSV is of the whole list.
  var offerWhole = function () {
    if (upTo) upTo.value = '';
    csv.textContent = csvLabel;
  };
  form.addEventListener('input', offerWhole);
  form.addEventListener('change', offerWhole);

  stop.addEventListener('click', function () { if (running) running.abort(); });

  form.addEventListener('submit', function (event) {
    // The CSV download and a second click while a list runs go the ordinary way.
    if ((event.submitter && event.submitter.value === 'csv') || running) return;
    event.preventDefault();
    offerWhole();
    var abort = new AbortController();
    running = abort;
    var done = 0;
    var lines = 0;
    submit.disabled = true;
    fetch(form.action, { method: 'POST', body: new FormData(form), credentials: 'same-origin', headers: { accept: 'application/x-ndjson' }, signal: abort.signal })
      .then(function (res) {
        if (!res.ok || !res.body || !/ndjson/.test(res.headers.get('content-type') || '')) {
          running = null;
          submit.disabled = false;
          form.submit();
          return;
        }
        var reader = res.body.getReader();
        var decoder = new TextDecoder();
        var buffered = '';
        var handle = function (message) {
          if (message.type === 'start') {
            lines = message.lines;
            results.innerHTML = message.html;
            bar.max = Math.max(1, lines);
            bar.value = 0;
            box.hidden = false;
            stop.hidden = false;
            csv.hidden = true;
            say(fill(box.dataset.progress, { done: 0, lines: lines }), true);
          } else if (message.type === 'row') {
            done = message.done;
            results.querySelector('tbody').insertAdjacentHTML('beforeend', message.html);
            bar.value = done;
            say(fill(box.dataset.progress, { done: done, lines: lines }));
          } else if (message.type === 'done') {
            csv.hidden = false;
            finish(fill(box.dataset.finished, { done: done, lines: lines }));
          } else if (message.type === 'error') {
            offerPart(done, lines);
            finish(fill(box.dataset.failed, { done: done, lines: lines, reason: message.message }));
          }
        };
        var pump = function () {
          return reader.read().then(function (chunk) {
            if (chunk.done) {
              if (running === abort) {
                offerPart(done, lines);
                finish(fill(box.dataset.stopped, { done: done, lines: lines }));
              }
              return;
            }
            buffered += decoder.decode(chunk.value, { stream: true });
            var end;
            while ((end = buffered.indexOf('\n')) >= 0) {
              var line = buffered.slice(0, end);
              buffered = buffered.slice(end + 1);
              if (line) handle(JSON.parse(line));
            }
            return pump();
          });
        };
        return pump();
      })
      .catch(function (err) {
        if (running !== abort) return;
        offerPart(done, lines);
        if (err && err.name === 'AbortError') finish(fill(box.dataset.stopped, { done: done, lines: lines }));
        else finish(fill(box.dataset.failed, { done: done, lines: lines, reason: box.dataset.lost })); // the browser's own words are in its language, not the page's
      });
  });
})();
