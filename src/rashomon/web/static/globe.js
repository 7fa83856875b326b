// Progressive enhancement of the flat world map: a globe the reader can spin and click.
// Orthographic projection on a canvas; our own code, no libraries. Without JavaScript the
// server-rendered SVG map (and the list beside it) keep working.
(function () {
  "use strict";
  var fig = document.getElementById("worldmap");
  var svg = fig && fig.querySelector("svg.worldmap");
  var canvas = document.createElement("canvas");
  if (!fig || !svg || !canvas.getContext || !window.fetch) return;

  var RAD = Math.PI / 180;
  var query = fig.getAttribute("data-query") || "";
  var info = {};  // code -> {level, title}
  Array.prototype.forEach.call(svg.querySelectorAll("a[data-cc]"), function (a) {
    var path = a.querySelector("path");
    var m = /\bm(\d)\b/.exec(path.getAttribute("class") || "");
    var t = path.querySelector("title");
    info[a.getAttribute("data-cc")] = {level: m ? +m[1] : 0, title: t ? t.textContent : ""};
  });

  var countries = [];
  var view = {lon: 10, lat: 20};
  var ctx = canvas.getContext("2d");
  var size = 0;
  var pending = false;

  canvas.className = "globe";
  canvas.tabIndex = 0;
  canvas.setAttribute("role", "application");
  canvas.setAttribute("aria-roledescription", "globe");
  canvas.setAttribute("aria-label", "Globe of news coverage. Drag or use the arrow keys to " +
    "turn it; press Enter to open the country in the middle. The list of countries " +
    "follows the map.");
  var tools = document.createElement("div");
  tools.className = "globe-tools";
  var toggle = document.createElement("button");
  toggle.type = "button";
  toggle.textContent = "Show flat map";
  var tip = document.createElement("span");
  tip.className = "globe-tip";
  tip.setAttribute("aria-live", "polite");
  tools.appendChild(toggle);
  tools.appendChild(tip);

  function colors() {
    var cs = getComputedStyle(document.documentElement);
    var c = {};
    ["m0", "m1", "m2", "m3", "m4", "m5", "stroke", "line", "bg", "chip", "fg"].forEach(function (k) {
      c[k] = cs.getPropertyValue("--" + k).trim();
    });
    return c;
  }

  // Orthographic projection of lon/lat (degrees) for the current view; z < 0 is the far side.
  function project(lon, lat) {
    var l = (lon - view.lon) * RAD, p = lat * RAD, p0 = view.lat * RAD;
    var cp = Math.cos(p);
    return [cp * Math.sin(l),
            Math.cos(p0) * Math.sin(p) - Math.sin(p0) * cp * Math.cos(l),
            Math.sin(p0) * Math.sin(p) + Math.cos(p0) * cp * Math.cos(l)];
  }

  function invert(x, y) {
    var rho = Math.sqrt(x * x + y * y);
    if (rho > 1) return null;
    if (rho === 0) return [view.lon, view.lat];
    var c = Math.asin(rho), p0 = view.lat * RAD;
    var lat = Math.asin(Math.cos(c) * Math.sin(p0) + y * Math.sin(c) * Math.cos(p0) / rho);
    var lon = view.lon + Math.atan2(x * Math.sin(c),
      rho * Math.cos(c) * Math.cos(p0) - y * Math.sin(c) * Math.sin(p0)) / RAD;
    lon = ((lon + 540) % 360) - 180;
    return [lon, lat / RAD];
  }

  function draw() {
    pending = false;
    var w = canvas.clientWidth;
    if (!w) return;
    var dpr = window.devicePixelRatio || 1;
    if (size !== Math.round(w * dpr)) {
      size = Math.round(w * dpr);
      canvas.width = canvas.height = size;
    }
    var r = size / 2 - 2 * dpr, cx = size / 2, cy = size / 2;
    var col = colors();
    ctx.clearRect(0, 0, size, size);
    ctx.beginPath();
    ctx.arc(cx, cy, r, 0, 2 * Math.PI);
    ctx.fillStyle = col.chip;
    ctx.fill();
    ctx.lineJoin = "round";
    countries.forEach(function (c) {
      var any = false;
      ctx.beginPath();
      c.rings.forEach(function (ring) {
        var pts = [], visible = false;
        for (var i = 0; i < ring.length; i += 2) {
          var q = project(ring[i] / 10, ring[i + 1] / 10);
          if (q[2] >= 0) visible = true;
          else {  // the far side: pin the point to the rim so shapes close along the edge
            var n = Math.sqrt(q[0] * q[0] + q[1] * q[1]) || 1;
            q = [q[0] / n, q[1] / n];
          }
          pts.push(q);
        }
        if (!visible) return;
        any = true;
        pts.forEach(function (q, k) {
          var x = cx + q[0] * r, y = cy - q[1] * r;
          if (k) ctx.lineTo(x, y); else ctx.moveTo(x, y);
        });
        ctx.closePath();
      });
      if (!any) return;
      var level = (info[c.id] || {}).level || 0;
      ctx.fillStyle = col["m" + level];
      ctx.fill("evenodd");
      ctx.strokeStyle = col.stroke;
      ctx.lineWidth = 0.6 * (window.devicePixelRatio || 1);
      ctx.stroke();
    });
    ctx.beginPath();
    ctx.arc(cx, cy, r, 0, 2 * Math.PI);
    ctx.strokeStyle = col.line;
    ctx.lineWidth = dpr;
    ctx.stroke();
    canvas.setAttribute("data-lon", view.lon.toFixed(1));
    canvas.setAttribute("data-lat", view.lat.toFixed(1));
  }

  function redraw() {
    if (!pending) { pending = true; window.requestAnimationFrame(draw); }
  }

  function inside(ring, lon, lat) {
    var hit = false;
    for (var i = 0, j = ring.length - 2; i < ring.length; j = i, i += 2) {
      var xi = ring[i] / 10, yi = ring[i + 1] / 10, xj = ring[j] / 10, yj = ring[j + 1] / 10;
      if ((yi > lat) !== (yj > lat) && lon < (xj - xi) * (lat - yi) / (yj - yi) + xi) hit = !hit;
    }
    return hit;
  }

  function countryAt(lon, lat) {
    for (var k = 0; k < countries.length; k++) {
      var c = countries[k], n = 0;
      for (var i = 0; i < c.rings.length; i++) if (inside(c.rings[i], lon, lat)) n++;
      if (n % 2) return c;
    }
    return null;
  }

  function pick(ev) {
    var rect = canvas.getBoundingClientRect();
    var half = rect.width / 2;
    var ll = invert((ev.clientX - rect.left - half) / (half - 2),
                    -(ev.clientY - rect.top - half) / (half - 2));
    return ll && countryAt(ll[0], ll[1]);
  }

  function describe(c) {
    return c ? ((info[c.id] || {}).title || c.name) : "";
  }

  function rotate(dlon, dlat) {
    view.lon = ((view.lon + dlon + 540) % 360) - 180;
    view.lat = Math.max(-80, Math.min(80, view.lat + dlat));
    redraw();
  }

  var drag = null;
  canvas.addEventListener("pointerdown", function (ev) {
    drag = {x: ev.clientX, y: ev.clientY, moved: 0};
    canvas.setPointerCapture(ev.pointerId);
  });
  canvas.addEventListener("pointermove", function (ev) {
    if (!drag) {
      var c = pick(ev);
      tip.textContent = describe(c);
      canvas.classList.toggle("over", !!c);
      return;
    }
    var k = 180 / (canvas.clientWidth || 360);
    var dx = ev.clientX - drag.x, dy = ev.clientY - drag.y;
    drag.moved += Math.abs(dx) + Math.abs(dy);
    drag.x = ev.clientX;
    drag.y = ev.clientY;
    rotate(-dx * k, dy * k);
  });
  canvas.addEventListener("pointerup", function (ev) {
    var d = drag;
    drag = null;
    if (d && d.moved < 5) {
      var c = pick(ev);
      if (c) window.location.href = "/country/" + c.id + query;
    }
  });
  canvas.addEventListener("pointercancel", function () { drag = null; });
  canvas.addEventListener("keydown", function (ev) {
    var step = ev.shiftKey ? 30 : 10;
    var keys = {ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, step],
                ArrowDown: [0, -step]};
    if (keys[ev.key]) {
      ev.preventDefault();
      rotate(keys[ev.key][0], keys[ev.key][1]);
      tip.textContent = describe(countryAt(view.lon, view.lat)) || "Ocean";
    } else if (ev.key === "Enter" || ev.key === " ") {
      var c = countryAt(view.lon, view.lat);
      if (c) { ev.preventDefault(); window.location.href = "/country/" + c.id + query; }
    }
  });

  toggle.addEventListener("click", function () {
    var flat = svg.hasAttribute("hidden");
    if (flat) {
      svg.removeAttribute("hidden");
      canvas.setAttribute("hidden", "");
      toggle.textContent = "Show globe";
    } else {
      svg.setAttribute("hidden", "");
      canvas.removeAttribute("hidden");
      toggle.textContent = "Show flat map";
      redraw();
    }
  });

  fetch(fig.getAttribute("data-world")).then(function (r) { return r.json(); }).then(function (d) {
    countries = d.countries;
    // Start over the best-covered country, so the globe opens on the news.
    var best = null;
    Object.keys(info).forEach(function (k) { if (!best || info[k].level > info[best].level) best = k; });
    countries.forEach(function (c) {
      if (c.id !== best) return;
      var ring = c.rings.reduce(function (a, b) { return b.length > a.length ? b : a; });
      var sx = 0, sy = 0;
      for (var i = 0; i < ring.length; i += 2) { sx += ring[i]; sy += ring[i + 1]; }
      view.lon = sx / (ring.length / 2) / 10;
      view.lat = Math.max(-60, Math.min(60, sy / (ring.length / 2) / 10));
    });
    svg.setAttribute("hidden", "");
    fig.insertBefore(tools, svg);
    fig.insertBefore(canvas, svg);
    canvas.setAttribute("data-ready", "1");
    redraw();
    if (window.ResizeObserver) new ResizeObserver(redraw).observe(canvas);
    if (window.matchMedia) window.matchMedia("(prefers-color-scheme: dark)").addEventListener("change", redraw);
  }).catch(function () { /* keep the flat map */ });
})();
