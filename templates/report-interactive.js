// counterfair report, --interactive: replaces each static SVG chart with a live vega-embed view
// (tooltips, zoom on the x axis where the chart has one). Runs under the page's CSP: vega
// evaluates expressions with its AST interpreter (ast: true), never with eval or Function.
// A chart that fails to embed keeps its static SVG.
(function () {
  'use strict';
  var blocks = document.querySelectorAll('script[type="application/json"][data-chart]');
  Array.prototype.forEach.call(blocks, function (block) {
    var figure = document.getElementById(block.getAttribute('data-chart'));
    if (!figure) return;
    var spec = JSON.parse(block.textContent);
    var still = figure.querySelector(':scope > svg');
    var target = document.createElement('div');
    target.className = 'live';
    figure.insertBefore(target, figure.firstChild);
    vegaEmbed(target, spec, { ast: true, actions: false, renderer: 'svg' })
      .then(function () {
        if (still) still.remove();
        figure.classList.add('interactive');
      })
      .catch(function (err) {
        target.remove();
        console.warn('counterfair: chart ' + block.getAttribute('data-name') + ' stays static: ' + err);
      });
  });
})();
