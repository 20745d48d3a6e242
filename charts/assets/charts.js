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
  var drawLater = document.documentElement.hasAttribute('data-draw-later');
  var options = {};
  window.carecastChartOptions = options;

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
        if (drawLater) {
          // A page opened only to draw its charts as SVG (the paper's):
          // keep the option, with its formatters, for that drawing.
          options[spec.id] = spec.option;
          drawnHere += 1;
          done();
          return;
        }
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

  // printBox is the size, in CSS pixels, of the chart el's box on paper:
  // --print-width by --print-height of charts.css, read through a probe
  // in el (the page is still laid out for the screen before it prints).
  function printBox(el) {
    var probe = document.createElement('div');
    probe.style.cssText = 'position:absolute;left:0;top:0;visibility:hidden;' +
      'width:var(--print-width);height:var(--print-height)';
    el.appendChild(probe);
    var r = probe.getBoundingClientRect();
    el.removeChild(probe);
    return { width: Math.floor(r.width), height: Math.floor(r.height) };
  }

  // Printing: each chart is drawn again to its box on paper (180 mm wide,
  // as tall as charts.css says), without its save button, so that its
  // legend and axis labels are laid out within the printed box rather than
  // cut off below it, whatever the shape of the window it was drawn in.
  window.addEventListener('beforeprint', function () {
    printing = true;
    charts.forEach(function (c) {
      var box = printBox(c.getDom());
      if (box.width > 0 && box.height > 0) {
        // At once, without the animation from the screen's layout, and
        // painted now: the page prints before the next frame.
        c.setOption({ toolbox: { show: false } }, { lazyUpdate: false });
        c.resize({ width: box.width, height: box.height, animation: { duration: 0 } });
        c.getZr().refreshImmediately();
      }
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
