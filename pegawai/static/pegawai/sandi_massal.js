/* The first-passwords page: the confirmation before issuing names how many pegawai get a password (the counts of
   the chosen group come with the page, in #jumlah-kelompok). Without this file the form still works, unasked. */
(function () {
  "use strict";
  var form = document.getElementById("form-sandi-massal");
  var data = document.getElementById("jumlah-kelompok");
  if (!form || !data) return;
  var jumlah = JSON.parse(data.textContent);
  var angka = new Intl.NumberFormat("id-ID");

  function perbarui() {
    var pilihan = jumlah[form.elements.kelompok.value];
    var ganti = form.elements.termasuk_bersandi.checked;
    if (!pilihan) { form.removeAttribute("data-confirm"); return; }
    var n = ganti ? pilihan.total : pilihan.tanpa;
    var pesan = ganti ? form.dataset.konfirmasiGanti : form.dataset.konfirmasi;
    // With nobody to give a password to, the server explains; there is nothing to confirm.
    if (n > 0) form.setAttribute("data-confirm", pesan.replace("{n}", angka.format(n)));
    else form.removeAttribute("data-confirm");
  }
  form.addEventListener("change", perbarui);
  perbarui();
})();
