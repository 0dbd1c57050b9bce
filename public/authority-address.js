// The request form, progressive enhancement only: choosing an authority of the directory fills the
// address fields with the addresses it records. Without this file the server uses those addresses
// for fields left empty, so the request is addressed either way.
(function () {
  'use strict';

  var select = document.getElementById('authorityId');
  var email = document.getElementById('authorityEmail');
  var postal = document.getElementById('authorityPostalAddress');
  var note = document.querySelector('[data-directory-filled]');
  if (!select || !email || !postal) return;

  // What this script last put in each field: a field the journalist typed in is never overwritten.
  var filled = { email: '', postal: '' };
  var ours = function (field, key) { return field.value === '' || field.value === filled[key]; };

  var apply = function () {
    var option = select.options[select.selectedIndex];
    var nextEmail = (option && option.getAttribute('data-email')) || '';
    var nextPostal = (option && option.getAttribute('data-postal-address')) || '';
    var any = false;
    if (ours(email, 'email')) {
      email.value = nextEmail;
      filled.email = nextEmail;
      any = any || nextEmail !== '';
    }
    if (ours(postal, 'postal')) {
      postal.value = nextPostal;
      filled.postal = nextPostal;
      any = any || nextPostal !== '';
    }
    if (note) note.hidden = !any;
  };

  select.addEventListener('change', apply);
  // requests.js's filter box picks the first match without a change event: follow it too.
  if (select.form) {
    select.form.addEventListener('input', function (e) {
      if (e.target && e.target.classList && e.target.classList.contains('req-filter-box')) apply();
    });
  }
  // A form opened with an entry already chosen (?authority=dir:…) and nothing typed yet.
  if (email.value === '' && postal.value === '') apply();
})();
