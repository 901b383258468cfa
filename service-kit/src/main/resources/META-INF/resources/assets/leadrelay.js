// Lead Relay's pages: every <time datetime="..."> shown in the reader's language and time zone.
(function () {
  "use strict";
  var lang = document.documentElement.lang || navigator.language || "en";
  var full = new Intl.DateTimeFormat(lang, { dateStyle: "medium", timeStyle: "medium" });
  var day = new Intl.DateTimeFormat(lang, { dateStyle: "long" });
  function localise(root) {
    (root || document).querySelectorAll("time[datetime]").forEach(function (element) {
      var when = new Date(element.getAttribute("datetime"));
      if (isNaN(when.getTime())) {
        return;
      }
      element.textContent = element.dataset.format === "date" ? day.format(when) : full.format(when);
      element.title = when.toISOString();
    });
  }
  window.LeadRelay = { localise: localise, format: function (iso) { return full.format(new Date(iso)); } };
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { localise(); });
  } else {
    localise();
  }
})();
