/* gongkai explore: draws the views embedded as JSON in this page (no network). */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("explore-data").textContent);
  var charts = {};
  var SHOWN = 300;

  function fmt(value, kind) {
    if (value === null || value === undefined || value === "") return "";
    if (kind === "int") return Math.round(value).toLocaleString("zh-CN");
    if (kind === "pct") return Number(value).toFixed(1) + "%";
    if (kind === "num") return Number(value).toLocaleString("zh-CN", {maximumFractionDigits: 2});
    return String(value);
  }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function csv(view, rows) {
    var quote = function (v) {
      var s = v === null || v === undefined ? "" : String(v);
      return /[",\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
    };
    var lines = [view.columns.map(function (c) { return quote(c[1]); }).join(",")];
    rows.forEach(function (r) {
      lines.push(view.columns.map(function (c) { return quote(r[c[0]]); }).join(","));
    });
    var blob = new Blob(["\ufeff" + lines.join("\n")], {type: "text/csv;charset=utf-8"});
    var a = el("a", {href: URL.createObjectURL(blob), download: view.id + ".csv"});
    document.body.appendChild(a);
    a.click();
    a.remove();
  }

  function matches(row, view, query) {
    if (!query) return true;
    return view.columns.some(function (c) {
      var v = row[c[0]];
      return v !== null && v !== undefined && String(v).indexOf(query) >= 0;
    });
  }

  function renderTable(view, holder, rows) {
    holder.innerHTML = "";
    var table = el("table");
    var head = el("tr");
    view.columns.forEach(function (c) { head.appendChild(el("th", {scope: "col"}, c[1])); });
    table.appendChild(el("thead")).appendChild(head);
    var body = el("tbody");
    rows.slice(0, SHOWN).forEach(function (r) {
      var tr = el("tr");
      view.columns.forEach(function (c) {
        tr.appendChild(el("td", {"class": c[2] === "text" ? "t" : "n"}, fmt(r[c[0]], c[2])));
      });
      body.appendChild(tr);
    });
    table.appendChild(body);
    holder.appendChild(table);
    var more = rows.length > SHOWN ? "，显示前 " + SHOWN + " 行" : "";
    var cut = view.total > view.rows.length ?
      "（本文件收录 " + view.rows.length + " 行，共 " + view.total + " 行，完整表格请导出）" : "";
    holder.appendChild(el("p", {"class": "count"}, "共 " + rows.length + " 行" + more + cut));
  }

  function agencyChart(view, rows) {
    var years = rows.map(function (r) { return String(r.year); });
    var series = Object.keys(view.extra.outcomes).map(function (k) {
      return {name: view.extra.outcomes[k], type: "bar", stack: "a",
              data: rows.map(function (r) { return r[k]; })};
    });
    series.push({name: "公开率", type: "line", yAxisIndex: 1,
                 data: rows.map(function (r) { return r.open_rate; })});
    return {
      tooltip: {trigger: "axis"},
      legend: {type: "scroll", top: 0},
      grid: {left: 8, right: 8, top: 56, bottom: 8, containLabel: true},
      xAxis: {type: "category", data: years},
      yAxis: [{type: "value", name: "件"},
              {type: "value", max: 100, axisLabel: {formatter: "{value}%"}}],
      series: series
    };
  }

  function drawChart(view, option) {
    var div = document.getElementById("chart-" + view.id);
    if (!div || !window.echarts) return;
    if (view.extra && view.extra.height) div.style.height = view.extra.height + "px";
    if (!charts[view.id]) charts[view.id] = window.echarts.init(div);
    charts[view.id].setOption(option, true);
    charts[view.id].resize();
  }

  function buildView(view) {
    var section = document.getElementById("view-" + view.id);
    var tableHolder = section.querySelector(".table");
    var filter = section.querySelector("input.filter");
    var picker = section.querySelector("select.agency");
    var current = view.rows;
    function refresh() {
      var query = filter.value.trim();
      var rows = view.rows;
      if (picker) {
        rows = rows.filter(function (r) { return r.agency === picker.value; });
        drawChart(view, agencyChart(view, rows));
      }
      current = rows.filter(function (r) { return matches(r, view, query); });
      renderTable(view, tableHolder, current);
    }
    if (picker) {
      var names = [];
      view.rows.forEach(function (r) { if (names.indexOf(r.agency) < 0) names.push(r.agency); });
      names.forEach(function (n) { picker.appendChild(el("option", {value: n}, n)); });
      picker.addEventListener("change", refresh);
    }
    filter.addEventListener("input", refresh);
    var button = section.querySelector("button.csv");  // absent when the server exports
    if (button) button.addEventListener("click", function () { csv(view, current); });
    view.refresh = function () {
      if (view.chart) drawChart(view, view.chart);
      refresh();
    };
  }

  function show(id) {
    data.views.forEach(function (view) {
      var on = view.id === id;
      document.getElementById("view-" + view.id).hidden = !on;
      document.getElementById("tab-" + view.id).setAttribute("aria-selected", on ? "true" : "false");
      if (on) view.refresh();
    });
  }

  data.views.forEach(buildView);
  data.views.forEach(function (view) {
    document.getElementById("tab-" + view.id).addEventListener("click", function () {
      history.replaceState(null, "", "#" + view.id);
      show(view.id);
    });
  });
  window.addEventListener("resize", function () {
    Object.keys(charts).forEach(function (k) { charts[k].resize(); });
  });
  var start = location.hash.slice(1);
  show(data.views.some(function (v) { return v.id === start; }) ? start : data.views[0].id);
  document.body.setAttribute("data-ready", "1");
})();
