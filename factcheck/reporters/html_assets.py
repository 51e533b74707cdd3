"""The HTML report's inline style sheet and script: constants, so the page needs no network.

The script only filters: it reads the checkboxes (or, on load, the fragment,
`#severity=error,warning&kind=conflict`), sets `hidden` on the finding cards
that do not match and on groups left empty, and writes the fragment back so a
filtered view can be bookmarked. It works from file:// and touches no claim text.
"""
from __future__ import annotations

import base64
import hashlib

STYLE = """
:root { --ink: #1d2433; --muted: #5b6478; --line: #dfe3ea; --paper: #ffffff; --page: #f4f6f9;
  --error: #c62828; --error-bg: #fdecea; --warning: #a15c00; --warning-bg: #fff4e0;
  --info: #1565c0; --info-bg: #e8f1fc; --accent: #243b6b; }
* { box-sizing: border-box; }
body { margin: 0; background: var(--page); color: var(--ink);
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
header.top { background: var(--accent); color: #fff; padding: 28px 40px 22px; }
header.top h1 { margin: 0 0 4px; font-size: 26px; font-weight: 650; letter-spacing: -0.01em; }
header.top .sub { color: #c9d3e8; font-size: 14px; }
.stats { display: flex; flex-wrap: wrap; gap: 12px; margin-top: 18px; }
.stat { background: rgba(255,255,255,0.1); border-radius: 8px; padding: 8px 16px; min-width: 96px; }
.stat b { display: block; font-size: 24px; line-height: 1.2; font-variant-numeric: tabular-nums; }
.stat span { font-size: 12px; text-transform: uppercase; letter-spacing: 0.06em; color: #c9d3e8; }
.stat.error b { color: #ffb4ab; } .stat.warning b { color: #ffd591; } .stat.info b { color: #a8cbff; }
main { max-width: 1240px; margin: 0 auto; padding: 24px 40px 48px; }
.filters { position: sticky; top: 0; z-index: 2; display: flex; flex-wrap: wrap; align-items: center; gap: 8px 20px;
  background: var(--paper); border: 1px solid var(--line); border-radius: 10px; padding: 10px 16px;
  margin-bottom: 24px; box-shadow: 0 1px 3px rgba(20,30,50,0.06); }
.filters fieldset { border: 0; margin: 0; padding: 0; display: flex; gap: 6px; align-items: center; }
.filters legend { float: left; margin-right: 6px; font-size: 12px; font-weight: 600; color: var(--muted);
  text-transform: uppercase; letter-spacing: 0.06em; }
.filters label { border: 1px solid var(--line); border-radius: 999px; padding: 2px 12px; cursor: pointer;
  font-size: 13px; user-select: none; }
.filters label:has(input:checked) { background: var(--accent); border-color: var(--accent); color: #fff; }
.filters input { margin: 0 6px 0 0; vertical-align: -1px; }
.filters .shown { margin-left: auto; color: var(--muted); font-size: 13px; }
section.entity { margin-bottom: 36px; }
section.entity > h2 { font-size: 21px; margin: 0 0 4px; }
section.entity > .entity-sub { color: var(--muted); font-size: 13px; margin-bottom: 12px; }
.panel { background: var(--paper); border: 1px solid var(--line); border-radius: 10px; padding: 14px 18px;
  margin-bottom: 16px; }
.panel h3 { margin: 0 0 6px; font-size: 13px; text-transform: uppercase; letter-spacing: 0.06em; color: var(--muted); }
.kind-group > h3 { font-size: 13px; text-transform: uppercase; letter-spacing: 0.06em; color: var(--muted);
  margin: 18px 0 8px; }
article.finding { background: var(--paper); border: 1px solid var(--line); border-left: 5px solid var(--muted);
  border-radius: 10px; padding: 16px 20px; margin-bottom: 16px; box-shadow: 0 1px 3px rgba(20,30,50,0.05); }
article.finding.sev-error { border-left-color: var(--error); }
article.finding.sev-warning { border-left-color: var(--warning); }
article.finding.sev-info { border-left-color: var(--info); }
.finding h4 { margin: 8px 0 6px; font-size: 17px; line-height: 1.35; }
.finding .reason { margin: 0 0 14px; color: #3a4254; }
.badges { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; font-size: 12px; }
.badge { border-radius: 4px; padding: 1px 8px; font-weight: 600; text-transform: uppercase; letter-spacing: 0.04em; }
.badge.error { background: var(--error-bg); color: var(--error); }
.badge.warning { background: var(--warning-bg); color: var(--warning); }
.badge.info { background: var(--info-bg); color: var(--info); }
.badge.definite { background: #ece8f7; color: #4a2f8f; }
.badge.possible { background: #eef1f5; color: var(--muted); border: 1px dashed #aab2c0; }
.badges code { color: var(--muted); }
.claims { display: grid; grid-template-columns: repeat(auto-fit, minmax(250px, 1fr)); gap: 12px; }
.claim { border: 1px solid var(--line); border-radius: 8px; padding: 12px 14px; background: #fbfcfd;
  display: flex; flex-direction: column; gap: 4px; min-width: 0; }
.claim .value { font-size: 19px; font-weight: 650; overflow-wrap: anywhere; }
.claim .modality { font-size: 11px; font-weight: 600; text-transform: uppercase; color: var(--muted);
  border: 1px solid var(--line); border-radius: 4px; padding: 0 5px; margin-left: 6px; vertical-align: 3px; }
.claim .title { font-weight: 600; overflow-wrap: anywhere; }
.claim .title a { color: var(--accent); }
.claim .meta, .claim .said, .claim .url { font-size: 13px; color: var(--muted); overflow-wrap: anywhere; }
.claim blockquote { margin: 6px 0 2px; padding: 6px 10px; border-left: 3px solid #c5cbd6; background: #f3f5f8;
  font-style: italic; overflow-wrap: anywhere; }
.claim .where { margin-top: auto; padding-top: 6px; font-size: 12px; color: var(--muted); overflow-wrap: anywhere; }
code { font: 12px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
.undated { color: var(--warning); font-weight: 600; }
svg.timeline { display: block; font-size: 12px; }
svg.timeline .tl-axis { stroke: #9aa3b2; stroke-width: 1; }
svg.timeline .tl-grid { stroke: #edf0f4; stroke-width: 1; }
svg.timeline .tl-divider { stroke: #c5cbd6; stroke-dasharray: 4 4; }
svg.timeline .tl-tick { fill: var(--muted); font-size: 11px; }
svg.timeline .tl-group { fill: var(--muted); font-size: 11px; font-weight: 700; text-transform: uppercase;
  letter-spacing: 0.05em; }
svg.timeline .tl-label { fill: var(--ink); font-size: 12.5px; }
svg.timeline .tl-when { fill: var(--muted); font-size: 11px; }
svg.timeline .tl-span { fill: #dfe5f0; }
svg.timeline .tl-dot { fill: #ffffff; stroke: #8a94a6; stroke-width: 2; }
svg.timeline .tl-dot.tl-flagged { stroke-width: 3; }
svg.timeline .tl-dot.tl-error { stroke: var(--error); fill: var(--error-bg); }
svg.timeline .tl-dot.tl-warning { stroke: var(--warning); fill: var(--warning-bg); }
svg.timeline .tl-dot.tl-info { stroke: var(--info); fill: var(--info-bg); }
.legend { font-size: 12px; color: var(--muted); margin-top: 4px; }
.legend i { display: inline-block; width: 10px; height: 10px; border-radius: 50%; border: 2px solid #8a94a6;
  margin: 0 4px 0 10px; vertical-align: -1px; }
.legend i.error { border: 3px solid var(--error); background: var(--error-bg); }
.empty { text-align: center; padding: 48px 20px; }
.empty b { display: block; font-size: 20px; margin-bottom: 6px; }
.problems li { margin-bottom: 6px; }
table.sources { width: 100%; border-collapse: collapse; font-size: 13px; }
table.sources th, table.sources td { text-align: left; padding: 6px 8px; border-bottom: 1px solid var(--line);
  vertical-align: top; overflow-wrap: anywhere; }
table.sources th { color: var(--muted); font-weight: 600; }
table.sources td:first-child, table.sources th:first-child { white-space: nowrap; width: 1%; }
footer { color: var(--muted); font-size: 12px; text-align: center; padding: 0 0 32px; }
[hidden] { display: none !important; }
@media (max-width: 700px) { header.top, main { padding-left: 16px; padding-right: 16px; } }
@media print { .filters { display: none !important; } body { background: #fff; }
  article.finding, .panel { break-inside: avoid; box-shadow: none; } }
"""

