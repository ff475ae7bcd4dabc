/* Daily activity pages: small conveniences on top of forms that work without this file.
   - the RHK drop-down shows the "alasan" field only for tugas tambahan / lainnya, and fills in the satuan of the
     RHK's indicator unless the pegawai typed one;
   - a start time after the end time moves the end an hour later; the quick form's times follow the day's list;
   - after a save the quick form is emptied for the next activity (the server does not send it again);
   - "pilih semua" and the count of selected rows in the atasan's queue, which the confirmation before a bulk
     approval quotes;
   - a counter under every free-text field with a limit (data-maks): how many characters are left, or how many
     too many (the field never cuts what was typed; the server explains the limit);
   - the stacked bar chart of minutes per day (Chart.js is loaded only on the progress page). */
(function () {
  "use strict";

  var angka = new Intl.NumberFormat("id-ID");

  function aturPenghitung(el) {
    if (el.dataset.penghitung) return;
    var maks = parseInt(el.dataset.maks, 10);
    if (!maks) return;
    var info = document.createElement("div");
    info.id = (el.id || el.name) + "-penghitung";
    info.className = "form-text penghitung-teks";
    info.setAttribute("data-testid", "penghitung");
    el.dataset.penghitung = info.id;
    el.insertAdjacentElement("afterend", info);
    el.setAttribute("aria-describedby", ((el.getAttribute("aria-describedby") || "") + " " + info.id).trim());
    // Read out only after a pause in typing, not at every key (a live region that speaks each keystroke drowns
    // what the user types).
    var suara = document.createElement("div");
    suara.className = "visually-hidden";
    suara.setAttribute("aria-live", "polite");
    info.insertAdjacentElement("afterend", suara);
    var jeda = null;
    function perbarui(umumkan) {
      // The server trims and counts a line break as one character, as the browser does.
      var sisa = maks - el.value.trim().length;
      info.textContent = sisa >= 0
        ? "Sisa " + angka.format(sisa) + " dari " + angka.format(maks) + " karakter"
        : "Lebih " + angka.format(-sisa) + " karakter dari batas " + angka.format(maks) + " — persingkat sebelum menyimpan";
      info.classList.toggle("text-danger", sisa < 0);
      info.classList.toggle("fw-semibold", sisa < 0);
      if (umumkan) {
        window.clearTimeout(jeda);
        jeda = window.setTimeout(function () { suara.textContent = info.textContent; }, 1000);
      }
    }
    el.addEventListener("input", function () { perbarui(true); });
    perbarui(false);
  }

  function aturForm(form) {
    if (form.dataset.siap) return;
    form.dataset.siap = "1";
    var pilihan = form.querySelector("select[name=pilihan]");
    var alasan = form.querySelector("[data-alasan]");
    var satuan = form.querySelector("[data-satuan]");
    var peta = {};
    try { peta = JSON.parse(form.dataset.satuanRhk || "{}"); } catch (e) { peta = {}; }
    function perbarui(ubahSatuan) {
      if (!pilihan) return;
      var rhk = pilihan.value.indexOf("rhk-") === 0;
      var adaIsi = alasan && (alasan.querySelector("textarea").value.trim() || alasan.querySelector(".is-invalid"));
      if (alasan) alasan.hidden = (rhk || !pilihan.value) && !adaIsi;
      if (ubahSatuan && satuan && !satuan.dataset.diketik && peta[pilihan.value]) satuan.value = peta[pilihan.value];
    }
    if (pilihan) pilihan.addEventListener("change", function () { perbarui(true); });
    if (satuan) satuan.addEventListener("input", function () { satuan.dataset.diketik = "1"; });
    perbarui(false);

    var mulai = form.querySelector("input[name=jam_mulai]");
    var selesai = form.querySelector("input[name=jam_selesai]");
    if (mulai && selesai) {
      [mulai, selesai].forEach(function (el) { el.addEventListener("input", function () { el.dataset.diketik = "1"; }); });
      mulai.addEventListener("change", function () {
        if (!mulai.value || (selesai.value && selesai.value > mulai.value)) return;
        var bagian = mulai.value.split(":");
        var menit = Math.min(parseInt(bagian[0], 10) * 60 + parseInt(bagian[1], 10) + 60, 23 * 60 + 59);
        selesai.value = ("0" + Math.floor(menit / 60)).slice(-2) + ":" + ("0" + (menit % 60)).slice(-2);
      });
    }
  }

  function aturAntrian(form) {
    if (form.dataset.siap) return;
    form.dataset.siap = "1";
    var semua = form.querySelector("[data-pilih-semua]");
    var jumlah = form.querySelector("[data-jumlah-pilih]");
    function hitung() {
      var kotak = form.querySelectorAll("[data-pilih]");
      var dipilih = form.querySelectorAll("[data-pilih]:checked").length;
      if (jumlah) jumlah.textContent = dipilih;
      // The bulk approval asks first, naming how many (static/js/app.js shows data-confirm); with nothing
      // selected the server's answer says so instead.
      if (dipilih > 0 && form.dataset.konfirmasiSetujui) {
        form.setAttribute("data-confirm", form.dataset.konfirmasiSetujui.replace("{n}", angka.format(dipilih)));
      } else {
        form.removeAttribute("data-confirm");
      }
      if (semua) {
        semua.checked = kotak.length > 0 && dipilih === kotak.length;
        semua.indeterminate = dipilih > 0 && dipilih < kotak.length;
      }
    }
    if (semua) {
      semua.addEventListener("change", function () {
        form.querySelectorAll("[data-pilih]").forEach(function (k) { k.checked = semua.checked; });
        hitung();
      });
    }
    form.addEventListener("change", function (event) { if (event.target.matches("[data-pilih]")) hitung(); });
    // A row decided inline leaves the form: recount.
    form.addEventListener("htmx:afterSettle", hitung);
    hitung();
  }

  function gambarGrafik(root) {
    if (typeof window.Chart === "undefined") return;
    root.querySelectorAll("canvas[data-grafik-kinerja]").forEach(function (canvas) {
      if (canvas.dataset.digambar) return;
      var sumber = document.getElementById(canvas.dataset.grafikKinerja);
      if (!sumber) return;
      var data = JSON.parse(sumber.textContent);
      canvas.dataset.digambar = "1";
      new window.Chart(canvas, {
        data: {
          labels: data.labels,
          datasets: [
            { type: "bar", label: data.judul[0], data: data.disetujui, backgroundColor: "#198754", stack: "menit" },
            { type: "bar", label: data.judul[1], data: data.menunggu, backgroundColor: "#ffc107", stack: "menit" },
            { type: "line", label: data.judul[2], data: data.target, borderColor: "#0f4c75", borderDash: [4, 3],
              borderWidth: 1.5, pointRadius: 0, spanGaps: false }
          ]
        },
        options: {
          locale: "id-ID",
          maintainAspectRatio: false,
          animation: false, // older office PCs and cheap phones: draw once
          plugins: {
            legend: { position: "bottom", labels: { boxWidth: 12 } },
            tooltip: { callbacks: { label: function (ctx) { return ctx.dataset.label + ": " + angka.format(ctx.parsed.y); } } }
          },
          scales: {
            x: { stacked: true, ticks: { autoSkip: true, maxRotation: 0 } },
            y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } }
          }
        }
      });
    });
  }

  // When the day's list changes (a delete, a resubmission), the quick form's times follow the new last end
  // (carried by the day's actions, #aksi-hari, which every answer that changes the list renders again),
  // unless the pegawai already typed their own. Only an answer that brought #aksi-hari moves them: a refused
  // entry brings back the form alone, with the times the pegawai typed beside the error, and those stay — as
  // they stay in a form the server sent back filled in (data-isian), which no later list change may overwrite.
  document.addEventListener("htmx:afterSettle", function (event) {
    var baru = event.target;
    if (!baru || !(baru.id === "aksi-hari" || (baru.querySelector && baru.querySelector("#aksi-hari")))) return;
    var hari = document.getElementById("aksi-hari");
    var form = document.querySelector("#form-aktivitas form");
    if (!hari || !form || !hari.dataset.mulaiBerikut || form.hasAttribute("data-isian")) return;
    var mulai = form.querySelector("input[name=jam_mulai]");
    var selesai = form.querySelector("input[name=jam_selesai]");
    if (mulai && selesai && !mulai.dataset.diketik && !selesai.dataset.diketik) {
      mulai.value = hari.dataset.mulaiBerikut;
      selesai.value = hari.dataset.selesaiBerikut;
    }
  });

  // A saved activity: the server sends the new row and the day's totals out of band and leaves the quick form in
  // place (views.harian._fragmen_tambah); what was typed for that activity is emptied here, the RHK, satuan and
  // date stay for the next one, and the times move to the day's new last end (carried by #aksi-hari, swapped in
  // the same answer). Errors of an earlier refused attempt go too.
  document.addEventListener("aktivitas-tersimpan", function () {
    var bagian = document.getElementById("form-aktivitas");
    var form = bagian && bagian.querySelector("form[data-form-aktivitas]");
    if (!form) return;
    ["uraian", "alasan_kategori", "lokasi", "tautan", "foto", "berkas"].forEach(function (nama) {
      var el = form.elements.namedItem(nama);
      if (!el || typeof el.value === "undefined") return;
      el.value = "";
      if (el.dataset.maks) el.dispatchEvent(new Event("input"));
    });
    var volume = form.elements.namedItem("volume");
    if (volume) volume.value = "1";
    bagian.querySelectorAll(".alert-danger").forEach(function (el) { el.remove(); });
    form.querySelectorAll(".is-invalid").forEach(function (el) { el.classList.remove("is-invalid"); });
    form.querySelectorAll("[aria-invalid]").forEach(function (el) { el.removeAttribute("aria-invalid"); });
    form.querySelectorAll(".invalid-feedback").forEach(function (el) { el.remove(); });
    form.removeAttribute("data-isian");
    var hari = document.getElementById("aksi-hari");
    var mulai = form.elements.namedItem("jam_mulai");
    var selesai = form.elements.namedItem("jam_selesai");
    if (hari && mulai && selesai && hari.dataset.mulaiBerikut) {
      delete mulai.dataset.diketik;
      delete selesai.dataset.diketik;
      mulai.value = hari.dataset.mulaiBerikut;
      selesai.value = hari.dataset.selesaiBerikut;
    }
    var uraian = form.elements.namedItem("uraian");
    if (uraian) uraian.focus({ preventScroll: true });
  });

  function siapkan(root) {
    root.querySelectorAll("form[data-form-aktivitas]").forEach(aturForm);
    root.querySelectorAll("form[data-form-antrian]").forEach(aturAntrian);
    root.querySelectorAll("textarea[data-maks], input[data-maks]").forEach(aturPenghitung);
    gambarGrafik(root);
  }

  if (window.htmx) {
    // htmx.onLoad runs for the page and for every fragment swapped in later.
    window.htmx.onLoad(function (el) { if (el.querySelectorAll) siapkan(el.matches && el.matches("form") ? el.parentNode : el); });
  } else {
    document.addEventListener("DOMContentLoaded", function () { siapkan(document); });
  }
})();
