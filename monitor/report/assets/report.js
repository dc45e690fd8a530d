/* The report page's script: draws the charts (plotly.js, loaded beside this file) and the
 * evidence list from window.MONITOR_REPORT (data-*.js).
 *
 * Text from the web (titles, sentences, outlets) reaches the page only through textContent
 * and, in chart labels, HTML-escaped; links only when they are http(s). No request leaves
 * this folder. The list and the tables work first (<html data-interactive-ms>); the chart
 * library is loaded after, and when the charts are drawn <html data-ready="1"> is set.
 */
(function () {
  "use strict";

  var DATA = window.MONITOR_REPORT;
  var PAGE_SIZE = 20;
  var HOVER_TITLES = 3;
  var NOVELTY = { n: "new", b: "background", r: "re-publication" };
  var NOVELTY_VALUE = { n: "new", b: "background", r: "baseline_repeat" };
  var MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  var SYMBOLS = {
    completed: "star", delayed: "triangle-right", extended: "triangle-right",
    reversed: "x", denied: "circle-open", confirmed: "diamond-open", step: "circle",
    calendar: "square-open"
  };
  var charts = [];

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (key) {
        if (key === "text") node.textContent = attrs[key];
        else if (key === "className") node.className = attrs[key];
        else node.setAttribute(key, attrs[key]);
      });
    }
    (children || []).forEach(function (child) {
      if (child === null || child === undefined) return;
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  function safeHref(url) {
    return typeof url === "string" && /^https?:\/\/[^\s]+$/i.test(url) ? url : null;
  }

  function link(url, text) {
    var href = safeHref(url);
    if (!href) return el("span", { text: text });
    return el("a", { href: href, rel: "noopener noreferrer", text: text });
  }

  function day(iso) {
    if (!iso) return "";
    var parts = iso.split("-");
    return Number(parts[2]) + " " + MONTHS[Number(parts[1]) - 1] + " " + parts[0];
  }

  function time(iso) {
    return el("time", { datetime: iso, text: day(iso) });
  }

  // For chart labels: plotly reads a few tags in its text; text from the web must stay text.
  function escapeLabel(text) {
    return String(text || "").replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  }

  function sentence(parts) {
    if (!parts) return null;
    var quote = el("blockquote");
    quote.appendChild(document.createTextNode(parts[0]));
    if (parts[1]) quote.appendChild(el("mark", { text: parts[1] }));
    if (parts[2]) quote.appendChild(document.createTextNode(parts[2]));
    return quote;
  }

  function colours() {
    var css = getComputedStyle(document.documentElement);
    var get = function (name) { return css.getPropertyValue(name).trim(); };
    return {
      text: get("--text"), muted: get("--muted"), line: get("--line"), card: get("--card"),
      news: get("--new"), background: get("--background"), bad: get("--bad"),
      warn: get("--warn"), ok: get("--ok"), accent: get("--accent")
    };
  }

  function baseLayout(c) {
    return {
      autosize: true,
      margin: { l: 44, r: 12, t: 26, b: 30 },
      paper_bgcolor: "rgba(0,0,0,0)",
      plot_bgcolor: "rgba(0,0,0,0)",
      font: { family: "-apple-system, BlinkMacSystemFont, Segoe UI, Roboto, Arial, sans-serif", size: 12, color: c.text },
      barmode: "stack",
      bargap: 0.15,
      hovermode: "closest",
      hoverlabel: { bgcolor: c.card, bordercolor: c.line, font: { color: c.text }, align: "left" },
      legend: { orientation: "h", x: 0, y: -0.14, yanchor: "top", font: { color: c.text } },
      xaxis: { type: "date", gridcolor: c.line, linecolor: c.line, zerolinecolor: c.line, tickfont: { color: c.muted } },
      yaxis: { title: { text: "articles", font: { color: c.muted } }, gridcolor: c.line, zerolinecolor: c.line, rangemode: "tozero", tickfont: { color: c.muted }, fixedrange: true }
    };
  }

  var CONFIG = { displayModeBar: false, responsive: true, scrollZoom: false };

  // --- timelines ------------------------------------------------------------------------------

  // Per timeline, the articles of each bucket (newest first): built once, in one pass.
  var byBucket = {};
  function bucketArticles(timeline) {
    if (byBucket[timeline]) return byBucket[timeline];
    var buckets = DATA.timelines[timeline].buckets;
    var found = buckets.map(function () { return []; });
    DATA.stories.forEach(function (story) {
      if (story.m !== timeline || story.n === "r") return;
      story.l.forEach(function (item) {
        var lo = 0, hi = buckets.length - 1;
        while (lo <= hi) {
          var mid = (lo + hi) >> 1;
          if (item.d < buckets[mid][0]) hi = mid - 1;
          else if (item.d > buckets[mid][1]) lo = mid + 1;
          else { found[mid].push({ story: story, link: item }); break; }
        }
      });
    });
    found.forEach(function (items) {
      items.sort(function (a, b) { return a.link.d < b.link.d ? 1 : a.link.d > b.link.d ? -1 : 0; });
    });
    byBucket[timeline] = found;
    return found;
  }

  function periodWord(unit) { return unit === "month" ? "Month" : "Week"; }

  function hoverText(t, index, bucketIndex, novelty) {
    var bucket = t.buckets[bucketIndex];
    var articles = bucketArticles(index)[bucketIndex].filter(function (a) { return a.story.n === novelty; });
    var lines = [periodWord(t.unit) + " from " + day(bucket[0]) + ": " + articles.length + " " + NOVELTY[novelty]];
    articles.slice(0, HOVER_TITLES).forEach(function (a) {
      var title = a.link.t.length > 80 ? a.link.t.slice(0, 79) + "…" : a.link.t;
      lines.push("• " + escapeLabel(title) + " (" + escapeLabel(a.link.o) + ")");
    });
    if (articles.length > HOVER_TITLES) lines.push("… and " + (articles.length - HOVER_TITLES) + " more: click to list them");
    return lines.join("<br>");
  }

  var DAY = 86400000;

  function timelineFigure(t, index, c) {
    var period = t.unit === "month" ? "M1" : 7 * DAY;
    // An explicit width: with one bar alone plotly has no spacing to size it from.
    var width = (t.unit === "month" ? 30 : 7) * DAY * 0.8;
    var starts = t.buckets.map(function (b) { return b[0]; });
    var ids = t.buckets.map(function (_, i) { return i; });
    var peak = Math.max.apply(null, [1].concat(t.buckets.map(function (b) { return b[2] + b[3]; })));
    var traces = [
      {
        type: "bar", name: "new", x: starts, y: t.buckets.map(function (b) { return b[2]; }),
        xperiod: period, xperiodalignment: "middle", customdata: ids, width: width,
        marker: { color: c.news },
        hovertext: ids.map(function (i) { return hoverText(t, index, i, "n"); }),
        hovertemplate: "%{hovertext}<extra></extra>"
      },
      {
        type: "bar", name: "background", x: starts, y: t.buckets.map(function (b) { return b[3]; }),
        xperiod: period, xperiodalignment: "middle", customdata: ids, width: width,
        marker: { color: c.background },
        hovertext: ids.map(function (i) { return hoverText(t, index, i, "b"); }),
        hovertemplate: "%{hovertext}<extra></extra>"
      }
    ];
    if (t.markers.length) {
      traces.push({
        type: "scatter", mode: "markers", name: "history",
        x: t.markers.map(function (m) { return m.d; }),
        y: t.markers.map(function () { return peak * 1.12; }),
        marker: {
          size: 11, color: t.markers.map(function (m) { return m.k === "completed" ? c.ok : m.k === "step" ? c.accent : m.k === "calendar" ? c.bad : c.warn; }),
          symbol: t.markers.map(function (m) { return SYMBOLS[m.k] || "circle"; }),
          line: { width: 1, color: c.text }
        },
        hovertext: t.markers.map(function (m) {
          var head = day(m.d) + ": " + m.w + (m.s ? " → " + m.s : "");
          var body = m.t ? "<br>" + escapeLabel(m.t.length > 120 ? m.t.slice(0, 119) + "…" : m.t) : "";
          var source = m.o ? "<br>(" + escapeLabel(m.o) + ")" : "";
          return head + body + source;
        }),
        hovertemplate: "%{hovertext}<extra></extra>"
      });
    }
    var layout = baseLayout(c);
    var shapes = [];
    var notes = [];
    function line(iso, text, dash, colour) {
      if (!iso) return;
      shapes.push({ type: "line", xref: "x", yref: "paper", x0: iso, x1: iso, y0: 0, y1: 1, line: { color: colour, width: 2, dash: dash } });
      notes.push({ x: iso, xref: "x", yref: "paper", y: 1, yanchor: "bottom", text: text, showarrow: false, font: { color: colour, size: 11 } });
    }
    line(t.announced, "announced", "dot", c.muted);
    line(t.due, "due", "dash", c.bad);
    if (t.effectiveDue !== t.due) line(t.effectiveDue, "effective due", "dashdot", c.warn);
    layout.shapes = shapes;
    layout.annotations = notes;
    layout.yaxis.range = [0, peak * 1.25];
    layout.yaxis.dtick = Math.max(1, Math.ceil(peak / 5));
    return { data: traces, layout: layout };
  }

  function showBucket(timeline, bucket) {
    var t = DATA.timelines[timeline];
    var b = t.buckets[bucket];
    var panel = document.getElementById("bucket-" + timeline);
    var found = bucketArticles(timeline)[bucket];
    panel.textContent = "";
    var heading = el("h3", { tabindex: "-1", text: periodWord(t.unit) + " from " + day(b[0]) + " to " + day(b[1]) + ": " + b[2] + " new, " + b[3] + " background" });
    panel.appendChild(heading);
    var list = el("ul");
    found.slice(0, 50).forEach(function (a) {
      list.appendChild(el("li", null, [
        time(a.link.d), " ", el("span", { className: "tag " + a.story.n, text: NOVELTY[a.story.n] }), " ",
        a.link.o ? a.link.o + ": " : "", link(a.link.u, a.link.t)
      ]));
    });
    panel.appendChild(list);
    if (found.length > 50) panel.appendChild(el("p", { text: "… and " + (found.length - 50) + " more." }));
    var show = el("button", { type: "button", text: "Show them in the evidence list" });
    show.addEventListener("click", function () {
      setFilters({ milestone: t.id, from: b[0], to: b[1], novelty: ["new", "background"] });
      document.getElementById("evidence").focus();
      document.getElementById("evidence").scrollIntoView();
    });
    panel.appendChild(show);
    panel.hidden = false;
    heading.focus({ preventScroll: true });
  }

  function drawTimelines(c) {
    DATA.timelines.forEach(function (t, index) {
      var box = document.getElementById("chart-" + index);
      if (!box) return;
      var figure = timelineFigure(t, index, c);
      Plotly.newPlot(box, figure.data, figure.layout, CONFIG);
      box.on("plotly_click", function (event) {
        var point = event && event.points && event.points[0];
        if (point && point.data.type === "bar") showBucket(index, point.customdata);
      });
      charts.push({ box: box, redraw: function (cc) { var f = timelineFigure(t, index, cc); Plotly.react(box, f.data, f.layout, CONFIG); } });
    });
  }

  function enableTables() {
    Array.prototype.forEach.call(document.querySelectorAll("button.list"), function (button) {
      button.disabled = false;
      button.addEventListener("click", function () {
        showBucket(Number(button.getAttribute("data-timeline")), Number(button.getAttribute("data-bucket")));
      });
    });
  }

  function coverageFigure(c) {
    var polls = DATA.coverage.polls;
    var period = DATA.coverage.unit === "week" ? 7 * DAY : DAY;
    function trace(name, column, colour) {
      return {
        type: "bar", name: name, x: polls.map(function (p) { return p[0]; }), y: polls.map(function (p) { return p[column]; }),
        xperiod: period, xperiodalignment: "middle", width: period * 0.8, marker: { color: colour },
        hovertemplate: "%{x|%d %b %Y}: %{y} " + name + "<extra></extra>"
      };
    }
    var layout = baseLayout(c);
    layout.yaxis.title.text = "polls";
    var most = Math.max.apply(null, [1].concat(DATA.coverage.polls.map(function (p) { return p[2] + p[3] + p[4]; })));
    layout.yaxis.dtick = Math.max(1, Math.ceil(most / 5));
    return { data: [trace("new items", 2, c.ok), trace("unchanged", 3, c.background), trace("failed", 4, c.bad)], layout: layout };
  }

  function drawCoverage(c) {
    var box = document.getElementById("coverage-chart");
    if (!box || !DATA.coverage.polls.length) return;
    var figure = coverageFigure(c);
    Plotly.newPlot(box, figure.data, figure.layout, CONFIG);
    charts.push({ box: box, redraw: function (cc) { var f = coverageFigure(cc); Plotly.react(box, f.data, f.layout, CONFIG); } });
  }

  // --- evidence -------------------------------------------------------------------------------

  var state = { page: 0, matches: [] };
  var form, list, countLine, pageInfo, prev, next;

  function filters() {
    var novelties = Array.prototype.filter.call(form.querySelectorAll("input[name=novelty]"), function (box) { return box.checked; })
      .map(function (box) { return box.value; });
    return {
      milestone: form.elements.milestone.value,
      novelty: novelties,
      from: form.elements.from.value,
      to: form.elements.to.value,
      words: form.elements.q.value.trim().toLowerCase()
    };
  }

  function setFilters(wanted) {
    var index = {};
    DATA.milestones.forEach(function (m) { index[m.id] = true; });
    form.elements.milestone.value = index[wanted.milestone] ? wanted.milestone : "";
    Array.prototype.forEach.call(form.querySelectorAll("input[name=novelty]"), function (box) {
      box.checked = wanted.novelty.indexOf(box.value) >= 0;
    });
    form.elements.from.value = wanted.from || "";
    form.elements.to.value = wanted.to || "";
    form.elements.q.value = "";
    apply();
  }

  function haystack(story) {
    if (story._text === undefined) {
      var parts = [story.h].concat(story.o);
      if (story.s) parts.push(story.s.join(""));
      story.l.forEach(function (item) { parts.push(item.t); });
      story._text = parts.join(" \u0001 ").toLowerCase();
    }
    return story._text;
  }

  function matches(story, f) {
    if (f.milestone) {
      var m = story.m >= 0 ? DATA.milestones[story.m].id : "";
      if (m !== f.milestone) return false;
    }
    if (f.novelty.indexOf(NOVELTY_VALUE[story.n]) < 0) return false;
    var last = story.e || story.d;
    if (f.from && last < f.from) return false;
    if (f.to && story.d > f.to) return false;
    if (f.words && haystack(story).indexOf(f.words) < 0) return false;
    return true;
  }

  function apply() {
    var f = filters();
    state.matches = DATA.stories.filter(function (story) { return matches(story, f); });
    state.page = 0;
    render();
  }

  function storyItem(story) {
    var milestone = story.m >= 0 ? DATA.milestones[story.m].title : "the baseline";
    var tags = el("p", { className: "tags" }, [
      el("span", { className: "tag " + story.n, text: NOVELTY[story.n] }),
      story.c ? el("span", { className: "tag change", text: story.c }) : null,
      time(story.d),
      story.e ? el("span", null, ["to ", time(story.e)]) : null,
      el("span", { className: "ms", text: milestone })
    ]);
    var first = story.l[0];
    var item = el("li", { className: "story" }, [
      tags,
      el("h3", null, [link(first.u, story.h)]),
      sentence(story.s)
    ]);
    if (story.f && story.f.length) {
      item.appendChild(el("ul", { className: "facts" }, story.f.map(function (fact) { return el("li", { text: fact }); })));
    }
    var count = story.l.length;
    item.appendChild(el("p", { className: "outlets", text: "Reported by " + story.o.join(", ") + (count > 1 ? " (" + count + " articles)" : "") }));
    if (count > 1 || story.l.some(function (l) { return l.s; })) {
      var details = el("details", null, [el("summary", { text: count > 1 ? "The " + count + " articles" : "The article" })]);
      var links = el("ul");
      story.l.forEach(function (l) {
        var li = el("li", null, [time(l.d), " ", l.o ? l.o + ": " : "", link(l.u, l.t)]);
        if (l.s) li.appendChild(sentence(l.s));
        links.appendChild(li);
      });
      details.appendChild(links);
      item.appendChild(details);
    }
    return item;
  }

  function render() {
    var total = state.matches.length;
    var pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
    state.page = Math.min(state.page, pages - 1);
    var start = state.page * PAGE_SIZE;
    var shown = state.matches.slice(start, start + PAGE_SIZE);
    var fragment = document.createDocumentFragment();
    shown.forEach(function (story) { fragment.appendChild(storyItem(story)); });
    list.textContent = "";
    list.appendChild(fragment);
    var all = DATA.stories.length;
    countLine.textContent = total === 0
      ? "No story matches these filters (of " + all.toLocaleString("en") + ")."
      : "Showing " + (start + 1).toLocaleString("en") + "–" + (start + shown.length).toLocaleString("en") + " of " +
        total.toLocaleString("en") + " matching " + (total === 1 ? "story" : "stories") + " (of " + all.toLocaleString("en") + ").";
    pageInfo.textContent = "Page " + (state.page + 1) + " of " + pages;
    prev.disabled = state.page === 0;
    next.disabled = state.page >= pages - 1;
  }

  function setupEvidence() {
    form = document.getElementById("filters");
    list = document.getElementById("stories");
    countLine = document.getElementById("evidence-count");
    pageInfo = document.getElementById("page-info");
    prev = document.getElementById("prev");
    next = document.getElementById("next");
    form.addEventListener("submit", function (event) { event.preventDefault(); apply(); });
    form.addEventListener("change", apply);
    form.elements.q.addEventListener("input", apply);
    form.addEventListener("reset", function () { setTimeout(apply, 0); });
    prev.addEventListener("click", function () { state.page -= 1; render(); list.scrollIntoView({ block: "nearest" }); });
    next.addEventListener("click", function () { state.page += 1; render(); list.scrollIntoView({ block: "nearest" }); });
    apply();
  }

  // --- start ----------------------------------------------------------------------------------

  function drawCharts() {
    var c = colours();
    drawTimelines(c);
    drawCoverage(c);
    var scheme = window.matchMedia ? window.matchMedia("(prefers-color-scheme: dark)") : null;
    if (scheme && scheme.addEventListener) {
      scheme.addEventListener("change", function () {
        var cc = colours();
        charts.forEach(function (chart) { chart.redraw(cc); });
      });
    }
  }

  function mark(name) {
    document.documentElement.setAttribute("data-" + name + "-ms", String(Math.round(performance.now())));
  }

  // The chart library is large: it is loaded once the page reads and filters, so the status
  // board, the tables and the evidence never wait for it.
  function loadCharts(done) {
    var source = document.documentElement.getAttribute("data-charts-src");
    if (!source) { done(false); return; }
    var script = document.createElement("script");
    script.src = source;
    script.addEventListener("load", function () { done(typeof Plotly !== "undefined"); });
    script.addEventListener("error", function () { done(false); });
    document.head.appendChild(script);
  }

  function start() {
    setupEvidence();
    enableTables();
    mark("interactive");
    window.requestAnimationFrame(function () {
      setTimeout(function () {
        loadCharts(function (loaded) {
          if (loaded) drawCharts();
          document.documentElement.setAttribute("data-charts", loaded ? "drawn" : "unavailable");
          // How long the page took to be complete, for the benchmark and the curious.
          mark("ready");
          document.documentElement.setAttribute("data-ready", "1");
        });
      }, 0);
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
