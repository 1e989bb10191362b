/* Boots web-app pages: charts from the page's JSON block, world outlines from /static. */
(function () {
  "use strict";
  var viz = window.StorylineViz;
  var data = viz.readJSON("page-data") || {};
  var stories = data.stories || {};
  var worldPromise = null;
  function world() {
    if (!worldPromise) {
      worldPromise = fetch("/static/world.json").then(function (r) {
        return r.ok ? r.json() : null;
      }).catch(function () { return null; });
    }
    return worldPromise;
  }
  document.querySelectorAll("[data-timeline]").forEach(function (node) {
    var chart = stories[node.getAttribute("data-timeline")];
    viz.timeline(node, chart ? chart.timeline : []);
  });
  document.querySelectorAll("[data-map]").forEach(function (node) {
    var key = node.getAttribute("data-map");
    var points = key === "*" ? data.points : (stories[key] || {}).points;
    world().then(function (w) { viz.map(node, w, points || []); });
  });
  var cited = document.getElementById("cited");
  if (cited) { cited.scrollIntoView({block: "center"}); }
})();
