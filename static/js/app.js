/* Mang Bagja: small progressive enhancements. Every page works without this file. */
(function () {
  "use strict";

  // Forms marked data-confirm ask before submitting (deleting a Plt/Plh assignment).
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var message = form.getAttribute && form.getAttribute("data-confirm");
    if (message && !window.confirm(message)) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  }, true);

  // A second click on "Simpan"/"Hapus" while a slow connection is still sending would post twice: after the first
  // submit of a POST form its buttons are disabled until the next page arrives.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (event.defaultPrevented || (form.method || "").toLowerCase() !== "post") return;
    if (form.dataset.terkirim) { event.preventDefault(); return; }
    form.dataset.terkirim = "1";
    window.setTimeout(function () {
      form.querySelectorAll("button[type=submit], input[type=submit]").forEach(function (b) { b.disabled = true; });
    }, 0);
  });
  // A form that can take a while (an import checks every row of a large file before it writes) says so once sent,
  // under its button, so nobody reloads or leaves a page that is still working: the message is data-proses on the
  // button that sent it, or on the form. The status region is added empty and then filled, so screen readers
  // announce it.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (event.defaultPrevented || form.querySelector("[data-proses-status]")) return;
    var tombol = event.submitter;
    var pesan = (tombol && tombol.getAttribute("data-proses")) || form.getAttribute("data-proses");
    if (!pesan) return;
    var status = document.createElement("p");
    status.className = "small text-body-secondary mt-2 mb-0";
    status.setAttribute("role", "status");
    status.setAttribute("data-proses-status", "");
    form.appendChild(status);
    var putar = document.createElement("span");
    putar.className = "spinner-border spinner-border-sm me-2";
    putar.setAttribute("aria-hidden", "true");
    status.appendChild(putar);
    status.appendChild(document.createTextNode(pesan));
  });
  // Coming back with the browser's Back button shows the cached page: make its forms usable again.
  window.addEventListener("pageshow", function () {
    document.querySelectorAll("form[data-terkirim]").forEach(function (form) {
      delete form.dataset.terkirim;
      form.querySelectorAll("button[type=submit], input[type=submit]").forEach(function (b) { b.disabled = false; });
    });
    document.querySelectorAll("[data-proses-status]").forEach(function (el) { el.remove(); });
  });

  // A refused form shows its errors where the user is: after a full page that comes back with errors, or an htmx
  // swap answered 422, the page scrolls to the first error and moves the keyboard focus there, so nobody is left
  // at the top of a long page (or at the button they pressed) with the message off-screen. The first error is an
  // invalid field (.is-invalid, the message sits beside it and the alert above is announced by its role) or a
  // message marked data-galat (errors of the whole form, a refused button, an error message of the portal).
  var GALAT = "[data-galat], input.is-invalid, select.is-invalid, textarea.is-invalid, .is-invalid";
  function fokusGalat(root) {
    var el = root.querySelector(GALAT);
    if (!el) return false;
    if (!el.matches("input, select, textarea, button, [tabindex]")) {
      var isian = el.querySelector("input:not([type=hidden]), select, textarea");
      if (isian) el = isian; else el.setAttribute("tabindex", "-1");
    }
    // "instant": Bootstrap makes scrolling smooth, and a half-finished glide leaves the error off-screen for a while.
    el.scrollIntoView({ block: "center", behavior: "instant" });
    el.focus({ preventScroll: true });
    return true;
  }
  document.addEventListener("DOMContentLoaded", function () { fokusGalat(document); });
  document.addEventListener("htmx:afterSettle", function (event) {
    var xhr = event.detail && event.detail.xhr;
    // afterSettle fires once per swapped element; one refused request moves the focus once.
    if (!xhr || xhr.status !== 422 || xhr.fokusGalat) return;
    var root = event.target && event.target.isConnected ? event.target : document;
    xhr.fokusGalat = fokusGalat(root) || fokusGalat(document);
  });

  // Filter forms marked data-autosubmit apply a drop-down choice at once (the unit list depends on the OPD).
  document.addEventListener("change", function (event) {
    var field = event.target;
    if (field.tagName !== "SELECT") return;
    var form = field.form;
    if (!form || !form.hasAttribute("data-autosubmit")) return;
    if (field.name === "opd" && form.elements.unit) form.elements.unit.value = "";
    if (typeof form.requestSubmit === "function") form.requestSubmit(); else form.submit();
  });

  // "Buka semua" / "Tutup semua" above the organisation tree.
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-buka-pohon]");
    if (!button) return;
    var open = button.getAttribute("data-buka-pohon") === "buka";
    document.querySelectorAll(".pohon details").forEach(function (d) { d.open = open; });
  });

  // Charts: <canvas data-grafik="id-of-json-script" data-judul="…">; Chart.js is loaded only on pages with one.
  // The JSON holds labels and data (one series) or datasets ([{label, data}], several); optional: persen (a 0–100 %
  // axis), tautan (the page behind each label: a click on its bar or point opens it). data-jenis="line" draws a
  // trend. A horizontal chart grows with its rows so each label stays readable.
  var angka = new Intl.NumberFormat("id-ID");
  var warna = ["#0f4c75", "#d97706", "#2a9d8f", "#8d5a97", "#6c757d"];
  function gambarGrafik(root) {
    if (typeof window.Chart === "undefined") return;
    root.querySelectorAll("canvas[data-grafik]").forEach(function (canvas) {
      if (canvas.dataset.digambar) return;
      var source = document.getElementById(canvas.dataset.grafik);
      if (!source) return;
      var data = JSON.parse(source.textContent);
      var horizontal = canvas.dataset.arah === "horizontal";
      var garis = canvas.dataset.jenis === "line";
      var datasets = (data.datasets || [{ label: canvas.dataset.judul || "", data: data.data }]).map(function (d, i) {
        return { label: d.label, data: d.data, backgroundColor: warna[i % warna.length], borderColor: warna[i % warna.length], borderRadius: 4 };
      });
      if (horizontal) {
        canvas.parentNode.style.height = Math.max(260, data.labels.length * (datasets.length * 10 + 8) + 60) + "px";
      }
      var nilai = { beginAtZero: true, ticks: { precision: 0 } };
      if (data.persen) {
        nilai = { beginAtZero: true, suggestedMax: 100, ticks: { callback: function (v) { return angka.format(v) + "%"; } } };
      }
      var label = { ticks: { autoSkip: garis } };
      canvas.dataset.digambar = "1";
      new window.Chart(canvas, {
        type: garis ? "line" : "bar",
        data: { labels: data.labels, datasets: datasets },
        options: {
          indexAxis: horizontal ? "y" : "x",
          locale: "id-ID",
          maintainAspectRatio: false,
          animation: false, // older office PCs and cheap phones: draw once, no animation
          plugins: {
            legend: { display: datasets.length > 1, position: "bottom" },
            tooltip: { callbacks: { label: function (ctx) {
              var v = ctx.parsed[horizontal ? "x" : "y"];
              return (datasets.length > 1 ? ctx.dataset.label + ": " : "") + angka.format(v) + (data.persen ? "%" : "");
            } } }
          },
          scales: horizontal ? { x: nilai, y: label } : { x: label, y: nilai },
          onClick: function (event, elements) {
            if (data.tautan && elements.length && data.tautan[elements[0].index]) {
              window.location.assign(data.tautan[elements[0].index]);
            }
          },
          onHover: function (event, elements) {
            if (event.native) event.native.target.style.cursor = data.tautan && elements.length ? "pointer" : "default";
          }
        }
      });
    });
  }
  document.addEventListener("DOMContentLoaded", function () { gambarGrafik(document); });
  document.addEventListener("htmx:afterSettle", function (event) { gambarGrafik(event.target); });

  // A table wider than its box scrolls sideways inside it, which nothing showed (text columns wrap, number columns
  // do not, so the cut looks like the table's end). The box fades out on the side that has more columns
  // (static/css/app.css, .geser-kiri / .geser-kanan), updated as it scrolls or changes size.
  var geserTabel = window.ResizeObserver ? new ResizeObserver(function (entries) {
    entries.forEach(function (e) { tandaiGeser(e.target); });
  }) : null;
  function tandaiGeser(kotak) {
    var sisa = kotak.scrollWidth - kotak.clientWidth;
    kotak.classList.toggle("geser-kiri", sisa > 1 && kotak.scrollLeft > 1);
    kotak.classList.toggle("geser-kanan", sisa > 1 && kotak.scrollLeft < sisa - 1);
  }
  function pantauGeser(root) {
    root.querySelectorAll(".table-responsive, .table-responsive-md").forEach(function (kotak) {
      if (kotak.dataset.geser) { return; }
      kotak.dataset.geser = "1";
      kotak.addEventListener("scroll", function () { tandaiGeser(kotak); }, { passive: true });
      if (geserTabel) { geserTabel.observe(kotak); }
      tandaiGeser(kotak);
    });
  }
  document.addEventListener("DOMContentLoaded", function () { pantauGeser(document); });
  document.addEventListener("htmx:afterSettle", function (event) { pantauGeser(event.target); });

  // An htmx request answered 4xx/5xx (other than a form's 422, which is swapped in) or lost on the network swaps
  // nothing: say so above the page, in the words of #galat-htmx (base.html), instead of leaving a dead button.
  function galatHtmx(kunci) {
    var wadah = document.getElementById("galat-htmx");
    if (!wadah) return;
    var alert = document.createElement("div");
    alert.className = "alert alert-danger alert-dismissible fade show";
    alert.setAttribute("role", "alert");
    alert.setAttribute("data-galat", "");
    alert.textContent = wadah.getAttribute("data-pesan-" + kunci) || wadah.getAttribute("data-pesan-5xx");
    var tutup = document.createElement("button");
    tutup.type = "button";
    tutup.className = "btn-close";
    tutup.setAttribute("data-bs-dismiss", "alert");
    tutup.setAttribute("aria-label", wadah.getAttribute("data-tutup"));
    alert.appendChild(tutup);
    wadah.replaceChildren(alert);
    alert.scrollIntoView({ block: "center", behavior: "instant" });
  }
  document.addEventListener("htmx:responseError", function (event) {
    var status = event.detail.xhr ? event.detail.xhr.status : 0;
    galatHtmx(status >= 500 ? "5xx" : String(status));
  });
  document.addEventListener("htmx:sendError", function () { galatHtmx("jaringan"); });
  // A POST form whose htmx request failed must be sendable again (see the double-submit guard above).
  document.addEventListener("htmx:afterRequest", function (event) {
    var form = event.detail.elt && event.detail.elt.closest && event.detail.elt.closest("form[data-terkirim]");
    if (form && !event.detail.successful) {
      delete form.dataset.terkirim;
      form.querySelectorAll("button[type=submit], input[type=submit]").forEach(function (b) { b.disabled = false; });
    }
  });
})();
