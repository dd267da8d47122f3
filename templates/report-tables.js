// counterfair report: sorting and filtering of tables, and the paged sentence table. The page is
// complete without this script (tables show their rows in their default order, the sentence
// table its first page); it only adds the controls. Text goes into the page as text nodes only.
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
  function compareKeys(x, y, numeric) {
    if (numeric) {
      if (isNaN(x) && isNaN(y)) return 0;
      if (isNaN(x)) return 1;
      if (isNaN(y)) return -1;
    }
    return x < y ? -1 : x > y ? 1 : 0;
  }
  function sortHeader(table, th) {
    var ascending = th.getAttribute('aria-sort') !== 'ascending';
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (h) {
      h.removeAttribute('aria-sort');
    });
    th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
    return ascending;
  }
  function sortBy(table, th, index) {
    var numeric = th.getAttribute('data-type') === 'number';
    var ascending = sortHeader(table, th);
    var body = table.tBodies[0];
    var keyed = Array.prototype.map.call(body.rows, function (row, i) {
      return { row: row, key: cellValue(row, index, numeric), i: i };
    });
    keyed.sort(function (a, b) {
      var c = compareKeys(a.key, b.key, numeric);
      if (numeric && (isNaN(a.key) || isNaN(b.key))) return c || a.i - b.i;
      return (ascending ? c : -c) || a.i - b.i;
    });
    var fragment = document.createDocumentFragment();
    keyed.forEach(function (k) {
      fragment.appendChild(k.row);
    });
    body.appendChild(fragment);
  }
  function addSortButtons(table, onSort) {
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, index) {
      var button = document.createElement('button');
      button.type = 'button';
      button.className = 'sort';
      button.title = 'Sort by this column';
      while (th.firstChild) button.appendChild(th.firstChild);
      th.appendChild(button);
      // On the whole cell, not just the button: a click anywhere in the header sorts (a
      // keyboard press on the button reaches here too).
      th.addEventListener('click', function () {
        onSort(th, index);
      });
    });
  }
  function makeSortable(table) {
    if (!table.tHead || !table.tBodies[0]) return;
    addSortButtons(table, function (th, index) {
      sortBy(table, th, index);
    });
  }
  function makeFilter(input) {
    var table = document.getElementById(input.getAttribute('data-filter-for'));
    if (!table || !table.tBodies[0]) return;
    var count = document.getElementById(input.getAttribute('data-count'));
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var texts = rows.map(function (row) {
      return row.textContent.toLowerCase();
    });
    function apply() {
      var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
      var shown = 0;
      rows.forEach(function (row, i) {
        var match = words.every(function (w) {
          return texts[i].indexOf(w) !== -1;
        });
        row.hidden = !match;
        if (match) shown += 1;
      });
      if (count) count.textContent = shown + ' of ' + rows.length + ' rows';
    }
    input.addEventListener('input', apply);
    input.closest('.filter').hidden = false;
    apply();
  }

  // The sentence table: all rows in a JSON block, one page at a time in the DOM.
  function sentencePager() {
    var block = document.getElementById('sentence-data');
    var table = document.getElementById('sentence-table');
    var form = document.getElementById('sentence-filters');
    var pager = document.getElementById('sentence-pager');
    if (!block || !table || !form || !pager) return;
    var data = JSON.parse(block.textContent);
    var col = {};
    data.columns.forEach(function (name, i) {
      col[name] = i;
    });
    var labels = data.labels;
    var hasPair = data.rows.some(function (r) {
      return r[col.text_pair] !== '';
    });
    var hasGold = data.rows.some(function (r) {
      return r[col.gold] !== '';
    });
    // The table's columns, in order, as data columns.
    var shown = ['set', 'template'].concat(
      data.columns.filter(function (c) {
        return c.indexOf('axis:') === 0 || c.indexOf('filler:') === 0;
      }),
      ['text'],
      hasPair ? ['text_pair'] : [],
      hasGold ? ['gold'] : [],
      ['predicted'],
      labels.map(function (l) {
        return 'p:' + l;
      }),
    );
    var lower = data.rows.map(function (r) {
      return (r[col.text] + ' ' + r[col.text_pair]).toLowerCase();
    });
    var order = data.rows.map(function (_, i) {
      return i;
    });
    var filtered = order;
    var page = 0;
    var size = data.pageSize;
    var count = document.getElementById('sentence-count');
    var pageText = document.getElementById('sentence-page');
    var search = document.getElementById('sentence-search');
    var selects = Array.prototype.slice.call(form.querySelectorAll('select[data-column]'));
    function cell(tr, text, className) {
      var td = document.createElement('td');
      if (className) td.className = className;
      td.textContent = text;
      tr.appendChild(td);
      return td;
    }
    function render() {
      var body = table.tBodies[0];
      var fragment = document.createDocumentFragment();
      var pages = Math.max(1, Math.ceil(filtered.length / size));
      if (page >= pages) page = pages - 1;
      filtered.slice(page * size, page * size + size).forEach(function (i) {
        var r = data.rows[i];
        var tr = document.createElement('tr');
        shown.forEach(function (name) {
          var v = r[col[name]];
          if (name.indexOf('p:') === 0) {
            cell(tr, typeof v === 'number' ? v.toFixed(3) : 'n/a', 'num').setAttribute('data-value', String(v));
          } else if (name === 'text') {
            var td = cell(tr, v, '');
            if (r[col.original]) {
              var badge = document.createElement('span');
              badge.className = 'badge';
              badge.textContent = 'original';
              td.appendChild(document.createTextNode(' '));
              td.appendChild(badge);
            }
          } else {
            cell(tr, String(v), name === 'set' || name === 'template' ? 'code' : '');
          }
        });
        fragment.appendChild(tr);
      });
      while (body.firstChild) body.removeChild(body.firstChild);
      body.appendChild(fragment);
      var from = filtered.length === 0 ? 0 : page * size + 1;
      var to = Math.min(filtered.length, page * size + size);
      count.textContent =
        filtered.length === data.rows.length
          ? data.rows.length + ' sentences; ' + from + '–' + to + ' shown'
          : filtered.length + ' of ' + data.rows.length + ' sentences match; ' + from + '–' + to + ' shown';
      pageText.textContent = 'Page ' + (page + 1) + ' of ' + pages;
      pager.querySelector('[data-page="prev"]').disabled = page === 0;
      pager.querySelector('[data-page="next"]').disabled = page >= pages - 1;
    }
    function applyFilters() {
      var words = search.value.toLowerCase().split(/\s+/).filter(Boolean);
      var wanted = selects
        .map(function (s) {
          return { column: Number(s.getAttribute('data-column')), value: s.value };
        })
        .filter(function (w) {
          return w.value !== '';
        });
      filtered = order.filter(function (i) {
        var r = data.rows[i];
        return (
          wanted.every(function (w) {
            return String(r[w.column]) === w.value;
          }) &&
          words.every(function (w) {
            return lower[i].indexOf(w) !== -1;
          })
        );
      });
      page = 0;
      render();
    }
    addSortButtons(table, function (th, index) {
      var name = shown[index];
      var c = col[name];
      var numeric = name.indexOf('p:') === 0;
      var ascending = sortHeader(table, th);
      order = order.slice().sort(function (a, b) {
        var x = data.rows[a][c],
          y = data.rows[b][c];
        if (!numeric) {
          x = String(x).toLowerCase();
          y = String(y).toLowerCase();
        }
        var k = compareKeys(x, y, numeric);
        return (ascending ? k : -k) || a - b;
      });
      applyFilters();
    });
    search.addEventListener('input', applyFilters);
    selects.forEach(function (s) {
      s.addEventListener('change', applyFilters);
    });
    form.addEventListener('reset', function () {
      setTimeout(applyFilters, 0);
    });
    form.addEventListener('submit', function (e) {
      e.preventDefault();
    });
    pager.addEventListener('click', function (e) {
      var which = e.target && e.target.getAttribute && e.target.getAttribute('data-page');
      if (which === 'prev' && page > 0) page -= 1;
      else if (which === 'next') page += 1;
      else return;
      render();
    });
    form.hidden = false;
    pager.hidden = false;
    render();
  }

  Array.prototype.forEach.call(document.querySelectorAll('table[data-sortable]'), makeSortable);
  Array.prototype.forEach.call(document.querySelectorAll('input[data-filter-for]'), makeFilter);
  sentencePager();
})();
