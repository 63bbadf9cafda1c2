// The article with its highlights: spans cut into flat segments, one <mark> per covered segment,
// and the explanation popover that opens on hover, keyboard focus or a tap.

import { $, clear, el, percent, shorten } from "./dom.js";
import { LAYERS, labelInfo, mixWithWhite, swatch } from "./labels.js";

const MAX_BANDS = 3;

/** What the article view shows: the report, its highlightable spans, the labels selected in the legend. */
export const view = {
  report: null,
  spans: [], // techniques and findings, as {id, layer, label, start, end, score, explanation, text}
  selected: new Set(), // "layer:name" keys shown; empty = all
  segments: [],
  tip: null, // {mark, by}: the <mark> whose explanation is open, and how it was opened
};

/** Show a new report: every span visible, no explanation open. */
export function setReport(report) {
  view.report = report;
  view.selected.clear();
  view.spans = collectSpans(report);
  hideTip();
}

function collectSpans(report) {
  const spans = [];
  for (const { layer, key } of LAYERS) {
    for (const item of report[layer] || []) {
      if (!(item.end > item.start)) continue;
      spans.push({
        id: spans.length,
        layer,
        label: String(item[key]),
        start: item.start,
        end: item.end,
        score: Number(item.score),
        explanation: item.explanation || "",
        text: item.text || "",
      });
    }
  }
  return spans;
}

export function spanKey(span) {
  return span.layer + ":" + span.label;
}

function visibleSpans() {
  if (!view.selected.size) return view.spans;
  return view.spans.filter((span) => view.selected.has(spanKey(span)));
}

/**
 * Cut the text at every span boundary: each segment is covered by a fixed set of spans, so
 * overlapping spans are drawn as flat, non-nested marks. Offsets count code points (Python str).
 */
function segments(length, spans) {
  const cuts = new Set([0, length]);
  for (const span of spans) {
    cuts.add(Math.max(0, Math.min(length, span.start)));
    cuts.add(Math.max(0, Math.min(length, span.end)));
  }
  const points = Array.from(cuts).sort((a, b) => a - b);
  const out = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const start = points[i];
    const end = points[i + 1];
    out.push({ start, end, spans: spans.filter((s) => s.start <= start && s.end >= end) });
  }
  return out;
}

export function renderArticle() {
  const box = $("article");
  clear(box);
  const codePoints = Array.from(view.report.text || "");
  view.segments = segments(codePoints.length, visibleSpans());
  const fragment = document.createDocumentFragment();
  view.segments.forEach((segment, index) => {
    const text = codePoints.slice(segment.start, segment.end).join("");
    if (!segment.spans.length) {
      fragment.append(document.createTextNode(text));
      return;
    }
    fragment.append(markFor(segment, index, text));
  });
  box.append(fragment);
  renderFilterNote();
}

function markFor(segment, index, text) {
  const mark = el("mark", { class: "hl", tabindex: "0", "data-segment": String(index) }, text);
  mark.dataset.labels = segment.spans.map(spanKey).join(" ");
  const tints = segment.spans.filter((s) => labelInfo(s.layer, s.label).paint === "tint");
  const lines = segment.spans.filter((s) => labelInfo(s.layer, s.label).paint !== "tint");
  tints.slice(0, MAX_BANDS).forEach((span, i) => {
    mark.style.setProperty("--t" + (i + 1), mixWithWhite(labelInfo(span.layer, span.label).colour, 0.55));
  });
  lines.slice(0, MAX_BANDS).forEach((span, i) => {
    mark.style.setProperty("--u" + (i + 1), labelInfo(span.layer, span.label).colour);
  });
  if (tints.length) mark.classList.add("t" + Math.min(tints.length, MAX_BANDS));
  if (lines.length) mark.classList.add("u" + Math.min(lines.length, MAX_BANDS));
  mark.setAttribute(
    "aria-label",
    text + " (" + segment.spans.map((s) => labelInfo(s.layer, s.label).title).join(", ") + ")",
  );
  return mark;
}

function renderFilterNote() {
  const note = $("filter-note");
  const shown = view.selected.size;
  note.hidden = !shown;
  $("show-all").hidden = !shown;
  if (shown) {
    const titles = Array.from(view.selected, (key) => {
      const [layer, ...rest] = key.split(":");
      return labelInfo(layer, rest.join(":")).title;
    });
    note.textContent = "Showing only: " + titles.join(", ") + " (" + visibleSpans().length + " highlights)";
  }
}

