// counterfair report: sorting and filtering of tables. The page is complete without this
// script (tables show every row in their default order); it only adds the controls.
// Tables opt in with data-sortable; a header sorts numerically when it has data-type="number";
// a cell may carry its exact value in data-value.
(function () {
  'use strict';
  function cellValue(row, index, numeric) {
    var cell = row.cells[index];
    if (!cell) return numeric ? NaN : '';
    var raw = cell.hasAttribute('data-value') ? cell.getAttribute('data-value') : cell.textContent;
    return numeric ? parseFloat(raw) : raw.toLowerCase();
  }
  function sortBy(table, th, index) {
    var numeric = th.getAttribute('data-type') === 'number';
    var ascending = th.getAttribute('aria-sort') !== 'ascending';
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var keyed = rows.map(function (row, i) { return { row: row, key: cellValue(row, index, numeric), i: i }; });
    keyed.sort(function (a, b) {
      var x = a.key, y = b.key;
      if (numeric) {
        if (isNaN(x) && isNaN(y)) return a.i - b.i;
        if (isNaN(x)) return 1;
        if (isNaN(y)) return -1;
      }
      var c = x < y ? -1 : x > y ? 1 : 0;
      return (ascending ? c : -c) || a.i - b.i;
    });
    var fragment = document.createDocumentFragment();
    keyed.forEach(function (k) { fragment.appendChild(k.row); });
    body.appendChild(fragment);
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (h) { h.removeAttribute('aria-sort'); });
    th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
  }
  function makeSortable(table) {
    if (!table.tHead || !table.tBodies[0]) return;
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, index) {
      var button = document.createElement('button');
      button.type = 'button';
      button.className = 'sort';
      button.title = 'Sort by this column';
      while (th.firstChild) button.appendChild(th.firstChild);
      th.appendChild(button);
      // On the whole cell, not just the button: a click anywhere in the header sorts (a
      // keyboard press on the button reaches here too).
      th.addEventListener('click', function () { sortBy(table, th, index); });
    });
  }
  function makeFilter(input) {
    var table = document.getElementById(input.getAttribute('data-filter-for'));
    if (!table || !table.tBodies[0]) return;
    var count = document.getElementById(input.getAttribute('data-count'));
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var texts = rows.map(function (row) { return row.textContent.toLowerCase(); });
    function apply() {
      var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
      var shown = 0;
      rows.forEach(function (row, i) {
        var match = words.every(function (w) { return texts[i].indexOf(w) !== -1; });
        row.hidden = !match;
        if (match) shown += 1;
      });
      if (count) count.textContent = shown + ' of ' + rows.length + ' rows';
    }
    input.addEventListener('input', apply);
    input.closest('.filter').hidden = false;
    apply();
  }
  Array.prototype.forEach.call(document.querySelectorAll('table[data-sortable]'), makeSortable);
  Array.prototype.forEach.call(document.querySelectorAll('input[data-filter-for]'), makeFilter);
})();
