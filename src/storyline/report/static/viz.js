/* Storyline charts shared by the report and the web app: timeline (SVG), event map (Leaflet on
   bundled country outlines, no tile server) and citation highlighting. Article-derived text is
   only ever set with textContent or SVG <title> text nodes, never as HTML. */
(function (root) {
  "use strict";
  var SVG_NS = "http://www.w3.org/2000/svg";
  var COLORS = {
    "Battles": "#b03a2e",
    "Explosions/Remote violence": "#d35400",
    "Violence against civilians": "#7d3c98",
    "Protests": "#2471a3",
    "Riots": "#138d75",
    "Strategic developments": "#707b7c"
  };
  var DAY = 86400000;

  function color(type) { return COLORS[type] || "#34495e"; }

  function el(name, attrs, parent) {
    var node = document.createElementNS(SVG_NS, name);
    Object.keys(attrs || {}).forEach(function (key) { node.setAttribute(key, attrs[key]); });
    if (parent) { parent.appendChild(node); }
    return node;
  }

  function note(container, text) {
    var p = document.createElement("p");
    p.className = "muted empty";
    p.textContent = text;
    container.appendChild(p);
  }

  function day(iso) {
    var m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso || "");
    return m ? Date.UTC(+m[1], +m[2] - 1, +m[3]) : null;
  }

  function isoDay(ms) { return new Date(ms).toISOString().slice(0, 10); }

  function timeline(container, items) {
    container.textContent = "";
    var dated = (items || []).filter(function (it) { return day(it.start) !== null; });
    if (!dated.length) { note(container, "No dated events to chart."); return null; }
    var lo = Infinity, hi = -Infinity;
    dated.forEach(function (it) {
      it._s = day(it.start); it._e = day(it.end) || it._s;
      if (it._e < it._s) { it._e = it._s; }
      lo = Math.min(lo, it._s); hi = Math.max(hi, it._e);
    });
    lo -= DAY; hi += DAY;
    var width = Math.max(container.clientWidth || 0, 320), pad = 14, lane = 18;
    var x = function (ms) { return pad + (ms - lo) / (hi - lo) * (width - 2 * pad); };
    dated.sort(function (a, b) { return a._s - b._s; });
    /* Every bar carries its label; a lane holds a bar and its label side by side, so labels
       never overlap. A label that would leave the chart on the right goes left of its bar. */
    var lanes = [];
    dated.forEach(function (it) {
      var x0 = x(it._s), x1 = Math.max(x(it._e + DAY) - 1, x0 + 8);
      it._text = shorten(it.label || "", 46);
      var textWidth = it._text.length * 6 + 6;
      it._place = "right";
      if (x1 + textWidth > width - pad) {
        if (x0 - textWidth > pad) {
          it._place = "left";
        } else {
          /* no room on either side: the label goes inside the bar, cut to its length */
          it._place = "inside";
          it._text = shorten(it.label || "", Math.max(4, Math.floor((x1 - x0 - 8) / 6)));
          textWidth = 0;
        }
      }
      var from = it._place === "left" ? x0 - textWidth : x0;
      var to = it._place === "right" ? x1 + textWidth : x1;
      var k = 0;
      while (k < lanes.length && lanes[k] > from - 4) { k += 1; }
      lanes[k] = to; it._x0 = x0; it._x1 = x1; it._lane = k;
    });
    var height = 30 + lanes.length * lane;
    var svg = el("svg", {"class": "timeline-chart", "width": width, "height": height,
      "viewBox": "0 0 " + width + " " + height, "role": "img", "aria-label": "event timeline"}, container);
    el("line", {"x1": pad, "x2": width - pad, "y1": height - 22, "y2": height - 22, "class": "axis"}, svg);
    var ticks = Math.min(6, Math.max(2, Math.round((hi - lo) / DAY)));
    for (var i = 0; i <= ticks; i += 1) {
      var ms = lo + (hi - lo) * i / ticks;
      var tx = x(ms);
      el("line", {"x1": tx, "x2": tx, "y1": height - 22, "y2": height - 18, "class": "axis"}, svg);
      var label = el("text", {"x": tx, "y": height - 6, "class": "tick",
        "text-anchor": i === 0 ? "start" : (i === ticks ? "end" : "middle")}, svg);
      label.textContent = isoDay(ms);
    }
    dated.forEach(function (it) {
      var g = el("g", {"class": "tl-event", "data-event-id": it.id || ""}, svg);
      var y = 6 + it._lane * lane;
      el("rect", {"x": it._x0, "y": y, "width": it._x1 - it._x0, "height": lane - 6,
        "rx": 3, "fill": color(it.type)}, g);
      var at = {"left": it._x0 - 4, "right": it._x1 + 4, "inside": it._x0 + 4}[it._place];
      var text = el("text", {"class": "tl-label" + (it._place === "inside" ? " inside" : ""),
        "y": y + lane - 8, "x": at, "text-anchor": it._place === "left" ? "end" : "start"}, g);
      text.textContent = it._text;
      var title = el("title", {}, g);
      title.textContent = (it.start === it.end ? it.start : it.start + " – " + it.end) + ": " + (it.label || "");
    });
    legend(container, dated.map(function (it) { return it.type; }));
    return svg;
  }

  function shorten(text, limit) {
    return text.length <= limit ? text : text.slice(0, limit - 1).replace(/\s+\S*$/, "") + "…";
  }

  /* The colours' meaning, for the types actually drawn. */
  function legend(container, types) {
    var seen = [];
    types.forEach(function (t) { if (seen.indexOf(t) < 0) { seen.push(t); } });
    if (!seen.length) { return null; }
    var box = document.createElement("div");
    box.className = "legend";
    seen.sort().forEach(function (t) {
      var item = document.createElement("span");
      item.className = "legend-item";
      var swatch = document.createElement("span");
      swatch.className = "swatch";
      swatch.style.background = color(t);
      item.appendChild(swatch);
      item.appendChild(document.createTextNode(t || "other"));
      box.appendChild(item);
    });
    container.appendChild(box);
    return box;
  }

  /* World outlines are stitched across the date line (Russia's Chukotka, Fiji, Antarctica):
     drawn on a flat map, such a ring jumps from +180 to -180 and paints a stripe across the
     world. Each ring is made continuous in longitude, closed over the pole when it circles
     one, and drawn a second time 360 degrees over when it runs past the edge. */
  function unwrapRing(ring) {
    var out = [], shift = 0;
    for (var i = 0; i < ring.length; i += 1) {
      if (i > 0) {
        var step = ring[i][0] - ring[i - 1][0];
        if (step > 180) { shift -= 360; } else if (step < -180) { shift += 360; }
      }
      out.push([ring[i][0] + shift, ring[i][1]]);
    }
    if (shift !== 0) {
      /* the ring went once round the globe: it encloses a pole; close it along that pole */
      var pole = out.reduce(function (sum, p) { return sum + p[1]; }, 0) < 0 ? -90 : 90;
      var last = out[out.length - 1], first = out[0];
      out.push([last[0], pole], [first[0], pole], [first[0], first[1]]);
    }
    return out;
  }

  function shiftedPolygons(polygon) {
    var rings = polygon.map(unwrapRing);
    var lo = Infinity, hi = -Infinity;
    rings[0].forEach(function (p) { lo = Math.min(lo, p[0]); hi = Math.max(hi, p[0]); });
    var copies = [rings];
    var offset = hi > 180 ? -360 : (lo < -180 ? 360 : 0);
    if (offset) {
      copies.push(rings.map(function (ring) {
        return ring.map(function (p) { return [p[0] + offset, p[1]]; });
      }));
    }
    return copies;
  }

  function splitAntimeridian(collection) {
    (collection.features || []).forEach(function (feature) {
      var g = feature.geometry;
      if (!g) { return; }
      var polygons = g.type === "Polygon" ? [g.coordinates] : (g.type === "MultiPolygon" ? g.coordinates : null);
      if (!polygons) { return; }
      var result = [];
      polygons.forEach(function (polygon) { result = result.concat(shiftedPolygons(polygon)); });
      feature.geometry = {type: "MultiPolygon", coordinates: result};
    });
    return collection;
  }

  function map(container, world, points) {
    container.textContent = "";
    if (!root.L) { note(container, "The map library is not bundled in this build (run make setup)."); return null; }
    var m = root.L.map(container, {attributionControl: false, zoomSnap: 0.25, worldCopyJump: false,
      minZoom: 1, maxZoom: 10});
    var located = (points || []).filter(function (p) {
      return typeof p.lat === "number" && typeof p.lon === "number";
    });
    /* Leaflet needs a view before vector layers are added. */
    if (located.length) {
      var bounds = root.L.latLngBounds(located.map(function (p) { return [p.lat, p.lon]; }));
      m.fitBounds(bounds.pad(0.6), {maxZoom: 5});
    } else {
      m.setView([25, 20], 1);
    }
    if (world && root.topojson && world.objects && world.objects.countries) {
      root.L.geoJSON(splitAntimeridian(root.topojson.feature(world, world.objects.countries)), {
        interactive: false,
        style: {color: "#8a96a3", weight: 0.6, fillColor: "#f3f1ea", fillOpacity: 1}
      }).addTo(m);
    }
    located.forEach(function (p) {
      var marker = root.L.circleMarker([p.lat, p.lon], {radius: 6, color: "#ffffff", weight: 1,
        fillColor: color(p.type), fillOpacity: 0.9, className: "event-marker"});
      var tip = document.createElement("span");
      tip.textContent = (p.date ? p.date + ": " : "") + (p.label || p.name || "");
      marker.bindTooltip(tip);
      marker.addTo(m);
    });
    if (located.length) {
      var control = root.L.control({position: "bottomleft"});
      control.onAdd = function () {
        var holder = document.createElement("div");
        legend(holder, located.map(function (p) { return p.type; }));
        return holder.firstChild || holder;
      };
      control.addTo(m);
    }
    if (!located.length) {
      var empty = document.createElement("div");
      empty.className = "map-empty";
      empty.textContent = "No event has a resolved location.";
      container.appendChild(empty);
    }
    return m;
  }

  /* Wrap characters [start, end) of a text block in <mark>; offsets are UTF-16, as the server
     computed them. The block's original text is kept so a second click starts clean. */
  function highlight(body, start, end) {
    if (!body) { return null; }
    if (body.storylineText === undefined) { body.storylineText = body.textContent; }
    var text = body.storylineText;
    body.textContent = "";
    if (typeof start !== "number" || typeof end !== "number" || isNaN(start) || isNaN(end) ||
        start < 0 || end > text.length || end <= start) {
      body.textContent = text;
      return null;
    }
    var mark = document.createElement("mark");
    mark.className = "cited";
    mark.textContent = text.slice(start, end);
    body.appendChild(document.createTextNode(text.slice(0, start)));
    body.appendChild(mark);
    body.appendChild(document.createTextNode(text.slice(end)));
    for (var node = body; node; node = node.parentElement) {
      if (node.tagName === "DETAILS") { node.open = true; }
    }
    mark.scrollIntoView({block: "center"});
    return mark;
  }

  function readJSON(id) {
    var node = document.getElementById(id);
    if (!node) { return null; }
    try { return JSON.parse(node.textContent); } catch (e) { return null; }
  }

  /* Draw charts when they scroll into view, so a report with many stories opens fast. */
  function whenVisible(node, draw) {
    if (!("IntersectionObserver" in root)) { draw(); return; }
    var observer = new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (entry.isIntersecting) { observer.disconnect(); draw(); }
      });
    }, {rootMargin: "200px"});
    observer.observe(node);
  }

  root.StorylineViz = {timeline: timeline, map: map, highlight: highlight, readJSON: readJSON,
    whenVisible: whenVisible, color: color, legend: legend, splitAntimeridian: splitAntimeridian};
})(window);
