// Starts the CMS on the editor page (admin/index.html), written by
// `terbuka build`. The page carries its settings as JSON (#terbuka-editor):
// the pinned CMS and YAML scripts with their integrity hashes, whether a
// repository is configured, and the CMS's phrases in Bahasa Indonesia.
(function () {
  'use strict';
  var boot = JSON.parse(document.getElementById('terbuka-editor').textContent);
  var local = ['localhost', '127.0.0.1', '[::1]'].indexOf(location.hostname) >= 0;

  // No repository and not on the preview server: explain the set-up
  // instead of a sign-in that cannot work.
  if (!boot.configured && !local) {
    document.getElementById('terbuka-setup').hidden = false;
    return;
  }

  function load(script) {
    return new Promise(function (resolve, reject) {
      var s = document.createElement('script');
      s.src = script.src;
      s.integrity = script.integrity;
      s.crossOrigin = 'anonymous';
      s.onload = resolve;
      s.onerror = function () { reject(new Error('cannot load ' + script.src)); };
      document.head.appendChild(s);
    });
  }

  // regions.yaml and topics.yaml are YAML lists at the top; the CMS edits
  // a mapping, so the list is edited as `items` and written back as the
  // list, with the file's leading comment block kept.
  var listFormat = {
    fromFile: function (text) {
      var header = (text.match(/^(?:#[^\n]*\n|\s*\n)*/) || [''])[0];
      return { items: window.jsyaml.load(text) || [], header: header };
    },
    toFile: function (data) {
      var items = (data.items || []).map(function (item) {
        var out = {};
        Object.keys(item).forEach(function (k) {
          if (item[k] !== null && item[k] !== undefined && item[k] !== '') out[k] = item[k];
        });
        return out;
      });
      return (data.header || '') + window.jsyaml.dump(items, { lineWidth: -1, flowLevel: 1, quotingType: '"' });
    }
  };

  // A year typed as 2024 would be stored as a number; partial dates are
  // written as text, like `terbuka new` writes them.
  function datesAsText(value, paths) {
    paths.forEach(function (path) {
      var v = value.getIn(path);
      if (typeof v === 'number') value = value.setIn(path, String(v));
    });
    return value;
  }

  // The page reads config.yml itself: static hosts serve `.yml` with all
  // sorts of content types, and the CMS ignores a file not served as YAML.
  var config;
  load(boot.scripts.yaml)
    .then(function () { return fetch('config.yml', { cache: 'no-cache' }); })
    .then(function (r) {
      if (!r.ok) throw new Error('config.yml: HTTP ' + r.status);
      return r.text();
    })
    .then(function (text) {
      config = window.jsyaml.load(text);
      config.load_config_file = false;
      // The CMS wants the local endpoint as a whole address.
      config.local_backend = { url: new URL(boot.local_backend, location.href).href };
      window.CMS_MANUAL_INIT = true;
      return load(boot.scripts.cms);
    })
    .then(function () {
      var CMS = window.CMS || window.DecapCms;
      CMS.registerLocale('id', boot.phrases);
      CMS.registerCustomFormat('yaml-list', 'yaml', listFormat);
      CMS.registerEventListener({
        name: 'preSave',
        handler: function (event) {
          var paths = boot.date_fields[event.entry.get('collection')] || [];
          return datesAsText(event.entry.get('data'), paths);
        }
      });
      CMS.init({ config: config });
    })
    .catch(function (e) {
      var setup = document.getElementById('terbuka-setup');
      setup.hidden = false;
      setup.insertAdjacentHTML('afterbegin', '<p role="alert"><strong></strong></p>');
      setup.querySelector('strong').textContent = String(e.message || e);
    });
})();
