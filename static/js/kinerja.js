/* Daily activity pages: small conveniences on top of forms that work without this file.
   - the RHK drop-down shows the "alasan" field only for tugas tambahan / lainnya, and fills in the satuan of the
     RHK's indicator unless the pegawai typed one;
   - a start time after the end time moves the end an hour later; the quick form's times follow the day's list;
   - "pilih semua" and the count of selected rows in the atasan's queue;
   - the stacked bar chart of minutes per day (Chart.js is loaded only on the progress page). */
(function () {
  "use strict";

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

  var angka = new Intl.NumberFormat("id-ID");
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
  // unless the pegawai already typed their own.
  document.addEventListener("htmx:afterSettle", function () {
    var hari = document.getElementById("aksi-hari");
    var form = document.querySelector("#form-aktivitas form");
    if (!hari || !form || !hari.dataset.mulaiBerikut) return;
    var mulai = form.querySelector("input[name=jam_mulai]");
    var selesai = form.querySelector("input[name=jam_selesai]");
    if (mulai && selesai && !mulai.dataset.diketik && !selesai.dataset.diketik) {
      mulai.value = hari.dataset.mulaiBerikut;
      selesai.value = hari.dataset.selesaiBerikut;
    }
  });

  function siapkan(root) {
    root.querySelectorAll("form[data-form-aktivitas]").forEach(aturForm);
    root.querySelectorAll("form[data-form-antrian]").forEach(aturAntrian);
    gambarGrafik(root);
  }

  if (window.htmx) {
    // htmx.onLoad runs for the page and for every fragment swapped in later.
    window.htmx.onLoad(function (el) { if (el.querySelectorAll) siapkan(el.matches && el.matches("form") ? el.parentNode : el); });
  } else {
    document.addEventListener("DOMContentLoaded", function () { siapkan(document); });
  }
})();
