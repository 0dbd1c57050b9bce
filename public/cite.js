// Progressive enhancement for citing: copy buttons, a selection fills the quote box, printing the
// fact-check sheet. Every flow works without it (the draft upload is a plain multipart form).
(function () {
  'use strict';
  if (window.__kildeCite) return;
  window.__kildeCite = true;

  function copy(text) {
    if (navigator.clipboard && navigator.clipboard.writeText) return navigator.clipboard.writeText(text);
    return new Promise(function (resolve, reject) {
      var ta = document.createElement('textarea');
      ta.value = text; document.body.appendChild(ta); ta.select();
      try { document.execCommand('copy') ? resolve() : reject(new Error('copy refused')); } finally { ta.remove(); }
    });
  }

  document.querySelectorAll('button[data-copy]').forEach(function (btn) {
    btn.hidden = false;
    var label = btn.textContent;
    btn.addEventListener('click', function () {
      var box = document.querySelector(btn.getAttribute('data-copy'));
      if (!box) return;
      copy(box.value || box.textContent).then(function () {
        btn.textContent = btn.getAttribute('data-copied') || label;
        btn.classList.add('copied');
        setTimeout(function () { btn.textContent = label; btn.classList.remove('copied'); }, 2000);
      }, function () { box.focus(); box.select(); });
    });
  });

  // Selecting words in the page text puts them in the quote-link box.
  var quoteBox = document.querySelector('[data-quote-form] textarea[name=text]');
  var pageText = document.querySelector('[data-page-text]');
  if (quoteBox && pageText) {
    pageText.addEventListener('mouseup', function () {
      var sel = window.getSelection ? String(window.getSelection()) : '';
      if (sel.trim()) quoteBox.value = sel.trim();
    });
  }

  document.querySelectorAll('[data-print]').forEach(function (b) {
    b.hidden = false;
    b.addEventListener('click', function () { window.print(); });
  });

  var mark = document.getElementById('quote');
  if (mark && mark.scrollIntoView) mark.scrollIntoView({ block: 'center' });
})();
