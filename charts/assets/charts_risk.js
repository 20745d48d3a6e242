/* carecast charts.html: draws the charts whose labels and tooltips are
 * worked out when the page is written: the appraisal under uncertainty (a
 * tornado, a fan and a histogram) from the "appraisal" list of the JSON data
 * block, and the charts of demand (overflow, bed trading) or of sizing the
 * block from its "demand" list. It is on the page only when the page has
 * one of them; the forecast's charts are the page script's.
 *
 * Fixed code, as the page script is: the options arrive as data (JSON.parse,
 * never run) and every formatter is a function of this file, chosen by the
 * chart's kind. Tooltip lines and bar labels were worked out to the pound
 * when the page was written; here they are only shown, as text. */
(function () {
  'use strict';

  // Money and counts are written as the page script writes them.
  var pounds = window.carecastFormat.pounds;
  var whole = window.carecastFormat.whole;
  function itemName(p) { return p.name; }
  // itemText is a bar's label as written into the data: text, never markup
  // (labels are drawn on the canvas).
  function itemText(p) { return p.data && typeof p.data.text === 'string' ? p.data.text : ''; }

  var escapes = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
  function escapeHTML(s) { return String(s).replace(/[&<>"']/g, function (c) { return escapes[c]; }); }

  // tips shows the lines written for a data index, escaped: ECharts puts a
  // tooltip formatter's string into the page as HTML.
  function tips(lines) {
    return function (params) {
      var p = Array.isArray(params) ? params[0] : params;
      var tip = p && lines[p.dataIndex];
      if (!tip) { return ''; }
      return tip.map(function (line, i) {
        return i === 0 ? '<strong>' + escapeHTML(line) + '</strong>' : escapeHTML(line);
      }).join('<br>');
    };
  }

  // percent writes an axis's percentage, given as a number of per cent.
  function percent(v) { v = window.carecastFormat.num(v); return isFinite(v) ? String(Math.round(v)) + '%' : ''; }

  // What each kind of chart shows on its value axes (a list: each axis
  // in turn).
  var kinds = {
    'tornado': { x: pounds },
    'savings-fan': { y: pounds },
    'savings-histogram': { x: pounds, y: whole },
    'overflow': { y: whole },
    'bed-trading': { y: pounds },
    'sizing-npv': { y: pounds },
    'sizing-use': { y: [percent, whole] },
    'demand-903': { y: whole }
  };

  function applyKind(spec) {
    if (!Object.prototype.hasOwnProperty.call(kinds, spec.kind)) {
      throw new Error('unknown kind of chart');
    }
    var k = kinds[spec.kind];
    var opt = spec.option;
    function axes(list, format) {
      list.forEach(function (a, i) {
        var f = Array.isArray(format) ? format[i] : format;
        if (a.type !== 'value' || !f) { return; }
        a.axisLabel = a.axisLabel || {};
        a.axisLabel.formatter = f;
      });
    }
    axes(opt.xAxis, k.x);
    axes(opt.yAxis, k.y);
    opt.tooltip.formatter = tips(spec.tips || []);
    opt.series.forEach(function (s) {
      if (s.label && s.label.show) { s.label.formatter = itemText; }
      if (s.markLine) { s.markLine.label.formatter = itemName; }
    });
  }

  // The page script draws them, keeps them for printing and resizing, and
  // says when they are ready.
  var data = JSON.parse(document.getElementById('carecast-chart-data').textContent);
  window.carecastDrawCharts(data.demand || [], applyKind, 'data-demand-charts-ready');
  window.carecastDrawCharts(data.appraisal || [], applyKind, 'data-appraisal-charts-ready');
}());
