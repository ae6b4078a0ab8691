/**
 * SETTER_SCRIPT is the listing page's one script, served at `{path}/setter.js` when the setter
 * is on (the page's CSP allows `script-src 'self'` then, and nothing inline). HTML forms cannot
 * send JSON or DELETE, so each `form.flag-setter` is driven from here: a confirmation naming the
 * flag, the value (a sensitive one's length only) and the pod, then `fetch` with a JSON body on the
 * same origin, the answer shown in `#setter-result` (kept over the reload that follows, so the
 * page shows the values that serve now).
 */
export const SETTER_SCRIPT = `'use strict';
(function () {
  var KEY = 'dflag-setter-result';
  var body = document.body;
  var url = body.getAttribute('data-set-url');
  var pod = body.getAttribute('data-hostname') || 'this pod';
  var result = document.getElementById('setter-result');
  function show(text) {
    if (result) result.textContent = text;
  }
  try {
    var kept = window.sessionStorage.getItem(KEY);
    if (kept !== null) {
      window.sessionStorage.removeItem(KEY);
      show(kept);
    }
  } catch (e) {}
  function send(method, payload, question) {
    if (!url || !window.confirm(question)) return;
    show(method + ' ' + payload.name + '…');
    fetch(url, {
      method: method,
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify(payload)
    })
      .then(function (response) {
        return response.text().then(function (text) {
          return response.status + ' ' + text;
        });
      })
      .then(function (text) {
        show(text);
        try {
          window.sessionStorage.setItem(KEY, text);
        } catch (e) {}
        window.location.reload();
      })
      .catch(function (error) {
        show('request failed: ' + error);
      });
  }
  var forms = document.querySelectorAll('form.flag-setter');
  Array.prototype.forEach.call(forms, function (form) {
    var name = form.getAttribute('data-flag');
    var value = form.querySelector('input[name=value]');
    var ttl = form.querySelector('input[name=ttl]');
    form.addEventListener('submit', function (event) {
      event.preventDefault();
    });
    form.querySelector('button.set').addEventListener('click', function () {
      var payload = { name: name, value: value.value };
      if (ttl.value !== '') payload.ttl = ttl.value;
      var shown = value.type === 'password' ? value.value.length + ' characters' : JSON.stringify(value.value);
      send('POST', payload, 'Set flag "' + name + '" to ' + shown + ' for ' + (ttl.value || 'the default ttl') + ' on ' + pod + ' only?');
    });
    form.querySelector('button.clear').addEventListener('click', function () {
      send('DELETE', { name: name }, 'Remove the runtime value of flag "' + name + '" on ' + pod + '?');
    });
  });
})();
`;
