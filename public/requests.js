// FOI request pages, progressive enhancement only: every flow works without this file.
(function () {
  'use strict';

  var fold = function (s) { return (s || '').toLocaleLowerCase('da').normalize('NFD').replace(/[\u0300-\u036f]/g, ''); };

  // The authority picker: a box above the long list that keeps only the names containing what is typed.
  document.querySelectorAll('select[data-filterable]').forEach(function (select) {
    var box = document.createElement('input');
    box.type = 'search';
    box.className = 'req-filter-box';
    box.setAttribute('autocomplete', 'off');
    box.setAttribute('aria-label', select.getAttribute('data-filter-label') || '');
    box.placeholder = select.getAttribute('data-filter-label') || '';
    box.setAttribute('aria-controls', select.id);
    select.parentNode.insertBefore(box, select);
    box.addEventListener('input', function () {
      var q = fold(box.value.trim());
      var first = null;
      Array.prototype.forEach.call(select.options, function (o) {
        if (!o.value) return;
        var show = !q || fold(o.textContent).indexOf(q) >= 0;
        o.hidden = !show;
        o.disabled = !show;
        if (show && !first) first = o;
      });
      select.querySelectorAll('optgroup').forEach(function (g) {
        g.hidden = !Array.prototype.some.call(g.children, function (o) { return !o.hidden; });
      });
      var current = select.options[select.selectedIndex];
      if (q && first && (!current || !current.value || current.hidden)) first.selected = true;
    });
    box.addEventListener('keydown', function (e) { if (e.key === 'Enter') { e.preventDefault(); select.focus(); } });
  });

  // Copy buttons: the clipboard where the browser offers it, else the old select-and-copy; a visible "copied".
  var status = document.querySelector('[data-copy-status]');
  var tell = function (ok) {
    if (!status) return;
    status.textContent = status.getAttribute(ok ? 'data-copied' : 'data-copy-failed') || '';
    clearTimeout(status._t);
    status._t = setTimeout(function () { status.textContent = ''; }, 4000);
  };
  var fallbackCopy = function (el, text) {
    var area = el && el.tagName === 'TEXTAREA' ? el : null;
    var temp = null;
    if (!area) {
      temp = document.createElement('textarea');
      temp.value = text;
      temp.setAttribute('readonly', '');
      temp.style.position = 'fixed';
      temp.style.opacity = '0';
      document.body.appendChild(temp);
      area = temp;
    }
    area.select();
    var ok = false;
    try { ok = document.execCommand('copy'); } catch (e) { ok = false; }
    if (temp) temp.remove();
    return ok;
  };
  document.querySelectorAll('[data-copy-text]').forEach(function (b) {
    b.hidden = false;
    b.addEventListener('click', function () {
      var el = document.getElementById(b.getAttribute('data-copy-text'));
      if (!el) return;
      var text = el.value !== undefined ? el.value : el.textContent;
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text).then(function () { tell(true); }, function () { tell(fallbackCopy(el, text)); });
      } else {
        tell(fallbackCopy(el, text));
      }
    });
  });

  // The mail link takes the text as edited on the page, not as it was filled in.
  document.querySelectorAll('a[data-mailto]').forEach(function (a) {
    var subject = document.getElementById('letter-subject');
    var body = document.getElementById('letter-body');
    var refresh = function () {
      var to = a.getAttribute('href').replace(/^mailto:([^?]*).*$/, '$1');
      a.setAttribute('href', 'mailto:' + to + '?subject=' + encodeURIComponent(subject ? subject.value : '') +
        '&body=' + encodeURIComponent((body ? body.value : '').replace(/\r?\n/g, '\r\n')));
    };
    a.addEventListener('click', refresh);
    a.addEventListener('focus', refresh);
  });
})();
