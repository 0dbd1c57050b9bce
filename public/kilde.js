// Progressive enhancement only: every flow works without this file.
(function () {
  'use strict';

  // Drag-and-drop onto the upload form's drop zone, and upload progress.
  var form = document.querySelector('form[data-upload]');
  if (form) {
    var zone = form.querySelector('[data-dropzone]');
    var input = form.querySelector('input[type=file]');
    ['dragenter', 'dragover'].forEach(function (ev) {
      zone.addEventListener(ev, function (e) { e.preventDefault(); zone.classList.add('dragover'); });
    });
    ['dragleave', 'drop'].forEach(function (ev) {
      zone.addEventListener(ev, function (e) { e.preventDefault(); zone.classList.remove('dragover'); });
    });
    zone.addEventListener('drop', function (e) { if (e.dataTransfer && e.dataTransfer.files.length) input.files = e.dataTransfer.files; });
    form.addEventListener('submit', function (e) {
      if (!window.XMLHttpRequest || !window.FormData) return;
      e.preventDefault();
      var bar = form.querySelector('progress');
      bar.hidden = false;
      var xhr = new XMLHttpRequest();
      xhr.open('POST', form.action);
      xhr.upload.onprogress = function (p) { if (p.lengthComputable) bar.value = Math.round((p.loaded / p.total) * 100); };
      xhr.onload = function () {
        if (xhr.responseURL && xhr.responseURL !== form.action) { window.location = xhr.responseURL; return; }
        document.open(); document.write(xhr.responseText); document.close();
      };
      xhr.send(new FormData(form));
    });
  }

  // Live status on a document page while it is queued or extracting.
  var live = document.querySelector('[data-live-status]');
  var article = document.querySelector('article[data-status]');
  if (live && article && /^(queued|extracting)$/.test(article.getAttribute('data-status'))) {
    var poll = function () {
      fetch(live.getAttribute('data-live-status'), { headers: { Accept: 'application/json' } })
        .then(function (r) { return r.json(); })
        .then(function (s) {
          live.firstChild.textContent = s.line + ' ';
          if (s.status === 'queued' || s.status === 'extracting') setTimeout(poll, 1000);
          else window.location.reload();
        })
        .catch(function () { setTimeout(poll, 3000); });
    };
    setTimeout(poll, 1000);
  }

  // Sort menus submit on change.
  document.querySelectorAll('select[data-autosubmit]').forEach(function (s) {
    s.addEventListener('change', function () { s.form.submit(); });
  });
})();