function tipContent(segment) {
  const items = segment.spans
    .slice()
    .sort((a, b) => (a.layer === b.layer ? b.score - a.score : a.layer === "techniques" ? -1 : 1));
  const list = el("ul", { class: "tip-list" });
  for (const span of items) {
    const info = labelInfo(span.layer, span.label);
    const head = el(
      "div",
      { class: "tip-head" },
      swatch(info),
      el("strong", {}, info.title),
      el("span", { class: "tip-layer" }, span.layer === "techniques" ? "technique" : "rhetoric"),
    );
    const confidence = el("div", { class: "tip-score" }, "Confidence " + percent(span.score));
    const meter = el("span", { class: "meter", "aria-hidden": "true" }, el("span", { class: "meter-fill" }));
    meter.firstChild.style.width = percent(Math.max(0, Math.min(1, span.score)));
    confidence.append(meter);
    const why = span.explanation || info.definition;
    list.append(
      el(
        "li",
        {},
        head,
        confidence,
        why ? el("p", { class: "tip-why" }, why) : null,
        span.explanation && info.definition && !repeats(span.explanation, info.definition)
          ? el("p", { class: "tip-def" }, info.definition)
          : null,
        el("p", { class: "tip-quote" }, "“" + shorten(span.text, 180) + "”"),
      ),
    );
  }
  return list;
}

/** Whether an explanation already quotes the definition (the technique analyser's do). */
function repeats(explanation, definition) {
  return explanation.toLowerCase().includes(definition.slice(1).toLowerCase());
}

function showTip(mark) {
  const segment = view.segments[Number(mark.dataset.segment)];
  if (!segment) return;
  const tip = $("tip");
  tip.replaceChildren(tipContent(segment), el("p", { class: "tip-hint" }, "Esc closes · click elsewhere to dismiss"));
  tip.hidden = false;
  for (const other of document.querySelectorAll("mark.hl.active")) other.classList.remove("active");
  mark.classList.add("active");
  mark.setAttribute("aria-describedby", "tip");
  placeTip(tip, mark);
}

function placeTip(tip, mark) {
  if (window.matchMedia("(max-width: 640px)").matches) {
    tip.style.left = "";
    tip.style.top = "";
    return; // a bottom sheet on phones (CSS)
  }
  const rect = mark.getBoundingClientRect();
  const width = tip.offsetWidth;
  const left = Math.min(Math.max(8, rect.left), document.documentElement.clientWidth - width - 8);
  let top = rect.bottom + 8;
  if (top + tip.offsetHeight > window.innerHeight - 8 && rect.top - tip.offsetHeight - 8 > 8) {
    top = rect.top - tip.offsetHeight - 8;
  }
  tip.style.left = left + window.scrollX + "px";
  tip.style.top = top + window.scrollY + "px";
}

/** Open the explanation of ``mark``; ``by`` is hover, focus or pin (a click or Enter keeps it open). */
function openTip(mark, by) {
  if (by === "hover" && view.tip && view.tip.by === "pin") return;
  view.tip = { mark, by };
  showTip(mark);
}

/** Close it only if ``mark`` opened it the same way (leaving a mark closes what hovering opened). */
function closeTip(mark, by) {
  if (view.tip && view.tip.mark === mark && view.tip.by === by) hideTip();
}

export function hideTip() {
  view.tip = null;
  $("tip").hidden = true;
  for (const mark of document.querySelectorAll("mark.hl.active")) {
    mark.classList.remove("active");
    mark.removeAttribute("aria-describedby");
  }
}

export function wireArticle() {
  const box = $("article");
  const markOf = (event) => event.target.closest && event.target.closest("mark.hl");
  box.addEventListener("mouseover", (event) => {
    const mark = markOf(event);
    if (mark && (!view.tip || view.tip.mark !== mark)) openTip(mark, "hover");
  });
  box.addEventListener("mouseout", (event) => {
    const mark = markOf(event);
    if (mark && !mark.contains(event.relatedTarget)) closeTip(mark, "hover");
  });
  box.addEventListener("focusin", (event) => {
    const mark = markOf(event);
    if (mark && (!view.tip || view.tip.mark !== mark)) openTip(mark, "focus");
  });
  box.addEventListener("focusout", (event) => {
    const mark = markOf(event);
    if (mark) closeTip(mark, "focus");
  });
  box.addEventListener("click", (event) => {
    const mark = markOf(event);
    if (mark) openTip(mark, "pin");
  });
  box.addEventListener("keydown", (event) => {
    const mark = markOf(event);
    if (mark && (event.key === "Enter" || event.key === " ")) {
      openTip(mark, "pin");
      event.preventDefault();
    }
  });
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && view.tip) hideTip();
  });
  document.addEventListener("click", (event) => {
    if (!event.target.closest("mark.hl") && !event.target.closest("#tip")) hideTip();
  });
  window.addEventListener("resize", () => {
    if (view.tip) placeTip($("tip"), view.tip.mark);
  });
}