SCRIPT = """
(function () {
  "use strict";
  var bar = document.getElementById("filters");
  if (!bar) { return; }
  var boxes = Array.prototype.slice.call(bar.querySelectorAll("input[type=checkbox]"));
  var cards = Array.prototype.slice.call(document.querySelectorAll("article.finding"));
  var counter = document.getElementById("shown");
  function chosen(name) {
    return boxes.filter(function (b) { return b.name === name && b.checked; }).map(function (b) { return b.value; });
  }
  function apply() {
    var severities = chosen("severity"), kinds = chosen("kind"), shown = 0;
    cards.forEach(function (card) {
      var match = severities.indexOf(card.dataset.severity) >= 0 && kinds.indexOf(card.dataset.kind) >= 0;
      card.hidden = !match;
      if (match) { shown += 1; }
    });
    document.querySelectorAll(".kind-group, section.entity").forEach(function (group) {
      group.hidden = !group.querySelector("article.finding:not([hidden])");
    });
    counter.textContent = shown + " of " + cards.length + " findings shown";
    document.documentElement.setAttribute("data-shown", String(shown));
  }
  function readFragment() {
    var fragment = window.location.hash.replace(/^#/, "");
    if (fragment.indexOf("=") < 0) { return; }
    var wanted = {};
    fragment.split("&").forEach(function (pair) {
      var parts = pair.split("=");
      wanted[decodeURIComponent(parts[0])] = decodeURIComponent(parts[1] || "").split(",");
    });
    boxes.forEach(function (box) {
      if (wanted[box.name]) { box.checked = wanted[box.name].indexOf(box.value) >= 0; }
    });
  }
  function writeFragment() {
    var all = boxes.every(function (b) { return b.checked; });
    var fragment = all ? "" : "#" + ["severity", "kind"].map(function (name) {
      return name + "=" + chosen(name).map(encodeURIComponent).join(",");
    }).join("&");
    try { history.replaceState(null, "", fragment || window.location.pathname); } catch (e) { /* file:// */ }
  }
  boxes.forEach(function (box) { box.addEventListener("change", function () { apply(); writeFragment(); }); });
  window.addEventListener("hashchange", function () { readFragment(); apply(); });
  bar.hidden = false;
  readFragment();
  apply();
  document.documentElement.setAttribute("data-ready", "1");
}());
"""

SCRIPT_HASH = "sha256-" + base64.b64encode(hashlib.sha256(SCRIPT.encode("utf-8")).digest()).decode("ascii")

# No network at all: only the inline style sheet and this exact script may run.
CSP = (f"default-src 'none'; style-src 'unsafe-inline'; script-src '{SCRIPT_HASH}'; img-src data:; "
       "base-uri 'none'; form-action 'none'")
