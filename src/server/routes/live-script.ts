/**
 * The live page's one script (served at /assets/live.js, allowed by that page's CSP only): it
 * listens to the season's SSE stream and redraws the tables in place with the markup the server
 * renders (src/server/pages/live-page.tsx: keep the two alike). Text goes in as text nodes, never
 * as HTML. Without it the page refreshes itself (a meta refresh inside <noscript>).
 */
export const LIVE_SCRIPT = String.raw`(function () {
  'use strict';
  var root = document.getElementById('live');
  if (!root || typeof EventSource === 'undefined') return;
  var connection = document.getElementById('live-connection');

  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    if (attrs) for (var k in attrs) if (attrs[k] !== undefined && attrs[k] !== '') e.setAttribute(k, attrs[k]);
    (children || []).forEach(function (c) {
      e.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
    });
    return e;
  }
  function signed(n) { return n > 0 ? '+' + n : n < 0 ? String(n) : '='; }
  function gained(n) { return n > 0 ? '+' + n : n < 0 ? String(n) : ''; }
  function lapTime(ms) {
    if (ms === null) return '';
    var m = Math.floor(ms / 60000);
    var s = ((ms % 60000) / 1000).toFixed(3);
    while (s.length < 6) s = '0' + s;
    return m + ':' + s;
  }
  function statusLine(doc) {
    var laps = doc.order.length ? doc.order[0].laps : null;
    var parts = [doc.session.name, 'flag ' + doc.flag];
    if (laps !== null) parts.push('lap ' + laps);
    if (doc.lapsToGo !== null) parts.push(doc.lapsToGo + ' to go');
    if (doc.finished) parts.push('finished');
    return parts.join(' \u00b7 ');
  }
  function table(attrs, head, rows) {
    return el('div', { class: 'scroll' }, [
      el('table', attrs, [
        el('thead', null, [el('tr', null, head.map(function (h) { return el('th', h[1] ? { class: 'num' } : null, [h[0]]); }))]),
        el('tbody', null, rows),
      ]),
    ]);
  }
  function render(doc) {
    var body = el('div', { id: 'live-body', 'data-seq': String(doc.seq) }, [
      el('p', { id: 'live-status', class: doc.finished ? 'ok' : '' }, [statusLine(doc)]),
    ]);
    if (doc.unmatched.length) {
      body.appendChild(el('div', { id: 'live-unmatched' }, [
        el('p', { class: 'error' }, ['Not matched to an entry (left out of the tables):']),
        el('ul', null, doc.unmatched.map(function (u) {
          return el('li', null, [(u.car === null ? '' : '#' + u.car + ' ') + (u.drivers.join(' / ') || u.key) + ': ' + u.reason +
            (u.suggestions.length ? ' (closest: ' + u.suggestions.join('; ') + ')' : '')]);
        })),
      ]));
    }
    var grid = el('div', { class: 'live-grid' }, [
      el('section', { class: 'live-order' }, [
        el('h2', null, ['Running order']),
        table({ id: 'live-order' },
          [['Pos', 1], ['Car'], ['Driver'], ['Class'], ['Laps', 1], ['Best lap', 1], ['Status']],
          doc.order.map(function (r) {
            return el('tr', null, [
              el('td', { class: 'num' }, [r.position === null ? '-' : String(r.position)]),
              el('td', null, [r.car === null ? '' : r.car]),
              el('td', { class: 'driver' }, [r.drivers.join(' / ')]),
              el('td', null, [r.class === null ? '' : r.class]),
              el('td', { class: 'num' }, [r.laps === null ? '' : String(r.laps)]),
              el('td', { class: r.fastestLap ? 'num fastest' : 'num' }, [lapTime(r.bestLapMs)]),
              el('td', null, [r.status === 'classified' ? 'running' : r.status]),
            ]);
          })),
      ]),
    ]);
    doc.championships.forEach(function (ch) {
      var parts = [el('h2', null, [ch.name])];
      if (!ch.final) parts.push(el('p', { class: 'muted' }, ['Drops of the final standings not yet applied.']));
      parts.push(table({ class: 'live-table' },
        [['Pos', 1], ['+/-', 1], ['Competitor'], ['Points', 1], ['Race', 1]],
        ch.rows.map(function (r) {
          var dir = r.change === null ? '' : r.change > 0 ? 'up' : r.change < 0 ? 'down' : '';
          return el('tr', null, [
            el('td', { class: 'num' }, [r.position + (r.shared ? '=' : '')]),
            el('td', { class: 'num ' + dir }, [r.change === null ? 'new' : signed(r.change)]),
            el('td', { class: 'competitor' }, [r.competitor.name]),
            el('td', { class: 'num' }, [String(r.points)]),
            el('td', { class: 'num' }, [gained(r.gained)]),
          ]);
        })));
      grid.appendChild(el('section', { class: 'live-championship', 'data-championship': ch.id }, parts));
    });
    body.appendChild(grid);
    var old = document.getElementById('live-body');
    old.parentNode.replaceChild(body, old);
    var form = document.getElementById('live-save');
    var save = form && form.querySelector('button[type=submit]');
    if (save && doc.finished && form.getAttribute('data-session') === doc.session.id) {
      save.disabled = false;
      var note = document.getElementById('live-save-note');
      if (note) note.parentNode.removeChild(note);
    }
  }

  // The document last received whole or patched (src/live/live-patch.ts makes the patches: keep
  // applyPatch its mirror).
  var held = null;
  function applyRows(rows, patch) {
    var out = rows.slice(0, patch.length);
    for (var i in patch.at) out[Number(i)] = patch.at[i];
    return out;
  }
  function applyPatch(doc, p) {
    return {
      seq: p.seq, season: doc.season, session: doc.session, flag: p.flag, lapsToGo: p.lapsToGo,
      finished: p.finished, order: applyRows(doc.order, p.order), unmatched: p.unmatched,
      championships: doc.championships.map(function (c, i) {
        return { id: c.id, name: c.name, final: p.championships[i].final, rows: applyRows(c.rows, p.championships[i].rows) };
      })
    };
  }
  function show(doc) {
    held = doc;
    var shown = document.getElementById('live-body');
    if (shown && Number(shown.getAttribute('data-seq')) === doc.seq && shown.getAttribute('data-session') === doc.session.id) return;
    render(doc);
    document.getElementById('live-body').setAttribute('data-session', doc.session.id);
  }
  var source;
  function connect() {
    source = new EventSource(root.getAttribute('data-sse'));
    source.addEventListener('standings', function (e) {
      var doc;
      try { doc = JSON.parse(e.data); } catch (err) { return; }
      show(doc);
    });
    source.addEventListener('patch', function (e) {
      var p;
      try { p = JSON.parse(e.data); } catch (err) { p = null; }
      if (p && held && held.seq === p.base) return show(applyPatch(held, p));
      // A patch to a document this page does not hold: start again from a whole one.
      held = null;
      source.close();
      connect();
    });
    source.onopen = function () { if (connection) connection.textContent = 'Live: the championships as they stand if the race ended now, updated as the running order changes.'; root.setAttribute('data-connected', '1'); };
    source.onerror = function () { if (connection) connection.textContent = 'Connection lost; reconnecting...'; root.setAttribute('data-connected', '0'); };
  }
  connect();
})();
`;
