// Small SVG charts for the dashboard (no library): columns, horizontal bars, a ring gauge.
// Every text goes through textContent; nothing is parsed as HTML.
(function () {
  "use strict";
  var NS = "http://www.w3.org/2000/svg";
  var FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif";

  function el(name, attrs, text) {
    var node = document.createElementNS(NS, name);
    Object.keys(attrs || {}).forEach(function (key) {
      node.setAttribute(key, String(attrs[key]));
    });
    if (text !== undefined) node.textContent = String(text);
    return node;
  }

  function svg(container, width, height) {
    container.replaceChildren();
    var root = el("svg", { viewBox: "0 0 " + width + " " + height, "font-family": FONT });
    container.appendChild(root);
    return root;
  }

  // Drawn at the container's own width, so that texts keep their size on any screen.
  function widthOf(container) {
    return Math.max(240, Math.round(container.clientWidth || 360));
  }

  function titled(node, text) {
    node.appendChild(el("title", {}, text));
    return node;
  }

  // Vertical bars, one per item {label, value, color}; the count sits above each bar.
  function columns(container, items, options) {
    var width = widthOf(container), height = 170, top = 20, bottom = 24;
    var root = svg(container, width, height);
    var max = Math.max(1, Math.max.apply(null, items.map(function (i) { return i.value; })));
    var slot = width / items.length;
    var barWidth = Math.min(42, slot * 0.68);
    var plot = height - top - bottom;
    root.appendChild(el("line", { x1: 0, x2: width, y1: top + plot, y2: top + plot, stroke: "#cfd8dc" }));
    items.forEach(function (item, index) {
      var h = item.value ? Math.max(3, (item.value / max) * plot) : 0;
      var x = index * slot + (slot - barWidth) / 2;
      var y = top + plot - h;
      var unit = (options && options.unit) || "";
      root.appendChild(titled(
        el("rect", { x: x, y: y, width: barWidth, height: h, rx: 3, fill: item.color }),
        item.label + unit + " : " + item.value
      ));
      root.appendChild(el("text", {
        x: x + barWidth / 2, y: y - 5, "text-anchor": "middle", "font-size": 12,
        "font-weight": 700, fill: item.value ? "#17262d" : "#b0bcc1"
      }, item.value));
      root.appendChild(el("text", {
        x: x + barWidth / 2, y: height - 6, "text-anchor": "middle", "font-size": 12, fill: "#62727a"
      }, item.label));
    });
  }

  // Horizontal bars {label, value, color} with the count and the share of the total.
  function rows(container, items) {
    var width = widthOf(container), rowHeight = 34, labelWidth = 128, valueWidth = 70;
    var height = items.length * rowHeight;
    var root = svg(container, width, height);
    var total = items.reduce(function (sum, i) { return sum + i.value; }, 0);
    var max = Math.max(1, Math.max.apply(null, items.map(function (i) { return i.value; })));
    var track = width - labelWidth - valueWidth;
    items.forEach(function (item, index) {
      var y = index * rowHeight;
      var w = item.value ? Math.max(3, (item.value / max) * track) : 0;
      var share = total ? Math.round((item.value / total) * 100) : 0;
      root.appendChild(el("text", {
        x: 0, y: y + rowHeight / 2 + 4, "font-size": 12.5, fill: "#35505b"
      }, item.label));
      root.appendChild(el("rect", {
        x: labelWidth, y: y + 8, width: track, height: rowHeight - 16, rx: 4, fill: "#eef3f5"
      }));
      root.appendChild(titled(
        el("rect", { x: labelWidth, y: y + 8, width: w, height: rowHeight - 16, rx: 4, fill: item.color }),
        item.label + " : " + item.value
      ));
      root.appendChild(el("text", {
        x: width, y: y + rowHeight / 2 + 4, "text-anchor": "end", "font-size": 12.5,
        "font-weight": 700, fill: "#17262d"
      }, item.value + (total ? "  (" + share + " %)" : "")));
    });
  }

  // A ring filled to `percent` (null: empty, grey).
  function ring(container, percent, color) {
    var size = 120, stroke = 14, r = (size - stroke) / 2, c = 2 * Math.PI * r;
    var root = svg(container, size, size);
    root.appendChild(el("circle", {
      cx: size / 2, cy: size / 2, r: r, fill: "none", stroke: "#eef3f5", "stroke-width": stroke
    }));
    if (percent !== null && percent !== undefined) {
      var filled = (Math.max(0, Math.min(100, percent)) / 100) * c;
      root.appendChild(el("circle", {
        cx: size / 2, cy: size / 2, r: r, fill: "none", stroke: color, "stroke-width": stroke,
        "stroke-dasharray": filled + " " + c, "stroke-linecap": percent > 0 ? "round" : "butt",
        transform: "rotate(-90 " + size / 2 + " " + size / 2 + ")"
      }));
    }
  }

  window.ClimabotCharts = { columns: columns, rows: rows, ring: ring };
})();
