// Landing on the words: once the page image has loaded, bring its first marked box into view when
// the image stands beside the text (stacked on a narrow screen, the marked text is where to land).
// On the document viewer only the page the link names (#page-n) is landed on. Works without it:
// the boxes are drawn by the server.
(function () {
  'use strict';
  if (window.__kildeMarks) return;
  window.__kildeMarks = true;

  var scope = document;
  if (document.querySelector('[data-viewer]')) {
    var target = location.hash && /^#page-\d+$/.test(location.hash) ? document.getElementById(location.hash.slice(1)) : null;
    if (!target) return;
    scope = target;
  }
  var box = scope.querySelector('[data-first-mark]');
  if (!box) return;
  var figure = box.closest('.page-image');
  var img = figure && figure.querySelector('img');
  if (!img) return;

  function land() {
    var body = figure.closest('.page-body');
    var text = body && body.querySelector('.page-text');
    if (text && figure.getBoundingClientRect().left < text.getBoundingClientRect().right) return;
    var r = box.getBoundingClientRect();
    if (r.top >= 0 && r.bottom <= window.innerHeight) return;
    box.scrollIntoView({ block: 'center' });
  }
  // Land once the image has its size and the document has loaded: until the load event the browser
  // may scroll to the #page-n fragment again (it keeps the anchor in place while the page lays out),
  // which would take the box back out of view.
  var landed = false;
  function whenReady() {
    if (landed || document.readyState !== 'complete' || !(img.complete && img.naturalWidth)) return;
    landed = true;
    land();
  }
  window.addEventListener('load', whenReady, { once: true });
  img.addEventListener('load', whenReady, { once: true });
  whenReady();
})();
