(function () {
  function key(td) {
    var v = td.getAttribute('data-v');
    if (v === null) v = td.textContent;
    v = v.trim();
    if (v === '') return null;
    var n = Number(v);
    return isNaN(n) ? v : n;
  }
  function compare(x, y) {
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    if (typeof x === 'number') return -1;
    if (typeof y === 'number') return 1;
    return x.localeCompare(y);
  }
  document.querySelectorAll('table.sortable').forEach(function (table) {
    var heads = table.querySelectorAll('thead th');
    heads.forEach(function (th, i) {
      function sort() {
        var asc = th.getAttribute('aria-sort') !== 'ascending';
        heads.forEach(function (h) { h.setAttribute('aria-sort', 'none'); });
        th.setAttribute('aria-sort', asc ? 'ascending' : 'descending');
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = key(a.cells[i]), y = key(b.cells[i]);
          if (x === null || y === null) return (x === null) - (y === null);
          var c = compare(x, y);
          return asc ? c : -c;
        });
        rows.forEach(function (r) { body.appendChild(r); });
      }
      th.addEventListener('click', sort);
      th.addEventListener('keydown', function (e) {
        if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); sort(); }
      });
    });
  });
  // The summary's further columns, on demand.
  document.querySelectorAll('button.more-toggle').forEach(function (b) {
    var box = b.parentNode.nextElementSibling;
    b.addEventListener('click', function () {
      var all = box.classList.toggle('all');
      b.setAttribute('aria-expanded', all ? 'true' : 'false');
      b.textContent = b.getAttribute(all ? 'data-hide' : 'data-show');
    });
  });
})();
