/* Boots the offline report: charts per story, the overview map, and citation clicks. */
(function () {
  "use strict";
  var viz = window.StorylineViz;
  var data = viz.readJSON("storyline-data") || {stories: {}, points: []};
  var world = viz.readJSON("storyline-world");

  document.querySelectorAll("[data-timeline]").forEach(function (node) {
    var chart = data.stories[node.getAttribute("data-timeline")];
    viz.whenVisible(node, function () { viz.timeline(node, chart ? chart.timeline : []); });
  });
  document.querySelectorAll("[data-map]").forEach(function (node) {
    var key = node.getAttribute("data-map");
    var points = key === "*" ? data.points : (data.stories[key] || {}).points;
    viz.whenVisible(node, function () { viz.map(node, world, points || []); });
  });

  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("button.cite") : null;
    if (!button) { return; }
    event.preventDefault();
    var article = document.getElementById("a-" + button.getAttribute("data-article"));
    if (!article) { return; }
    var body = article.querySelector(".body");
    var start = parseInt(button.getAttribute("data-start"), 10);
    var end = parseInt(button.getAttribute("data-end"), 10);
    if (!viz.highlight(body, start, end)) {
      article.querySelector("details").open = true;
      article.scrollIntoView({block: "start"});
    }
  });
})();
