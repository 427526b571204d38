// gemhost's one script file (the Content-Security-Policy allows no other, and no inline script).
// Pages read fine without it.
//
// Times: every <time datetime="..."> element (UTC, as the server wrote it) is shown in the
// reader's own time zone.
//
// Security keys and passkeys: buttons marked data-webauthn run the browser's WebAuthn
// ceremony with the options the page carries (data-options), write the result into a form field
// (data-target) and, if the button names one, press the form's button (data-submit). The server
// checks everything; this file only carries bytes between the page and the authenticator.
(function () {
  'use strict';

  function decode(text) {
    var b64 = text.replace(/-/g, '+').replace(/_/g, '/');
    var raw = atob(b64 + '==='.slice((b64.length + 3) % 4));
    var bytes = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i++) {
      bytes[i] = raw.charCodeAt(i);
    }
    return bytes.buffer;
  }

  function encode(buffer) {
    var bytes = new Uint8Array(buffer);
    var raw = '';
    for (var i = 0; i < bytes.length; i++) {
      raw += String.fromCharCode(bytes[i]);
    }
    return btoa(raw).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }

  function ids(list) {
    return (list || []).map(function (c) { return { type: c.type, id: decode(c.id) }; });
  }

  function creationOptions(o) {
    o.challenge = decode(o.challenge);
    o.user.id = decode(o.user.id);
    o.excludeCredentials = ids(o.excludeCredentials);
    return o;
  }

  function requestOptions(o) {
    o.challenge = decode(o.challenge);
    if (o.allowCredentials) {
      o.allowCredentials = ids(o.allowCredentials);
    }
    return o;
  }

  function asJson(credential) {
    var r = credential.response;
    var out = {
      id: credential.id,
      rawId: encode(credential.rawId),
      type: credential.type,
      response: { clientDataJSON: encode(r.clientDataJSON) },
      clientExtensionResults: credential.getClientExtensionResults ? credential.getClientExtensionResults() : {}
    };
    if (r.attestationObject) {
      out.response.attestationObject = encode(r.attestationObject);
      out.response.transports = r.getTransports ? r.getTransports() : [];
    } else {
      out.response.authenticatorData = encode(r.authenticatorData);
      out.response.signature = encode(r.signature);
      if (r.userHandle) {
        out.response.userHandle = encode(r.userHandle);
      }
    }
    return JSON.stringify(out);
  }

  // the page's words for these lines, in its language (the layout's #webauthn-texts)
  function words(name, fallback) {
    var texts = document.getElementById('webauthn-texts');
    return (texts && texts.getAttribute('data-' + name)) || fallback;
  }

  function status(button, text) {
    var line = document.getElementById(button.id + '-status');
    if (line) {
      line.textContent = text;
    }
  }

  document.addEventListener('click', function (event) {
    var button = event.target.closest ? event.target.closest('[data-webauthn]') : null;
    if (!button) {
      return;
    }
    event.preventDefault();
    if (!window.PublicKeyCredential) {
      status(button, words('unsupported', 'This browser cannot use security devices.'));
      return;
    }
    var options = JSON.parse(button.getAttribute('data-options'));
    var ceremony = button.getAttribute('data-webauthn') === 'create'
      ? navigator.credentials.create({ publicKey: creationOptions(options) })
      : navigator.credentials.get({ publicKey: requestOptions(options) });
    status(button, words('waiting', 'Waiting for your security device…'));
    ceremony.then(function (credential) {
      document.getElementById(button.getAttribute('data-target')).value = asJson(credential);
      status(button, words('used', 'Security device used.'));
      var submit = button.getAttribute('data-submit');
      if (submit) {
        document.getElementById(submit).click();
      }
    }).catch(function (error) {
      status(button, words('failed', 'The security device was not used ({0}).').replace('{0}', error.name));
    });
  });
}());

(function () {
  'use strict';
  function localTimes() {
    var format = new Intl.DateTimeFormat(document.documentElement.lang || undefined, {
      year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit',
      timeZoneName: 'short'
    });
    document.querySelectorAll('time[datetime]').forEach(function (element) {
      var at = new Date(element.getAttribute('datetime'));
      if (!isNaN(at.getTime())) {
        element.title = element.textContent;
        element.textContent = format.format(at);
      }
    });
  }
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', localTimes);
  } else {
    localTimes();
  }
}());
