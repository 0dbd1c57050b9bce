// Progressive enhancement only: every flow works without this file.
(function () {
  'use strict';

  var html = document.documentElement;
  var da = html.lang === 'da';
  var say = function (en, dk) { return da ? dk : en; };
  var sizeText = function (b) {
    var nf = function (v, d) { return new Intl.NumberFormat(da ? 'da-DK' : 'en-GB', { maximumFractionDigits: d }).format(v); };
    return b < 1024 ? nf(b, 0) + ' B' : b < 1048576 ? nf(b / 1024, 0) + ' KB' : nf(b / 1048576, 1) + ' MB';
  };

  // Upload: drag and drop, the list of files before sending, per-file transfer progress, then the batch page.
  var form = document.querySelector('form[data-upload]');
  if (form) {
    var zone = form.querySelector('[data-dropzone]');
    var input = form.querySelector('input[type=file]');
    var listBox = form.querySelector('[data-file-list]');
    var listEl = form.querySelector('[data-files]');
    var summary = form.querySelector('[data-file-summary]');
    var rowTpl = document.getElementById('file-row');
    var state = form.querySelector('[data-upload-state]');
    var rows = [];

    var renderList = function () {
      if (!listEl || !rowTpl) return;
      listEl.textContent = '';
      rows = [];
      var files = Array.prototype.slice.call(input.files || []);
      var total = files.reduce(function (s, f) { return s + f.size; }, 0);
      listBox.hidden = files.length === 0;
      summary.textContent = files.length + ' ' + (files.length === 1 ? say('file', 'fil') : say('files', 'filer')) + ' · ' + sizeText(total);
      files.forEach(function (f, i) {
        var li = rowTpl.content.firstElementChild.cloneNode(true);
        li.querySelector('.name').textContent = f.name;
        li.querySelector('.size').textContent = sizeText(f.size);
        li.querySelector('.state').textContent = say('waiting', 'venter');
        li.querySelector('progress').setAttribute('aria-label', f.name);
        if (window.DataTransfer) {
          var rm = document.createElement('button');
          rm.type = 'button';
          rm.className = 'secondary small';
          rm.textContent = say('Remove', 'Fjern');
          rm.setAttribute('aria-label', say('Remove', 'Fjern') + ' ' + f.name);
          rm.addEventListener('click', function () {
            var dt = new DataTransfer();
            files.forEach(function (g, j) { if (j !== i) dt.items.add(g); });
            input.files = dt.files;
            renderList();
            input.focus();
          });
          li.appendChild(rm);
        }
        listEl.appendChild(li);
        rows.push({ li: li, size: f.size });
      });
    };
    input.addEventListener('change', renderList);
    ['dragenter', 'dragover'].forEach(function (ev) {
      zone.addEventListener(ev, function (e) { e.preventDefault(); zone.classList.add('dragover'); });
    });
    ['dragleave', 'drop'].forEach(function (ev) {
      zone.addEventListener(ev, function (e) { e.preventDefault(); zone.classList.remove('dragover'); });
    });
    zone.addEventListener('drop', function (e) {
      if (input.disabled) return;
      if (e.dataTransfer && e.dataTransfer.files.length) { input.files = e.dataTransfer.files; renderList(); }
    });

    form.addEventListener('submit', function (e) {
      if (!window.XMLHttpRequest || !window.FormData) return;
      e.preventDefault();
      var bar = form.querySelector('.upload-progress');
      var button = form.querySelector('button[type=submit]');
      bar.hidden = false;
      // Taken before the list is locked: a disabled file input would not be sent.
      var data = new FormData(form);
      // While the files travel, the list stands: removing or adding one now would change nothing sent.
      var lock = function (locked) {
        button.disabled = locked;
        input.disabled = locked;
        zone.classList.toggle('locked', locked);
        listEl.querySelectorAll('button').forEach(function (b) { b.disabled = locked; });
      };
      lock(true);
      state.textContent = say('Sending…', 'Sender…');
      var xhr = new XMLHttpRequest();
      xhr.open('POST', form.action);
      // Files travel in order: the bytes sent so far say how far each file is.
      xhr.upload.onprogress = function (p) {
        if (!p.lengthComputable) return;
        bar.value = Math.round((p.loaded / p.total) * 100);
        var seen = p.loaded * (rows.reduce(function (s, r) { return s + r.size; }, 0) / p.total);
        rows.forEach(function (r) {
          var part = Math.max(0, Math.min(r.size, seen));
          seen -= r.size;
          var pct = r.size ? Math.round((part / r.size) * 100) : 100;
          r.li.querySelector('progress').value = pct;
          r.li.querySelector('.state').textContent = pct >= 100 ? say('sent', 'sendt') : pct > 0 ? pct + ' %' : say('waiting', 'venter');
        });
      };
      xhr.onload = function () {
        var batch = xhr.getResponseHeader('X-Upload-Batch');
        if (batch) { window.location = batch; return; }
        if (xhr.responseURL && xhr.responseURL !== form.action) { window.location = xhr.responseURL; return; }
        document.open(); document.write(xhr.responseText); document.close();
      };
      xhr.onerror = function () { lock(false); state.textContent = say('The upload was interrupted. Try again.', 'Upload blev afbrudt. Prøv igen.'); };
      xhr.send(data);
    });
  }

  // The batch page after a POST: its own address, so a reload shows it again.
  var batchLink = document.querySelector('[data-batch-url]');
  if (batchLink && window.history && history.replaceState) history.replaceState(null, '', batchLink.getAttribute('href'));

  // The batch page: each file's extraction progress, polled until every file is done.
  var batchList = document.querySelector('[data-batch-status]');
  if (batchList && batchList.getAttribute('data-batch-done') === 'no') {
    var pollBatch = function () {
      fetch(batchList.getAttribute('data-batch-status'), { headers: { Accept: 'application/json' } })
        .then(function (r) { return r.json(); })
        .then(function (s) {
          s.files.forEach(function (f) {
            var li = batchList.querySelector('[data-position="' + f.position + '"]');
            if (!li || !f.line) return;
            var line = li.querySelector('[data-line]');
            var bar = li.querySelector('progress');
            var title = li.querySelector('[data-title]');
            if (title && f.title && title.textContent !== f.title) title.textContent = f.title;
            if (line) { line.textContent = f.line; line.className = 'status status-' + f.status; }
            if (bar) {
              var active = f.status === 'queued' || f.status === 'extracting';
              bar.hidden = !active;
              if (f.progress) { bar.max = f.progress.total || 1; bar.value = f.progress.done; }
            }
            li.setAttribute('data-status', f.status);
          });
          if (!s.done) setTimeout(pollBatch, 1000);
          else batchList.setAttribute('data-batch-done', 'yes');
        })
        .catch(function () { setTimeout(pollBatch, 3000); });
    };
    setTimeout(pollBatch, 800);
  }

  // Live status on a document page while it is queued or extracting.
  var live = document.querySelector('[data-live-status]');
  var article = document.querySelector('article[data-status]');
  if (live && article && /^(queued|extracting)$/.test(article.getAttribute('data-status'))) {
    var poll = function () {
      fetch(live.getAttribute('data-live-status'), { headers: { Accept: 'application/json' } })
        .then(function (r) { return r.json(); })
        .then(function (s) {
          live.textContent = s.line + ' ';
          if (s.status === 'queued' || s.status === 'extracting') setTimeout(poll, 1000);
          else window.location.reload();
        })
        .catch(function () { setTimeout(poll, 3000); });
    };
    setTimeout(poll, 1000);
  }

  // Document viewer: next and previous hit (each marked word in turn), zoom of page images, page jump.
  var marks = Array.prototype.slice.call(document.querySelectorAll('.pages mark'));
  var hitCount = document.querySelector('[data-hit-count]');
  var current = -1;
  var goHit = function (step) {
    if (!marks.length) return;
    if (current >= 0) marks[current].classList.remove('current-hit');
    current = (current + step + marks.length) % marks.length;
    var m = marks[current];
    m.classList.add('current-hit');
    m.scrollIntoView({ block: 'center' });
    if (hitCount) hitCount.textContent = say('Hit', 'Fund') + ' ' + (current + 1) + ' / ' + marks.length + ' ';
    var page = m.closest('.page');
    if (page && history.replaceState) history.replaceState(null, '', '#' + page.id);
  };
  if (hitCount && marks.length) hitCount.textContent = marks.length + ' ' + say(marks.length === 1 ? 'hit' : 'hits', 'fund') + ' ';
  document.querySelectorAll('[data-hit]').forEach(function (a) {
    a.addEventListener('click', function (e) { if (!marks.length) return; e.preventDefault(); goHit(a.getAttribute('data-hit') === 'next' ? 1 : -1); });
  });
  var viewer = document.querySelector('[data-viewer]');
  if (viewer) {
    document.addEventListener('keydown', function (e) {
      var tag = (e.target && e.target.tagName) || '';
      if (/^(INPUT|TEXTAREA|SELECT)$/.test(tag) || e.ctrlKey || e.metaKey || e.altKey) return;
      if (e.key === 'n' && marks.length) { e.preventDefault(); goHit(1); }
      if (e.key === 'p' && marks.length) { e.preventDefault(); goHit(-1); }
    });
    var zoom = viewer.querySelector('[data-zoom]');
    if (zoom) {
      zoom.hidden = false;
      var level = 0;
      zoom.querySelectorAll('[data-zoom-step]').forEach(function (b) {
        b.addEventListener('click', function () {
          var step = Number(b.getAttribute('data-zoom-step'));
          level = step === 0 ? 0 : Math.max(0, Math.min(4, level + step));
          viewer.setAttribute('data-zoom-level', String(level));
        });
      });
    }
    var jump = viewer.querySelector('[data-page-jump]');
    if (jump) jump.addEventListener('submit', function (e) {
      var n = Number(jump.querySelector('input[name=page]').value);
      var target = document.getElementById('page-' + n);
      if (!target) return;
      e.preventDefault();
      target.scrollIntoView();
      if (history.replaceState) history.replaceState(null, '', '#page-' + n);
      target.setAttribute('tabindex', '-1');
      target.focus();
    });
  }

  // Bulk actions on the documents list: tick all, a count, only the fields the chosen action needs.
  var bulk = document.getElementById('bulk-form');
  if (bulk) {
    var boxes = function () { return Array.prototype.slice.call(bulk.querySelectorAll('input[name=ids]')); };
    var count = bulk.querySelector('[data-bulk-count]');
    var all = bulk.querySelector('[data-select-all]');
    var action = bulk.querySelector('[data-bulk-action]');
    var update = function () {
      var n = boxes().filter(function (b) { return b.checked; }).length;
      if (count) count.textContent = n ? '(' + n + ' ' + say('ticked', 'valgt') + ')' : '';
    };
    var showFields = function () {
      var a = action ? action.value : '';
      bulk.querySelectorAll('[data-for-action]').forEach(function (el) { el.hidden = el.getAttribute('data-for-action') !== a; });
    };
    if (all) all.addEventListener('change', function () { boxes().forEach(function (b) { b.checked = all.checked; }); update(); });
    boxes().forEach(function (b) { b.addEventListener('change', update); });
    if (action) { action.addEventListener('change', showFields); showFields(); }
    bulk.addEventListener('submit', function (e) {
      if (!boxes().some(function (b) { return b.checked; })) { e.preventDefault(); if (count) count.textContent = say('(tick at least one document)', '(markér mindst ét dokument)'); }
    });
  }

  // Buttons that copy a text (letters to authorities, addresses).
  document.querySelectorAll('[data-copy]').forEach(function (b) {
    if (!navigator.clipboard) return;
    b.hidden = false;
    b.addEventListener('click', function () {
      var target = document.getElementById(b.getAttribute('data-copy'));
      var text = target ? (target.value !== undefined ? target.value : target.textContent) : '';
      navigator.clipboard.writeText(text).then(function () {
        var was = b.textContent;
        b.textContent = say('Copied', 'Kopieret');
        setTimeout(function () { b.textContent = was; }, 1500);
      });
    });
  });

  // Type-ahead for a document by title or file name (FOI request: link a document); the value sent is its id.
  document.querySelectorAll('input[data-doc-lookup]').forEach(function (inp) {
    var list = document.getElementById(inp.getAttribute('list'));
    var timer = null;
    inp.addEventListener('input', function () {
      clearTimeout(timer);
      var q = inp.value.trim();
      if (q.length < 2 || /^doc_/.test(q)) return;
      timer = setTimeout(function () {
        fetch('/api/documents?perPage=10&q=' + encodeURIComponent(q), { headers: { Accept: 'application/json' } })
          .then(function (r) { return r.json(); })
          .then(function (body) {
            list.textContent = '';
            (body.documents || []).forEach(function (d) {
              var o = document.createElement('option');
              o.value = d.id;
              o.label = d.title + (d.documentDate ? ' (' + d.documentDate + ')' : '');
              o.textContent = o.label;
              list.appendChild(o);
            });
          })
          .catch(function () {});
      }, 200);
    });
  });

  // Confirm before a destructive single action.
  document.querySelectorAll('button[data-confirm]').forEach(function (b) {
    b.addEventListener('click', function (e) { if (!window.confirm(b.getAttribute('data-confirm'))) e.preventDefault(); });
  });

  // Sort menus submit on change.
  document.querySelectorAll('select[data-autosubmit]').forEach(function (s) {
    s.addEventListener('change', function () { s.form.submit(); });
  });
})();
