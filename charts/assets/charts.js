/* carecast charts.html: draws the charts from the JSON data block.
 *
 * This is fixed code: nothing in it comes from a scenario. The chart options
 * arrive as data (JSON.parse, never run), and every formatter is a function
 * of this file, chosen by the chart's kind. ECharts escapes the names it puts
 * into tooltips; the canvas draws every other text as text. */
(function () {
  'use strict';

  var poundsFormat = new Intl.NumberFormat('en-GB', {
    style: 'currency', currency: 'GBP', currencySign: 'accounting', minimumFractionDigits: 0, maximumFractionDigits: 0
  });
  var roomsFormat = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  var wholeFormat = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });

  // num reads a value as ECharts hands it over: a number, a data item or
  // an array whose last element is the value.
  function num(v) {
    if (Array.isArray(v)) { v = v[v.length - 1]; }
    if (v !== null && typeof v === 'object' && 'value' in v) { v = v.value; }
    return typeof v === 'number' ? v : Number(v);
  }
  // pounds: "£1,234,567", negatives in brackets as finance officers
  // write them, "(£1,234,567)".
  function pounds(v) { v = num(v); return isFinite(v) ? poundsFormat.format(v) : ''; }
  function rooms(v) { v = num(v); return isFinite(v) ? roomsFormat.format(v) + ' rooms' : ''; }
  function roomsAxis(v) { v = num(v); return isFinite(v) ? wholeFormat.format(v) : ''; }
  function seriesName(p) { return p.seriesName; }
  function itemName(p) { return p.name; }
  function valueInPounds(p) { return pounds(p.value); }

  // What each kind of chart shows its numbers in, and which labels it has.
  var kinds = {
    'cumulative-savings': { unit: pounds, endLabels: true },
    'annual-savings': { unit: pounds },
    'rooms': { unit: rooms, axis: roomsAxis },
    'block-vs-spot': { unit: pounds },
    'pooled-fund': { unit: pounds, markLineNames: true },
    'savings-waterfall': { unit: pounds, barLabels: true }
  };

  function applyKind(kind, opt) {
    if (!Object.prototype.hasOwnProperty.call(kinds, kind)) {
      throw new Error('unknown kind of chart');
    }
    var k = kinds[kind];
    opt.yAxis.forEach(function (a) {
      a.axisLabel = a.axisLabel || {};
      a.axisLabel.formatter = k.axis || k.unit;
    });
    opt.tooltip.valueFormatter = k.unit;
    opt.series.forEach(function (s) {
      if (k.endLabels && s.endLabel) { s.endLabel.formatter = seriesName; }
      if (k.barLabels && s.label && s.label.show) { s.label.formatter = valueInPounds; }
      if (k.markLineNames && s.markLine) { s.markLine.label.formatter = itemName; }
    });
  }

  var charts = [];
  var printing = false;

  // drawAll draws chart specs from the JSON data block, each through
  // apply(spec) (which adds the formatters of its kind), and sets readyAttr
  // on the page to the number drawn once every one has finished or failed.
  // Every chart drawn joins the page's list, for printing and resizing.
  // A further chart script on the page draws its charts through it too.
  function drawAll(specs, apply, readyAttr) {
    var pending = specs.length;
    var drawnHere = 0;
    function done() {
      pending -= 1;
      if (pending === 0) {
        document.documentElement.setAttribute(readyAttr, String(drawnHere));
      }
    }
    if (pending === 0) {
      document.documentElement.setAttribute(readyAttr, '0');
    }
    specs.forEach(function (spec) {
      var el = document.getElementById(spec.id);
      try {
        if (!el) { throw new Error('no place for it in the page'); }
        apply(spec);
        var chart = echarts.init(el, null, {
          renderer: 'canvas', locale: 'EN', devicePixelRatio: Math.max(2, window.devicePixelRatio || 1)
        });
        var drawn = false;
        chart.on('finished', function () {
          if (!drawn) { drawn = true; done(); }
        });
        charts.push(chart);
        drawnHere += 1;
        chart.setOption(spec.option);
      } catch (e) {
        console.error('carecast: a chart could not be drawn (' + spec.id + '): ' + e.message);
        if (el) {
          el.textContent = '';
          var p = document.createElement('p');
          p.className = 'chart-error';
          p.textContent = 'This chart could not be drawn.';
          el.appendChild(p);
        }
        done();
      }
    });
  }
  window.carecastDrawCharts = drawAll;
  // The number formats, for a further chart script too: one way to write
  // money on the page.
  window.carecastFormat = { num: num, pounds: pounds, whole: function (v) {
    v = num(v); return isFinite(v) ? wholeFormat.format(v) : '';
  } };

  // Printing: the charts take the width of an A4 page (180 mm at 96 px to
  // the inch), keep their shape, and lose their save button.
  window.addEventListener('beforeprint', function () {
    printing = true;
    charts.forEach(function (c) {
      var el = c.getDom();
      var height = Math.round(680 * el.clientHeight / Math.max(1, el.clientWidth));
      c.setOption({ toolbox: { show: false } });
      c.resize({ width: 680, height: height });
    });
  });
  window.addEventListener('afterprint', function () {
    printing = false;
    charts.forEach(function (c) {
      c.setOption({ toolbox: { show: true } });
      c.resize();
    });
  });
  window.addEventListener('resize', function () {
    if (!printing) { charts.forEach(function (c) { c.resize(); }); }
  });

  var data = JSON.parse(document.getElementById('carecast-chart-data').textContent);
  drawAll(data.charts, function (spec) { applyKind(spec.kind, spec.option); }, 'data-charts-ready');
}());
