// Live updates for the staff dashboard (no build step): Server-Sent Events, countdowns, snippets, alerts.
(function () {
  "use strict";
  var body = document.body;
  var page = body.dataset.page;

  function fmt(seconds) {
    var minutes = Math.floor(Math.max(0, seconds) / 60);
    if (minutes >= 60) return Math.floor(minutes / 60) + " h " + String(minutes % 60).padStart(2, "0") + " min";
    return minutes + " min";
  }

  function limaTime(epoch) {
    // The same "dd/mm HH:MM" in Lima time as the server renders.
    var parts = {};
    new Intl.DateTimeFormat("es-PE", {timeZone: "America/Lima", day: "2-digit", month: "2-digit", hour: "2-digit",
      minute: "2-digit", hour12: false}).formatToParts(new Date(epoch * 1000)).forEach(function (p) { parts[p.type] = p.value; });
    return parts.day + "/" + parts.month + " " + parts.hour + ":" + parts.minute;
  }

  function tick() {
    var now = Date.now() / 1000;
    document.querySelectorAll("[data-since]").forEach(function (el) { el.textContent = fmt(now - parseFloat(el.dataset.since)); });
    document.querySelectorAll("[data-deadline]").forEach(function (el) {
      var left = parseFloat(el.dataset.deadline) - now;
      el.textContent = left > 0 ? fmt(left) : "cerrada";
      el.classList.toggle("closing", left < 3600);
    });
  }

  var audio = null;
  document.addEventListener("click", function () {
    // Browsers only allow sound after the person has interacted with the page.
    if (!audio && window.AudioContext) audio = new AudioContext();
  }, {once: true});

  function beep() {
    if (!audio) return;
    var osc = audio.createOscillator(), gain = audio.createGain();
    osc.frequency.value = 880; gain.gain.value = 0.2;
    osc.connect(gain); gain.connect(audio.destination);
    osc.start(); osc.stop(audio.currentTime + 0.6);
  }

  var baseTitle = document.title;
  function alertUrgent(caseId) {
    var box = document.getElementById("alert");
    box.textContent = "Nuevo caso URGENTE: " + caseId;
    box.hidden = false;
    document.title = "(!) URGENTE · " + baseTitle;
    beep();
  }
  document.addEventListener("visibilitychange", function () { if (!document.hidden) document.title = baseTitle; });

  function connect(url, handlers) {
    var live = document.getElementById("live");
    var source = new EventSource(url);
    source.onopen = function () { body.dataset.live = "1"; if (live) live.classList.remove("off"); };
    Object.keys(handlers).forEach(function (name) {
      source.addEventListener(name, function (e) { handlers[name](JSON.parse(e.data), e); });
    });
    source.addEventListener("expired", function () { window.location = body.dataset.login; });
    source.onerror = function () {
      body.dataset.live = "";
      if (live) live.classList.add("off");
      if (source.readyState !== EventSource.CLOSED) return;  // the browser reconnects by itself
      fetch(body.dataset.ping, {credentials: "same-origin"}).then(function (res) {
        if (res.status === 401) window.location = body.dataset.login;
        else setTimeout(function () { connect(url, handlers); }, 3000);
      }, function () { setTimeout(function () { connect(url, handlers); }, 5000); });
    };
    return source;
  }

  function refreshRows() {
    return fetch(body.dataset.rows, {credentials: "same-origin"}).then(function (res) {
      if (res.status === 401) { window.location = body.dataset.login; return; }
      return res.text().then(function (html) { document.getElementById("rows").innerHTML = html; tick(); });
    });
  }

  if (page === "queue") {
    connect(body.dataset.events, {
      case: function (event) {
        if (event.type === "message" || event.type === "note") return;  // the queue shows neither
        refreshRows();
        if (event.priority === "urgent" && (event.type === "opened" || event.type === "raised")) alertUrgent(event.id);
      }
    });
  }

  if (page === "case") {
    var list = document.getElementById("transcript");
    connect(body.dataset.events, {
      message: function (m) {
        var li = document.createElement("li"), meta = document.createElement("span"), text = document.createElement("span");
        li.className = "msg " + (m.direction === "in" ? "in" : "out");
        meta.className = "meta"; meta.textContent = m.author + " · " + limaTime(m.at);
        text.className = "text"; text.textContent = m.text;
        li.appendChild(meta); li.appendChild(text); list.appendChild(li);
        list.scrollTop = list.scrollHeight;
      },
      case: function (event) {
        var status = document.getElementById("status");
        if (status && event.type !== "note") status.textContent = "Actualizado: " + ({open: "Abierto", claimed: "Tomado", closed: "Cerrado"}[event.status] || event.status) + " (recarga la página)";
      }
    });
    document.querySelectorAll("[data-snippet]").forEach(function (button) {
      button.addEventListener("click", function () {
        var box = document.getElementById("reply-text");
        box.value = (box.value ? box.value + "\n" : "") + button.dataset.snippet;
        box.focus();
      });
    });
  }

  tick();
  setInterval(tick, 30000);
})();
