// Draws the report from the page's data (see cascade.report.PageData) with uPlot.
// Every chart records how many data points it drew (data-points), and the body says when all are
// done (data-rendered), so that a headless browser can check the page as a reader would see it.
(function () {
  'use strict';

  var page = JSON.parse(document.getElementById('page-data').textContent);
  var specs = page.specs;
  var main = document.getElementById('report');
  var chartsDrawn = 0;
  (window.earlyErrors || []).forEach(function (item) { document.getElementById('script-errors').appendChild(item); });

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  function add(parent, tag, className, text) {
    var node = el(tag, className, text);
    parent.appendChild(node);
    return node;
  }

  function intervalText(ms) {
    return ms >= 1000 && ms % 1000 === 0 ? (ms / 1000) + ' s' : ms + ' ms';
  }

  function fmt(value) {
    if (value === null || value === undefined) return '–';
    if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(Math.round(value * 1000) / 1000);
    return String(value);
  }

  // ---- overlays: fault spans and the breaker band under the lines, labels and marks over them ----

  // The states as the breakers' events name them (closed draws nothing).
  var BREAKER_COLOURS = { 'open': 'rgba(214,39,40,0.85)', 'half_open': 'rgba(255,160,0,0.85)', 'half-open': 'rgba(255,160,0,0.85)' };

  var MIN_CHART = 540, GAP = 20;

  function px(n) { return Math.round(n * uPlot.pxRatio); }

  function drawUnder(u, overlay) {
    var ctx = u.ctx, box = u.bbox;
    ctx.save();
    ctx.beginPath();
    ctx.rect(box.left, box.top, box.width, box.height);
    ctx.clip();
    (overlay.faults || []).forEach(function (span) {
      var x0 = u.valToPos(span.from, 'x', true), x1 = u.valToPos(span.to, 'x', true);
      ctx.fillStyle = 'rgba(214,39,40,0.09)';
      ctx.fillRect(x0, box.top, Math.max(1, x1 - x0), box.height);
    });
    (overlay.downs || []).forEach(function (span) {
      var x0 = u.valToPos(span.from, 'x', true), x1 = u.valToPos(span.to, 'x', true);
      ctx.fillStyle = 'rgba(90,90,120,0.12)';
      ctx.fillRect(x0, box.top, Math.max(1, x1 - x0), box.height);
    });
    var breaker = overlay.breaker || [];
    var x = u.data[0];
    for (var i = 0; i < breaker.length && i < x.length; i++) {
      var colour = BREAKER_COLOURS[breaker[i]];
      if (!colour) continue;
      var left = u.valToPos(x[i], 'x', true);
      var right = u.valToPos(x[i] + overlay.intervalS, 'x', true);
      ctx.fillStyle = colour;
      ctx.fillRect(left, box.top + box.height - px(7), Math.max(1, right - left), px(7));
    }
    ctx.restore();
  }

  function drawOver(u, overlay) {
    var ctx = u.ctx, box = u.bbox;
    ctx.save();
    ctx.font = px(11) + 'px system-ui, sans-serif';
    // uPlot leaves the alignment of its last axis label behind: set ours.
    ctx.textAlign = 'left';
    ctx.textBaseline = 'top';
    (overlay.faults || []).forEach(function (span, i) {
      var x0 = u.valToPos(span.from, 'x', true);
      ctx.fillStyle = 'rgba(160,20,20,0.95)';
      ctx.fillText('fault: ' + span.label, x0 + px(3), box.top + px(3 + 13 * (i % 3)));
    });
    (overlay.downs || []).forEach(function (span, i) {
      var x0 = u.valToPos(span.from, 'x', true);
      ctx.fillStyle = 'rgba(60,60,90,0.95)';
      ctx.fillText(span.label, x0 + px(3), box.top + px(84 + 13 * (i % 3)));
    });
    (overlay.marks || []).forEach(function (mark, i) {
      var x = u.valToPos(mark.at, 'x', true);
      if (x < box.left || x > box.left + box.width) return;
      var colour = mark.kind === 'recovered' ? '#1a7f37' : '#444';
      ctx.strokeStyle = colour;
      ctx.lineWidth = px(1.5);
      ctx.setLineDash([px(5), px(3)]);
      ctx.beginPath();
      ctx.moveTo(x, box.top);
      ctx.lineTo(x, box.top + box.height);
      ctx.stroke();
      ctx.setLineDash([]);
      ctx.fillStyle = colour;
      var text = mark.label;
      var width = ctx.measureText(text).width;
      var tx = x + px(3) + width > box.left + box.width ? x - px(3) - width : x + px(3);
      ctx.fillText(text, tx, box.top + px(42 + 13 * (i % 3)));
    });
    ctx.restore();
  }

  // ---- one chart ----

  function chart(parent, id, title, unit, x, series, overlay, xLabel) {
    var box = add(parent, 'div', 'chart');
    box.dataset.chart = id;
    var points = 0;
    series.forEach(function (s) { s.values.forEach(function (v) { if (v !== null && v !== undefined) points++; }); });
    box.dataset.points = String(points);
    // As many columns as the grid of the page has (see .charts in the template), each chart filling its column.
    var available = parent.clientWidth || 1200;
    var columns = Math.max(1, Math.floor((available + GAP) / (MIN_CHART + GAP)));
    var width = Math.max(MIN_CHART, (available - GAP * (columns - 1)) / columns - 2);
    // A reference line (offered, dashed) far above the rest, like a tutorial burst of 2000 at
    // t=0, would flatten every other line: the y axis then fits the others and a note says so.
    var yScale = {};
    var peakNote = null;
    var maxOf = function (list) { return list.reduce(function (m, s) { return s.values.reduce(function (a, v) { return v !== null && v > a ? v : a; }, m); }, 0); };
    var references = series.filter(function (s) { return s.dash; });
    var others = series.filter(function (s) { return !s.dash; });
    if (references.length && others.length && overlay) {
      var top = maxOf(others), refTop = maxOf(references);
      if (top > 0 && refTop > 3 * top) {
        yScale = { range: function () { return [0, top * 1.15]; } };
        peakNote = references.map(function (s) { return s.label; }).join(', ') + ' peaks at ' + fmt(refTop) + ', above the chart';
      }
    }
    var opts = {
      title: title,
      width: Math.floor(width),
      height: 300,
      // One run's charts share their time axis, so that a moment sits at the same place in each.
      scales: { x: overlay && overlay.xMax ? { time: false, range: function () { return [0, overlay.xMax]; } } : { time: false }, y: yScale },
      series: [{ label: xLabel || 'time (s)', value: function (u, v) { return v === null ? '–' : fmt(v); } }].concat(series.map(function (s) {
        return {
          label: s.label, stroke: s.color, width: 1.5, dash: s.dash ? [6, 4] : undefined, spanGaps: false,
          points: { show: s.points || false, size: 6, fill: s.color },
          value: function (u, v) { return v === null ? '–' : fmt(v); }
        };
      })),
      axes: [
        { label: xLabel || 'time into the run (s)', labelSize: 20 },
        { label: unit, labelSize: 20, size: 64 }
      ],
      legend: { live: true },
      cursor: { drag: { x: true, y: false } },
      hooks: overlay ? { drawClear: [function (u) { drawUnder(u, overlay); }], draw: [function (u) { drawOver(u, overlay); }] } : {}
    };
    new uPlot(opts, [x].concat(series.map(function (s) { return s.values; })), box);
    if (peakNote) add(box, 'p', 'note', peakNote + '.');
    chartsDrawn++;
    return box;
  }

  // ---- sections ----

  function resultSection(parent, run, result, many) {
    var section = add(parent, many ? 'details' : 'section', 'result');
    var heading = (run.multi ? run.label + ' · ' : '') + result.name + ' (' + result.kind + ')';
    if (many) {
      add(section, 'summary', null, heading);
    } else {
      add(section, 'h3', null, heading);
    }
    if (result.recovery) add(section, 'p', 'note recovery', result.recovery);
    var hasBreaker = result.breaker.some(function (b) { return BREAKER_COLOURS[b]; });
    var notes = [];
    if (result.faults.length) notes.push('shaded: scheduled faults in force (whole ' + intervalText(result.intervalMs) + ' intervals)');
    if (hasBreaker) notes.push('band along the bottom: breaker open (red) or half-open (amber)');
    if (result.downs.length) notes.push('grey: a killed node down until it restarted (or to the end)');
    if (result.marks.length) notes.push('dashed lines: node events (timed from the start of the load, placed from the first interval with requests offered) and recovery');
    if (notes.length) add(section, 'p', 'note', notes.join('; ') + '.');
    var draw = function () {
      var grid = add(section, 'div', 'charts');
      var overlay = { faults: result.faults, downs: result.downs, breaker: result.breaker, marks: result.marks, intervalS: result.intervalMs / 1000, xMax: run.xMax };
      specs.result.forEach(function (spec) {
        chart(grid, spec.id, spec.title, spec.unit.replace('{interval}', intervalText(result.intervalMs)), result.x,
          spec.series.map(function (s) { return { label: s.label, color: s.color, dash: s.dash, values: result.columns[s.column] || [] }; }),
          overlay);
      });
      result.tiers.forEach(function (tier) {
        var spec = specs.tier;
        chart(grid, spec.id, spec.title.replace('{tier}', tier.name), spec.unit.replace('{interval}', intervalText(result.intervalMs)), tier.x,
          spec.series.map(function (s) { return { label: s.label, color: s.color, dash: s.dash, values: tier.columns[s.column] || [] }; }),
          overlay);
      });
    };
    if (many) {
      // A sweep has many results: each is drawn when opened, so the page stays quick.
      section.addEventListener('toggle', function once() { section.removeEventListener('toggle', once); draw(); });
    } else {
      draw();
    }
  }

  function comparisonSection(parent, runs) {
    var all = [];
    runs.forEach(function (run) { run.results.forEach(function (r) { all.push({ run: run, result: r }); }); });
    if (all.length < 2) return;
    add(parent, 'h2', null, runs.length > 1 ? 'A against B, over time' : 'Comparison: every architecture on one chart');
    var grid = add(parent, 'div', 'charts');
    // One x axis for all: the union of their interval starts.
    var xs = {};
    all.forEach(function (a) { a.result.x.forEach(function (v) { xs[v] = true; }); });
    var x = Object.keys(xs).map(Number).sort(function (p, q) { return p - q; });
    var index = {};
    x.forEach(function (v, i) { index[v] = i; });
    var interval = all[0].result.intervalMs;
    // A result keeps its colour in both runs; B's lines are dashed.
    var colourOf = {};
    all.forEach(function (a) { if (!(a.result.name in colourOf)) colourOf[a.result.name] = specs.palette[Object.keys(colourOf).length % specs.palette.length]; });
    specs.compare.forEach(function (spec) {
      var series = all.map(function (a) {
        var values = x.map(function () { return null; });
        (a.result.columns[spec.column] || []).forEach(function (v, j) { values[index[a.result.x[j]]] = v; });
        return { label: (a.run.multi ? a.run.label + ' · ' : '') + a.result.name, color: colourOf[a.result.name], dash: a.run.index === 1, values: values };
      });
      chart(grid, spec.id, spec.title, spec.unit.replace('{interval}', intervalText(interval)), x, series, null);
    });
  }

  function sweepSection(parent, run) {
    var sweep = run.sweep;
    var keys = sweep.keys, first = keys[0], second = keys.length > 1 ? keys[1] : null;
    add(parent, 'h2', null, 'Sweep' + (run.multi ? ' of ' + run.label : '') + ': ' + keys.join(' × '));
    add(parent, 'p', 'note', 'Each point ran every architecture; the table and charts show ' + sweep.metrics.join(', ') + ' against ' + first
      + (second ? ', one line per architecture and value of ' + second : ', one line per architecture') + '.');
    // The charts first, then the table (a row per point and architecture) folded beneath them.
    var grid = add(parent, 'div', 'charts');
    var folded = add(parent, 'details', 'sweep-figures');
    add(folded, 'summary', null, 'The figures as a table (' + sweep.points.length + ' points)');
    var table = add(folded, 'table', 'sweep-table');
    var head = add(table, 'tr');
    keys.concat(['architecture']).concat(sweep.metrics).forEach(function (h) { add(head, 'th', null, h); });
    var rows = [];
    sweep.points.forEach(function (point) {
      point.results.forEach(function (r) {
        var tr = add(table, 'tr');
        keys.forEach(function (k) { add(tr, 'td', null, fmt(point.values[k])); });
        add(tr, 'td', null, r.architecture);
        sweep.metrics.forEach(function (m) { add(tr, 'td', null, fmt(r[m])); });
        rows.push({ point: point, result: r });
      });
    });
    // x: the first key's values in the points' order; numbers where they are numbers, else their position.
    var firstValues = [];
    sweep.points.forEach(function (p) { if (firstValues.indexOf(p.values[first]) < 0) firstValues.push(p.values[first]); });
    var numeric = firstValues.every(function (v) { return typeof v === 'number'; });
    var x = numeric ? firstValues.slice().sort(function (p, q) { return p - q; }) : firstValues.map(function (v, i) { return i; });
    var positionOf = function (v) { return numeric ? x.indexOf(v) : firstValues.indexOf(v); };
    var lines = [];
    var lineOf = {};
    rows.forEach(function (row) {
      var name = row.result.architecture + (second ? ' @ ' + second.split('.').pop() + '=' + fmt(row.point.values[second]) : '');
      if (!(name in lineOf)) { lineOf[name] = lines.length; lines.push({ name: name, rows: [] }); }
      lines[lineOf[name]].rows.push(row);
    });
    sweep.metrics.forEach(function (metric) {
      if (rows.every(function (row) { return row.result[metric] === null || row.result[metric] === undefined; })) {
        add(parent, 'p', 'note', metric + ': no value at any point' + (metric === 'recovered' ? ' (the run has no faults that end, so nothing to recover from)' : '') + '; no chart.');
        return;
      }
      var series = lines.map(function (line, i) {
        var values = x.map(function () { return null; });
        line.rows.forEach(function (row) {
          var v = row.result[metric];
          values[positionOf(row.point.values[first])] = typeof v === 'boolean' ? (v ? 1 : 0) : (v === undefined ? null : v);
        });
        return { label: line.name, color: specs.palette[i % specs.palette.length], values: values, points: true };
      });
      var box = chart(grid, 'sweep-' + metric, (specs.sweepMetrics[metric] || metric) + ' against ' + first.split('.').pop(),
        specs.sweepMetrics[metric] || metric, x, series, null, first + (numeric ? '' : ' (position; values in the table)'));
      box.classList.add('sweep-chart');
    });
  }

  function deltaSection(parent, deltas) {
    add(parent, 'h2', null, 'What changed from A to B');
    add(parent, 'p', 'note', 'Per result: each figure in A, in B, and B − A; a result found in one run only shows – for the other.');
    var table = add(parent, 'table', 'delta-table');
    var names = add(table, 'tr');
    add(names, 'th', null, '');
    deltas.forEach(function (row) { var th = add(names, 'th', null, row.name); th.colSpan = 3; th.style.textAlign = 'center'; });
    var head = add(table, 'tr');
    add(head, 'th', null, 'figure');
    deltas.forEach(function () { ['A', 'B', 'B − A'].forEach(function (h) { add(head, 'th', null, h); }); });
    deltas[0].figures.forEach(function (figure, i) {
      var tr = add(table, 'tr');
      add(tr, 'td', null, figure.label);
      deltas.forEach(function (row) {
        var f = row.figures[i];
        add(tr, 'td', null, fmt(f.a));
        add(tr, 'td', null, fmt(f.b));
        add(tr, 'td', null, f.delta === undefined ? '' : (f.delta > 0 ? '+' : '') + fmt(f.delta));
      });
    });
  }

  // ---- the page ----

  var runs = page.runs;
  runs.forEach(function (run, i) {
    run.index = i;
    run.multi = runs.length > 1;
    run.xMax = 0;
    run.results.forEach(function (r) { if (r.x.length) run.xMax = Math.max(run.xMax, r.x[r.x.length - 1] + r.intervalMs / 1000); });
  });
  document.getElementById('regenerate').textContent = page.regenerate;
  document.getElementById('subtitle').textContent = runs.map(function (run) {
    return (run.multi ? run.label + ': ' : '') + run.scenario + ', seed ' + run.seed + ', run folder ' + run.folder
      + (run.description ? ' — ' + run.description : '');
  }).join('  |  ');

  if (page.deltas) deltaSection(main, page.deltas);
  // A sweep's story is its charts against the swept value: they come first, before a summary that
  // has a row per point and architecture.
  var sweeping = runs.some(function (run) { return run.sweep; });
  runs.forEach(function (run) { if (run.sweep) sweepSection(main, run); });
  runs.forEach(function (run) {
    add(main, 'h2', null, 'Summary' + (run.multi ? ' of ' + run.label + ' (' + run.folder + ')' : ''));
    add(main, 'pre', 'summary', run.summary || '(no summary.txt in the run folder)');
  });
  if (!sweeping) comparisonSection(main, runs);
  runs.forEach(function (run) {
    add(main, 'h2', null, 'Over time, per ' + (run.results.some(function (r) { return r.tiers.length; }) ? 'architecture and tier' : 'architecture')
      + (run.multi ? ' (' + run.label + ')' : ''));
    if (run.sweep) add(main, 'p', 'note', 'One result per sweep point and architecture: open one to draw its charts.');
    run.results.forEach(function (result) { resultSection(main, run, result, !!run.sweep); });
  });
  runs.forEach(function (run) {
    add(main, 'h2', null, 'Scenario' + (run.multi ? ' of ' + run.label : '') + ' (seed ' + run.seed + ')');
    add(main, 'pre', 'scenario', run.scenarioText || '(this run folder has no scenario.conf: it was made before runs kept a copy of their scenario)');
  });
  document.body.dataset.charts = String(chartsDrawn);
  document.body.dataset.rendered = 'done';
})();
