/**
 * The self-test's browser code, served as /self-test.js (the page's CSP allows scripts from 'self'
 * only, never inline). It reads its settings and words from the page's JSON block and writes every
 * result with textContent, so nothing it shows (a server URL, a translated sentence) is ever markup.
 * Plain ES2017, no build step: it runs in any browser a care provider may have.
 */
export const SELF_TEST_SCRIPT = `'use strict';
(function () {
  var config = JSON.parse(document.getElementById('self-test-config').textContent);
  var m = config.messages;
  var list = document.getElementById('results');
  var summary = document.getElementById('summary');
  var button = document.getElementById('start');

  function fill(template, values) {
    return template.replace(/\\{(ms|server)\\}/g, function (_, k) { return String(values[k]); });
  }
  function show(id, name, ok, text) {
    var li = document.createElement('li');
    li.setAttribute('data-testid', id);
    li.setAttribute('data-ok', ok ? 'true' : 'false');
    var b = document.createElement('strong');
    b.textContent = (ok ? '\\u2714 ' : '\\u2716 ') + name + ': ';
    li.appendChild(b);
    li.appendChild(document.createTextNode(text));
    list.appendChild(li);
    return ok;
  }
  function withTimeout(promise, ms) {
    return Promise.race([promise, new Promise(function (_, reject) { setTimeout(function () { reject(new Error('timeout')); }, ms); })]);
  }

  function api() {
    var times = [];
    var chain = Promise.resolve();
    for (var i = 0; i < 5; i++) {
      chain = chain.then(function () {
        var t0 = performance.now();
        return withTimeout(fetch(config.pingPath, { cache: 'no-store' }), 5000).then(function (r) {
          if (!r.ok) throw new Error('status ' + r.status);
          times.push(performance.now() - t0);
        });
      });
    }
    return chain.then(function () {
      times.sort(function (a, b) { return a - b; });
      var ms = Math.round(times[Math.floor(times.length / 2)]);
      return show('api', m.api.name, true, fill(ms > config.slowMs ? m.api.slow : m.api.ok, { ms: ms }));
    }, function () { return show('api', m.api.name, false, m.api.fail); });
  }

  function websocket() {
    return withTimeout(new Promise(function (resolve, reject) {
      var url = (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + config.echoPath;
      var token = 'self-test-' + Math.random().toString(36).slice(2);
      var ws = new WebSocket(url);
      ws.onopen = function () { ws.send(token); };
      ws.onmessage = function (e) { ws.close(); e.data === token ? resolve() : reject(new Error('echo')); };
      ws.onerror = function () { reject(new Error('error')); };
    }), 5000).then(function () { return show('websocket', m.websocket.name, true, m.websocket.ok); },
      function () { return show('websocket', m.websocket.name, false, m.websocket.fail); });
  }

  // One peer connection per configured server: a candidate of type srflx proves the STUN server
  // answered, one of type relay that the TURN server allocated a relay for us; a 401 error that
  // it answered and refused the credentials.
  function gather(server) {
    var url = [].concat(server.urls)[0];
    var turn = /^turns?:/.test(url);
    return new Promise(function (resolve) {
      var pc;
      try { pc = new RTCPeerConnection({ iceServers: [server], iceTransportPolicy: turn ? 'relay' : 'all' }); }
      catch (e) { resolve('fail'); return; }
      var found = false;
      var refused = false;
      var done = function () { if (pc) { pc.close(); pc = null; resolve(found ? 'ok' : refused ? 'refused' : 'fail'); } };
      // Browsers report a 401 once their credentials were refused (long-term credentials, RFC 8489 §9.2).
      pc.onicecandidateerror = function (e) { if (e.errorCode === 401) refused = true; };
      pc.onicecandidate = function (e) {
        if (!e.candidate) { done(); return; }
        if (/ typ (srflx|relay)( |$)/.test(e.candidate.candidate)) { found = true; done(); }
      };
      pc.onicegatheringstatechange = function () { if (pc && pc.iceGatheringState === 'complete') done(); };
      pc.createDataChannel('self-test');
      pc.createOffer().then(function (o) { return pc && pc.setLocalDescription(o); }).catch(done);
      setTimeout(done, config.iceTimeoutMs);
    }).then(function (result) {
      var ok = result === 'ok';
      var text = fill(ok ? (turn ? m.webrtc.turnOk : m.webrtc.stunOk) : result === 'refused' ? m.webrtc.refused : m.webrtc.fail, { server: url });
      return show('webrtc', m.webrtc.name, ok, text);
    });
  }

  function webrtc() {
    if (typeof RTCPeerConnection !== 'function') return Promise.resolve(show('webrtc', m.webrtc.name, false, m.webrtc.unsupported));
    if (config.iceServers.length === 0) return Promise.resolve(show('webrtc', m.webrtc.name, true, m.webrtc.none));
    return Promise.all(config.iceServers.map(gather)).then(function (oks) { return oks.every(Boolean); });
  }

  function run() {
    button.disabled = true;
    list.textContent = '';
    summary.textContent = m.running;
    summary.removeAttribute('data-ok');
    api().then(function (a) {
      return websocket().then(function (w) {
        return webrtc().then(function (r) { return a && w && r; });
      });
    }).then(function (ok) {
      summary.textContent = ok ? m.summary.ok : m.summary.fail;
      summary.setAttribute('data-ok', ok ? 'true' : 'false');
      button.disabled = false;
    });
  }
  button.addEventListener('click', run);
  button.hidden = false;
  document.getElementById('no-script').hidden = true;
  if (/[?&]autostart=1(&|$)/.test(location.search)) run();
})();
`;
