// The teacher's dashboard: reads /api/dashboard every few seconds and redraws.
// Texts from the database (comments) are only ever set with textContent.
(function () {
  "use strict";
  var root = document.getElementById("dashboard");
  var charts = window.ClimabotCharts;
  if (!root || !charts) return;
  var api = root.dataset.api;
  var exportUrl = root.dataset.export;
  // The session shown: ?session=<id> in the page's address, else the latest (the API's choice).
  var chosen = new URLSearchParams(window.location.search).get("session") || "";
  var every = Math.max(2, Number(root.dataset.refreshSeconds) || 5) * 1000;
  var COLORS = { good: "#2f9e5b", mid: "#e0a526", bad: "#d64545", brand: "#0e4d64", accent: "#f28c28" };
  var CSAT = [
    ["tres_satisfait", "Très satisfait", "#2f9e5b"],
    ["satisfait", "Satisfait", "#7cc494"],
    ["insatisfait", "Insatisfait", "#ee9a6b"],
    ["tres_insatisfait", "Très insatisfait", "#d64545"]
  ];
  var CES_COLORS = ["#2f9e5b", "#7cc494", "#e0a526", "#ee9a6b", "#d64545"];
  var REQUESTS = [
    ["appointments", "Rendez-vous", "#0e4d64"],
    ["reservations", "Click and collect", "#f28c28"],
    ["callbacks", "Rappels", "#5b8fa3"],
    ["quotes", "Devis", "#8a6cc2"]
  ];
  var CSAT_NAMES = {};
  CSAT.forEach(function (c) { CSAT_NAMES[c[0]] = c[1]; });

  function number(value, sign) {
    if (value === null || value === undefined) return "–";
    var rounded = Math.round(value * 10) / 10;
    var text = String(Math.abs(rounded)).replace(".", ",");
    if (rounded < 0) return "−" + text;
    return (sign && rounded > 0 ? "+" : "") + text;
  }

  function count(n, word) {
    return n + " " + word + (n > 1 ? "s" : "");
  }

  function field(name) {
    return root.querySelector('[data-field="' + name + '"]') ||
      document.querySelector('[data-field="' + name + '"]');
  }

  function setText(name, text) {
    var node = field(name);
    if (node) node.textContent = text;
  }

  function setValue(name, main, unit, tone) {
    var node = field(name);
    if (!node) return;
    node.replaceChildren(document.createTextNode(main));
    if (unit && main !== "–") {
      var small = document.createElement("small");
      small.textContent = unit;
      node.appendChild(small);
    }
    node.dataset.tone = tone || "";
  }

  function chart(name) {
    return root.querySelector('[data-chart="' + name + '"]');
  }

  function npsColor(note) {
    return note >= 9 ? COLORS.good : note >= 7 ? COLORS.mid : COLORS.bad;
  }

  function renderNps(nps, notes, tone, note) {
    setValue("nps-value", number(nps.score, true), "", tone);
    setText("nps-count", count(nps.responses, "réponse"));
    setText("nps-det", nps.detractors);
    setText("nps-pas", nps.passives);
    setText("nps-pro", nps.promoters);
    setText("nps-note", note || "");
    charts.columns(chart("nps"), Object.keys(notes).map(function (key) {
      return { label: key, value: notes[key], color: npsColor(Number(key)) };
    }), { unit: "/10" });
  }

  function renderCsat(csat, tone, note) {
    setValue("csat-value", number(csat.score), " %", tone);
    setText("csat-count", count(csat.responses, "réponse"));
    setText("csat-note", note || "");
    charts.rows(chart("csat"), CSAT.map(function (c) {
      return { label: c[1], value: csat.distribution[c[0]] || 0, color: c[2] };
    }));
  }

  function renderCes(ces, tone, note) {
    setValue("ces-value", number(ces.mean), " / 5", tone);
    setText("ces-count", count(ces.responses, "réponse"));
    setText("ces-note", note || "");
    charts.columns(chart("ces"), ["1", "2", "3", "4", "5"].map(function (key, index) {
      return { label: key, value: ces.distribution[key] || 0, color: CES_COLORS[index] };
    }), { unit: "/5" });
  }

  function percentText(rate) {
    return rate === null || rate === undefined ? "–" : number(rate) + " %";
  }

  function renderActivity(requests, sav) {
    setText("conv-total", sav.conversations);
    setText("conv-sav", sav.after_sales);
    setText("conv-handoffs", sav.handed);
    setText("containment", percentText(sav.containment_rate));
    charts.ring(chart("containment"), sav.containment_rate, COLORS.good);
    setText("requests-total", REQUESTS.reduce(function (sum, r) { return sum + (requests[r[0]] || 0); }, 0));
    charts.rows(chart("requests"), REQUESTS.map(function (r) {
      return { label: r[1], value: requests[r[0]] || 0, color: r[2] };
    }));
  }

  function when(iso) {
    var date = new Date(iso);
    if (isNaN(date.getTime())) return "";
    return date.toLocaleString("fr-FR", {
      timeZone: "Europe/Paris", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit"
    });
  }

  function tag(text) {
    var span = document.createElement("span");
    span.className = "tag";
    span.textContent = text;
    return span;
  }

  function renderComments(comments) {
    var list = document.getElementById("comments");
    var empty = document.getElementById("comments-empty");
    list.replaceChildren();
    empty.hidden = comments.length > 0;
    comments.forEach(function (c) {
      var item = document.createElement("li");
      item.className = "comment";
      item.dataset.tone = c.tone || "";
      var text = document.createElement("p");
      text.className = "comment-text";
      text.textContent = c.comment;
      var meta = document.createElement("div");
      meta.className = "comment-meta";
      meta.appendChild(document.createTextNode(when(c.created_at)));
      if (c.nps !== null) meta.appendChild(tag("NPS " + c.nps + "/10"));
      if (c.csat) meta.appendChild(tag(CSAT_NAMES[c.csat] || c.csat));
      if (c.ces !== null) meta.appendChild(tag("Effort " + c.ces + "/5"));
      item.appendChild(text);
      item.appendChild(meta);
      list.appendChild(item);
    });
  }

  function renderMissed(missed) {
    var list = document.getElementById("missed");
    document.getElementById("missed-empty").hidden = missed.length > 0;
    list.replaceChildren();
    missed.forEach(function (m) {
      var item = document.createElement("li");
      item.textContent = m.title + " — " + m.wrong + (m.wrong > 1 ? " erreurs" : " erreur");
      list.appendChild(item);
    });
  }

  function renderTally(id, items) {
    var list = document.getElementById(id);
    list.replaceChildren();
    items.forEach(function (i) {
      var item = document.createElement("li");
      if (!i.count) item.dataset.zero = "";
      var label = document.createElement("span");
      label.textContent = i.label;
      var value = document.createElement("b");
      value.textContent = i.count;
      item.appendChild(label);
      item.appendChild(value);
      list.appendChild(item);
    });
  }

  function renderAfterSales(a) {
    if (!a) return;
    setText("complaints-total", a.complaints.total);
    setText("urgent-total", a.urgent.total);
    setText("priority-callbacks", a.priority_callbacks);
    renderTally("complaint-categories", a.complaints.categories);
    renderTally("urgencies", a.urgent.urgencies);
  }

  function renderResolution(sav) {
    var r = sav.resolution;
    setText("resolution", percentText(r.rate));
    charts.ring(chart("resolution"), r.rate, COLORS.brand);
    ["confirmed", "assumed", "undone", "unresolved", "pending"].forEach(function (key) {
      setText("res-" + key, r[key]);
    });
    setText("res-handed", sav.handed);
  }

  function cell(text, className) {
    var td = document.createElement("td");
    td.textContent = text;
    if (className) td.className = className;
    return td;
  }

  function renderTopics(topics) {
    var body = document.getElementById("topics");
    document.getElementById("topics-empty").hidden = topics.length > 0;
    body.closest("table").hidden = topics.length === 0;
    body.replaceChildren();
    topics.forEach(function (t) {
      var row = document.createElement("tr");
      row.dataset.topic = t.topic;
      var name = document.createElement("th");
      name.scope = "row";
      name.textContent = t.label;
      row.appendChild(name);
      row.appendChild(cell(t.bot, "topic-bot"));
      row.appendChild(cell(t.person, "topic-person"));
      var bar = cell("", "topics-bar");
      var fill = document.createElement("span");
      fill.className = "bar";
      fill.style.width = (t.total ? Math.round(100 * t.bot / t.total) : 0) + "%";
      bar.appendChild(fill);
      row.appendChild(bar);
      body.appendChild(row);
    });
  }

  function sessionLabel(s) {
    return "Séance du " + when(s.started_at) + (s.ends_at ? "" : " (en cours)");
  }

  function renderSession(session) {
    var select = document.getElementById("session-select");
    var current = session.current;
    select.hidden = session.all.length === 0;
    document.getElementById("session-none").hidden = session.all.length > 0;
    var wanted = session.all.map(function (s) { return String(s.id); }).join(",");
    if (select.dataset.ids !== wanted) {
      select.replaceChildren();
      session.all.forEach(function (s) {
        var option = document.createElement("option");
        option.value = String(s.id);
        option.textContent = sessionLabel(s);
        select.appendChild(option);
      });
      select.dataset.ids = wanted;
    }
    if (current) select.value = String(current.id);
    var info = document.getElementById("session-info");
    info.textContent = current
      ? "Chiffres de la séance commencée le " + when(current.started_at) +
        (current.ends_at ? ", terminée le " + when(current.ends_at) : "") + "."
      : "Chiffres de toutes les conversations enregistrées.";
    document.getElementById("export").href = exportUrl + (current ? "?session=" + current.id : "");
  }

  function render(data) {
    var i = data.indicators, tones = data.tones || {}, notes = data.interpretation || [];
    var sav = data.session_after_sales;
    renderSession(data.session);
    renderNps(i.nps, data.nps_notes, tones.nps, notes[0]);
    renderCsat(i.csat, tones.csat, notes[1]);
    renderCes(i.ces, tones.ces, notes[2]);
    renderActivity(i.requests, sav);
    renderResolution(sav);
    renderTopics(sav.topics);
    renderComments(data.comments || []);
    renderMissed(data.missed_concepts || []);
    renderAfterSales(data.after_sales);
  }

  function status(state, text) {
    var live = document.getElementById("live");
    live.dataset.state = state;
    document.getElementById("live-text").textContent = text;
  }

  var timer = null;

  function refresh() {
    window.clearTimeout(timer);
    var url = api + (chosen ? "?session=" + encodeURIComponent(chosen) : "");
    fetch(url, { credentials: "same-origin", cache: "no-store", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (response.status === 401) {
          window.location.assign("/dashboard");
          throw new Error("session expirée");
        }
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.json();
      })
      .then(function (data) {
        render(data);
        var time = new Date().toLocaleTimeString("fr-FR", { hour: "2-digit", minute: "2-digit", second: "2-digit" });
        status("ok", "En direct · mis à jour à " + time);
      })
      .catch(function (error) {
        status("error", "Hors ligne (" + error.message + "), nouvel essai…");
      })
      .finally(function () {
        window.clearTimeout(timer);
        timer = window.setTimeout(refresh, every);
      });
  }

  document.getElementById("session-select").addEventListener("change", function (event) {
    chosen = event.target.value;
    window.history.replaceState(null, "", "/dashboard?session=" + encodeURIComponent(chosen));
    refresh();
  });

  refresh();
})();
