// A <select data-saring="placeholder"> gets a search box above it that keeps only the options (and unit groups)
// whose text contains what is typed: the list of positions of a whole OPD, or of the city for BKPSDM, is long.
// Options are removed and put back rather than hidden, because Safari on iOS ignores hidden options.
(function () {
  function pasang(select) {
    var asli = Array.prototype.map.call(select.children, function (node) { return node.cloneNode(true); });
    var kotak = document.createElement("input");
    kotak.type = "search";
    kotak.className = "form-control form-control-sm mb-1";
    kotak.placeholder = select.getAttribute("data-saring");
    kotak.setAttribute("aria-label", select.getAttribute("data-saring"));
    select.parentNode.insertBefore(kotak, select);
    kotak.addEventListener("input", function () {
      var kata = kotak.value.trim().toLowerCase();
      var dipilih = select.value;
      select.textContent = "";
      asli.forEach(function (node) {
        if (node.tagName !== "OPTGROUP") {
          select.appendChild(node.cloneNode(true));
          return;
        }
        var cocokGrup = node.label.toLowerCase().indexOf(kata) !== -1;
        var grup = node.cloneNode(false);
        Array.prototype.forEach.call(node.children, function (opsi) {
          if (cocokGrup || opsi.value === dipilih || opsi.text.toLowerCase().indexOf(kata) !== -1) {
            grup.appendChild(opsi.cloneNode(true));
          }
        });
        if (grup.children.length) select.appendChild(grup);
      });
      select.value = dipilih;
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("select[data-saring]").forEach(pasang);
  });
})();
