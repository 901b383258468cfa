// The live flow page: one snapshot a second over server-sent events, drawn without a reload.
(function () {
  "use strict";
  var text = window.FLOW_TEXT;
  var live = document.getElementById("live");
  var lang = document.documentElement.lang || "en";
  var number = new Intl.NumberFormat(lang, { maximumFractionDigits: 1 });
  var kinds = ["received", "assigned", "reassigned", "accepted", "declined", "expired", "unroutable"];
  var lastSeen = 0;

  function duration(ms) {
    if (ms === null || ms === undefined) { return "–"; }
    if (ms < 1000) { return number.format(ms) + " ms"; }
    if (ms < 60000) { return number.format(ms / 1000) + " s"; }
    if (ms < 3600000) { return number.format(ms / 60000) + " min"; }
    return number.format(ms / 3600000) + " h";
  }

  function cell(row, content) {
    var td = document.createElement("td");
    if (content instanceof Node) { td.appendChild(content); } else { td.textContent = content === null || content === undefined ? "" : content; }
    row.appendChild(td);
    return td;
  }

  function drawChart(minutes) {
    var svg = document.getElementById("chart");
    var max = 1;
    minutes.forEach(function (m) { max = Math.max(max, m.counts.received, m.counts.assigned); });
    var width = 600 / minutes.length;
    var parts = [];
    var line = [];
    minutes.forEach(function (m, i) {
      var h = 150 * m.counts.received / max;
      parts.push('<rect x="' + (i * width + 1) + '" y="' + (155 - h) + '" width="' + (width - 2) + '" height="' + h + '" fill="#9db8e3"><title>' +
        new Date(m.start).toLocaleTimeString(lang) + ": " + m.counts.received + "</title></rect>");
      line.push((i * width + width / 2) + "," + (155 - 150 * m.counts.assigned / max));
    });
    parts.push('<polyline fill="none" stroke="#1f5fbf" stroke-width="2" points="' + line.join(" ") + '"/>');
    svg.innerHTML = parts.join("");
  }

  function draw(flow) {
    lastSeen = Date.now();
    live.textContent = text.live;
    live.classList.remove("stale");
    kinds.forEach(function (kind) {
      var element = document.getElementById("total-" + kind);
      if (element) { element.textContent = number.format(flow.lastHour[kind] || 0); }
    });
    document.getElementById("assign-p50").textContent = duration(flow.toAssign.p50);
    document.getElementById("assign-p90").textContent = duration(flow.toAssign.p90);
    document.getElementById("accept-p50").textContent = duration(flow.toAccept.p50);
    document.getElementById("accept-p90").textContent = duration(flow.toAccept.p90);
    drawChart(flow.minutes);
    var recent = document.querySelector("#recent tbody");
    recent.innerHTML = "";
    flow.recent.forEach(function (lead) {
      var row = document.createElement("tr");
      row.dataset.lead = lead.leadId;
      var time = document.createElement("time");
      time.setAttribute("datetime", lead.receivedAt || "");
      cell(row, time);
      var link = document.createElement("a");
      link.href = "leads/" + lead.leadId;
      link.textContent = lead.leadId.substring(0, 8);
      cell(row, link);
      cell(row, text.states[lead.state] || lead.state).className = "state-" + lead.state.toLowerCase();
      cell(row, lead.country);
      cell(row, (lead.asked || []).join(", "));
      cell(row, lead.partnerName);
      recent.appendChild(row);
    });
    window.LeadRelay.localise(recent);
    var lag = document.querySelector("#lag tbody");
    lag.innerHTML = "";
    Object.keys(flow.lag).sort().forEach(function (group) {
      var row = document.createElement("tr");
      cell(row, group);
      cell(row, number.format(flow.lag[group]));
      lag.appendChild(row);
    });
  }

  var source = new EventSource("flow/stream");
  source.addEventListener("flow", function (event) { draw(JSON.parse(event.data)); });
  setInterval(function () {
    if (Date.now() - lastSeen > 5000) {
      live.textContent = text.stale;
      live.classList.add("stale");
    }
  }, 1000);
})();
