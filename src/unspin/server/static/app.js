// The unspin web page: sends an article to the API and draws the report with DOM APIs.
// Article text and every report value are untrusted: they reach the page only as text nodes
// (textContent, createTextNode, Node.append with strings), never as markup.
"use strict";

(function () {
  const LAYERS = [
    { layer: "techniques", key: "technique", title: "Propaganda techniques" },
    { layer: "findings", key: "kind", title: "Rhetoric" },
  ];
  const FALLBACK_COLOURS = ["#7b1fa2", "#00695c", "#ad1457", "#283593", "#558b2f", "#6d4c41", "#0277bd", "#ef6c00"];
  const PROFILE_CAVEAT = "A label describes the outlet, not this article.";
  const MAX_BANDS = 3;

  const state = {
    labels: new Map(), // "layer:name" -> {title, definition, colour, paint}
    report: null,
    spans: [], // techniques and findings, as {id, layer, label, start, end, score, explanation, text}
    selected: new Set(), // "layer:name" keys shown; empty = all
    segments: [],
    blobUrls: [],
    tip: null, // {mark, by}: the <mark> whose explanation is open, and how it was opened
    labelsReady: null, // the /api/techniques request
  };

  const $ = (id) => document.getElementById(id);

  // ---------------------------------------------------------------- DOM helpers

  /** An element with attributes and children; strings become text nodes. */
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) {
      if (name === "class") node.className = value;
      else node.setAttribute(name, value);
    }
    for (const child of children) {
      if (child !== null && child !== undefined && child !== "") node.append(child);
    }
    return node;
  }

  function clear(node) {
    node.replaceChildren();
  }

  function humanize(name) {
    const words = String(name).replace(/[_-]+/g, " ").trim();
    return words ? words[0].toUpperCase() + words.slice(1) : String(name);
  }

  /** One-line text for any report value (mirrors unspin.render.values.plain). */
  function plain(value) {
    if (value === null || value === undefined) return "";
    if (typeof value === "boolean") return value ? "yes" : "no";
    if (typeof value === "number") return Number.isInteger(value) ? String(value) : String(Math.round(value * 100) / 100);
    if (Array.isArray(value)) return value.map(plain).filter(Boolean).join(", ");
    if (typeof value === "object") {
      return Object.entries(value)
        .map(([k, v]) => [humanize(k), plain(v)])
        .filter(([, v]) => v)
        .map(([k, v]) => k + ": " + v)
        .join("; ");
    }
    return String(value);
  }

  function shorten(text, width) {
    const flat = String(text).split(/\s+/).join(" ").trim();
    return flat.length <= width ? flat : flat.slice(0, width - 1).trimEnd() + "…";
  }

  function percent(score) {
    return Math.round(Number(score) * 100) + "%";
  }

  // ---------------------------------------------------------------- colours and labels

  function hashColour(name) {
    let hash = 0;
    for (const ch of name) hash = (hash * 31 + ch.codePointAt(0)) >>> 0;
    return FALLBACK_COLOURS[hash % FALLBACK_COLOURS.length];
  }

  /** The colour mixed with white (share 0..1): a background that keeps black text readable. */
  function mixWithWhite(colour, share) {
    const value = /^#[0-9a-f]{6}$/i.test(colour) ? colour.slice(1) : "888888";
    let out = "#";
    for (let i = 0; i < 6; i += 2) {
      const c = parseInt(value.slice(i, i + 2), 16);
      out += Math.round(c + (255 - c) * share).toString(16).padStart(2, "0");
    }
    return out;
  }

  function labelInfo(layer, name) {
    const known = state.labels.get(layer + ":" + name);
    if (known) return known;
    return {
      title: humanize(name),
      definition: "",
      colour: hashColour(layer + "/" + name),
      paint: layer === "techniques" ? "tint" : "underline",
    };
  }

  async function loadLabels() {
    try {
      const res = await fetch("/api/techniques");
      if (!res.ok) return;
      const data = await res.json();
      for (const { layer } of LAYERS) {
        for (const item of data[layer] || []) state.labels.set(layer + ":" + item.name, item);
      }
    } catch (err) {
      // The page still works with generated titles and colours.
    }
  }

  // ---------------------------------------------------------------- input form

  function selectTab(tab) {
    for (const other of document.querySelectorAll('[role="tab"]')) {
      const selected = other === tab;
      other.setAttribute("aria-selected", String(selected));
      other.tabIndex = selected ? 0 : -1;
      $(other.getAttribute("aria-controls")).hidden = !selected;
    }
  }

  function wireTabs() {
    const tabs = Array.from(document.querySelectorAll('[role="tab"]'));
    for (const tab of tabs) {
      tab.addEventListener("click", () => selectTab(tab));
      tab.addEventListener("keydown", (event) => {
        const step = { ArrowRight: 1, ArrowLeft: -1 }[event.key];
        if (!step) return;
        const next = tabs[(tabs.indexOf(tab) + step + tabs.length) % tabs.length];
        selectTab(next);
        next.focus();
        event.preventDefault();
      });
    }
  }

  function uploadMode() {
    return $("tab-upload").getAttribute("aria-selected") === "true";
  }

  /** The request for the current form: JSON for pasted text, multipart for a file. */
  function buildRequest() {
    const url = $("url-input").value.trim();
    if (uploadMode()) {
      const file = $("file-input").files[0];
      if (!file) throw new Error("Choose a .txt or .html file first.");
      const form = new FormData();
      form.append("file", file);
      if (url) form.append("url", url);
      return { body: form, headers: {} };
    }
    const text = $("text-input").value;
    if (!text.trim()) throw new Error("Paste the text of an article first.");
    const payload = { text };
    const title = $("title-input").value.trim();
    if (title) payload.title = title;
    if (url) payload.url = url;
    return { body: JSON.stringify(payload), headers: { "Content-Type": "application/json" } };
  }

  async function onSubmit(event) {
    event.preventDefault();
    showError("");
    let request;
    try {
      request = buildRequest();
    } catch (err) {
      showError(err.message);
      return;
    }
    setBusy(true);
    try {
      const res = await fetch("/api/analyze", { method: "POST", body: request.body, headers: request.headers });
      const data = await res.json().catch(() => null);
      if (!res.ok) {
        let message = (data && data.error) || "The server answered " + res.status + ".";
        const retry = res.headers.get("Retry-After");
        if (res.status === 503 && retry) message += " Try again in " + retry + " s.";
        showError(message);
        return;
      }
      await state.labelsReady;
      showReport(data);
    } catch (err) {
      showError("Could not reach the server: " + err.message);
    } finally {
      setBusy(false);
    }
  }

  function setBusy(busy) {
    $("analyse-button").disabled = busy;
    $("analyse-button").textContent = busy ? "Analysing…" : "Analyse";
    $("status").textContent = busy ? "Analysing the article…" : "";
    document.body.classList.toggle("busy", busy);
  }

  function showError(message) {
    const box = $("error");
    box.textContent = message;
    box.hidden = !message;
  }

  // ---------------------------------------------------------------- report

  function showReport(report) {
    state.report = report;
    state.selected.clear();
    state.spans = collectSpans(report);
    hideTip();
    renderOverview(report);
    renderLegend();
    renderChart();
    renderArticle();
    renderQuotes(report.quotes || []);
    renderClaims(report.claims || []);
    renderProvenance(report);
    prepareDownloads(report);
    const results = $("results");
    results.hidden = false;
    results.focus({ preventScroll: true });
    results.scrollIntoView({ behavior: "smooth", block: "start" });
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

  function spanKey(span) {
    return span.layer + ":" + span.label;
  }

  function visibleSpans() {
    if (!state.selected.size) return state.spans;
    return state.spans.filter((span) => state.selected.has(spanKey(span)));
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

  function renderArticle() {
    const box = $("article");
    clear(box);
    const codePoints = Array.from(state.report.text || "");
    state.segments = segments(codePoints.length, visibleSpans());
    const fragment = document.createDocumentFragment();
    state.segments.forEach((segment, index) => {
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
    const shown = state.selected.size;
    note.hidden = !shown;
    $("show-all").hidden = !shown;
    if (shown) {
      const titles = Array.from(state.selected, (key) => {
        const [layer, ...rest] = key.split(":");
        return labelInfo(layer, rest.join(":")).title;
      });
      note.textContent = "Showing only: " + titles.join(", ") + " (" + visibleSpans().length + " highlights)";
    }
  }

  // ---------------------------------------------------------------- explanation popover

  function tipContent(segment) {
    const items = segment.spans
      .slice()
      .sort((a, b) => (a.layer === b.layer ? b.score - a.score : a.layer === "techniques" ? -1 : 1));
    const list = el("ul", { class: "tip-list" });
    for (const span of items) {
      const info = labelInfo(span.layer, span.label);
      const swatch = el("span", { class: "swatch " + (info.paint === "tint" ? "tint" : "line"), "aria-hidden": "true" });
      swatch.style.setProperty("--c", info.colour);
      swatch.style.setProperty("--p", mixWithWhite(info.colour, 0.55));
      const head = el(
        "div",
        { class: "tip-head" },
        swatch,
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
          span.explanation && info.definition ? el("p", { class: "tip-def" }, info.definition) : null,
          el("p", { class: "tip-quote" }, "“" + shorten(span.text, 180) + "”"),
        ),
      );
    }
    return list;
  }

  function showTip(mark) {
    const segment = state.segments[Number(mark.dataset.segment)];
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
    if (by === "hover" && state.tip && state.tip.by === "pin") return;
    state.tip = { mark, by };
    showTip(mark);
  }

  /** Close it only if ``mark`` opened it the same way (leaving a mark closes what hovering opened). */
  function closeTip(mark, by) {
    if (state.tip && state.tip.mark === mark && state.tip.by === by) hideTip();
  }

  function hideTip() {
    state.tip = null;
    $("tip").hidden = true;
    for (const mark of document.querySelectorAll("mark.hl.active")) {
      mark.classList.remove("active");
      mark.removeAttribute("aria-describedby");
    }
  }

  function wireArticle() {
    const box = $("article");
    const markOf = (event) => event.target.closest && event.target.closest("mark.hl");
    box.addEventListener("mouseover", (event) => {
      const mark = markOf(event);
      if (mark && (!state.tip || state.tip.mark !== mark)) openTip(mark, "hover");
    });
    box.addEventListener("mouseout", (event) => {
      const mark = markOf(event);
      if (mark && !mark.contains(event.relatedTarget)) closeTip(mark, "hover");
    });
    box.addEventListener("focusin", (event) => {
      const mark = markOf(event);
      if (mark && (!state.tip || state.tip.mark !== mark)) openTip(mark, "focus");
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
      if (event.key === "Escape" && state.tip) hideTip();
    });
    document.addEventListener("click", (event) => {
      if (!event.target.closest("mark.hl") && !event.target.closest("#tip")) hideTip();
    });
    window.addEventListener("resize", () => {
      if (state.tip) placeTip($("tip"), state.tip.mark);
    });
  }

  // ---------------------------------------------------------------- legend and chart

  /** [{layer, title, entries: [{key, label, info, count}]}] for the labels present, most frequent first. */
  function labelGroups() {
    return LAYERS.map(({ layer, title }) => {
      const counts = new Map();
      for (const span of state.spans) {
        if (span.layer === layer) counts.set(span.label, (counts.get(span.label) || 0) + 1);
      }
      const entries = Array.from(counts, ([label, count]) => ({
        key: layer + ":" + label,
        label,
        count,
        info: labelInfo(layer, label),
      })).sort((a, b) => b.count - a.count || a.info.title.localeCompare(b.info.title));
      return { layer, title, entries };
    });
  }

  function renderLegend() {
    const box = $("legend");
    clear(box);
    const groups = labelGroups().filter((g) => g.entries.length);
    if (!groups.length) {
      box.append(el("p", { class: "empty" }, "Nothing was marked in this article."));
      return;
    }
    for (const group of groups) {
      const list = el("ul", { class: "legend-list", "aria-label": group.title });
      for (const entry of group.entries) {
        const swatch = el("span", { class: "swatch " + (entry.info.paint === "tint" ? "tint" : "line"), "aria-hidden": "true" });
        swatch.style.setProperty("--c", entry.info.colour);
        swatch.style.setProperty("--p", mixWithWhite(entry.info.colour, 0.55));
        const button = el(
          "button",
          { type: "button", class: "legend-item", "aria-pressed": "false", "data-key": entry.key, title: entry.info.definition },
          swatch,
          el("span", { class: "legend-name" }, entry.info.title),
          el("span", { class: "legend-count" }, String(entry.count)),
        );
        button.addEventListener("click", () => toggleLabel(entry.key));
        list.append(el("li", {}, button));
      }
      box.append(el("h3", { class: "group-title" }, group.title), list);
    }
  }

  function toggleLabel(key) {
    if (state.selected.has(key)) state.selected.delete(key);
    else state.selected.add(key);
    syncFilter();
  }

  function syncFilter() {
    for (const button of document.querySelectorAll(".legend-item")) {
      button.setAttribute("aria-pressed", String(state.selected.has(button.dataset.key)));
    }
    hideTip();
    renderArticle();
  }

  function renderChart() {
    const box = $("chart");
    clear(box);
    const groups = labelGroups();
    const techniques = groups[0].entries;
    if (!techniques.length) box.append(el("p", { class: "empty" }, "No propaganda technique was predicted."));
    for (const group of groups.filter((g) => g.entries.length)) {
      const total = group.entries.reduce((sum, e) => sum + e.count, 0);
      const max = group.entries[0].count;
      const list = el("ul", { class: "bars", "aria-label": group.title + " by count" });
      for (const entry of group.entries) {
        const fill = el("span", { class: "bar-fill" });
        fill.style.width = (100 * entry.count) / max + "%";
        fill.style.setProperty("--c", entry.info.colour);
        const share = Math.round((100 * entry.count) / total);
        list.append(
          el(
            "li",
            { class: "bar-row" },
            el("span", { class: "bar-label" }, entry.info.title),
            el("span", { class: "bar-track", "aria-hidden": "true" }, fill),
            el("span", { class: "bar-value" }, entry.count + " · " + share + "%"),
          ),
        );
      }
      box.append(el("h3", { class: "group-title" }, group.title), list);
    }
  }

  // ---------------------------------------------------------------- overview and panels

  function fact(list, term, value) {
    const text = plain(value);
    if (text) list.append(el("div", { class: "fact" }, el("dt", {}, term), el("dd", {}, text)));
  }

  function renderOverview(report) {
    $("results-heading").textContent = report.title || shorten(report.text || "", 90) || "Untitled article";
    const facts = $("overview-facts");
    clear(facts);
    const summary = report.summary || {};
    const source = report.source || {};
    fact(facts, "Words", summary.words);
    fact(facts, "Techniques", (report.techniques || []).length);
    fact(facts, "Rhetoric", (report.findings || []).length);
    fact(facts, "Quotes", (report.quotes || []).length);
    fact(facts, "Claims", (report.claims || []).length);
    fact(facts, "Outlet", (report.provenance || {}).outlet || source.outlet || source.site_name);
    for (const [key, value] of Object.entries(summary)) {
      // Article-level scores only; nested summaries have their own panels.
      if (key !== "words" && key !== "counts" && (value === null || typeof value !== "object")) fact(facts, humanize(key), value);
    }
  }

  /** Layer-specific attributes worth showing: not the common fields, not offsets, not empty. */
  function attrsOf(item, skip) {
    const common = new Set(["kind", "technique", "start", "end", "text", "score", "explanation", ...skip]);
    return Object.entries(item).filter(
      ([key, value]) => !common.has(key) && !/(^|_)(start|end)$/.test(key) && plain(value),
    );
  }

  function chips(entries) {
    if (!entries.length) return null;
    const list = el("dl", { class: "chips" });
    for (const [key, value] of entries) list.append(el("div", { class: "chip" }, el("dt", {}, humanize(key)), el("dd", {}, plain(value))));
    return list;
  }

  function badge(text, tone) {
    return el("span", { class: "badge " + (tone || "") }, text);
  }

  function emptyNote(box, message) {
    box.append(el("p", { class: "empty" }, message));
  }

  /** Quotes grouped by who is quoted: whom the article lets speak, how often, named or not. */
  function renderQuotes(quotes) {
    const box = $("quotes");
    clear(box);
    if (!quotes.length) return emptyNote(box, "No quotes found.");
    const sources = new Map();
    for (const quote of quotes) {
      const speaker = plain(quote.speaker) || "Unknown speaker";
      if (!sources.has(speaker)) sources.set(speaker, { speaker, affiliation: "", named: false, quotes: [] });
      const entry = sources.get(speaker);
      entry.quotes.push(quote);
      entry.affiliation = entry.affiliation || plain(quote.affiliation);
      entry.named = entry.named || quote.named === true || (quote.named === undefined && Boolean(plain(quote.speaker)));
    }
    const ordered = Array.from(sources.values()).sort((a, b) => b.quotes.length - a.quotes.length);
    const unnamed = ordered.filter((s) => !s.named).length;
    box.append(
      el("p", { class: "panel-note" }, quotes.length + " quotes from " + ordered.length + " sources" + (unnamed ? ", " + unnamed + " of them unnamed." : ".")),
    );
    const list = el("ul", { class: "items" });
    for (const source of ordered) {
      const kinds = new Map();
      for (const quote of source.quotes) kinds.set(plain(quote.kind) || "quote", (kinds.get(plain(quote.kind) || "quote") || 0) + 1);
      const counts = Array.from(kinds, ([kind, n]) => n + " " + kind).join(" · ");
      const quoteList = el("ul", { class: "quote-list" });
      for (const quote of source.quotes) {
        quoteList.append(el("li", {}, el("blockquote", {}, shorten(quote.text || "", 240)), chips(attrsOf(quote, ["speaker", "affiliation", "named"]))));
      }
      list.append(
        el(
          "li",
          { class: "item source" },
          el("p", { class: "who" }, el("strong", {}, source.speaker), source.named ? null : badge("unnamed", "warn")),
          source.affiliation ? el("p", { class: "affiliation" }, source.affiliation) : null,
          el("details", {}, el("summary", {}, counts), quoteList),
        ),
      );
    }
    box.append(list);
  }

  function figureText(figure) {
    if (figure === null || typeof figure !== "object") return plain(figure);
    const text = plain(figure.text) || plain(figure.value);
    return figure.unit && !text.includes(figure.unit) ? text + " (" + plain(figure.unit) + ")" : text;
  }

  function renderClaims(claims) {
    const box = $("claims");
    clear(box);
    if (!claims.length) return emptyNote(box, "No checkable claims with figures found.");
    const unattributed = claims.filter((c) => !plain(c.attributed_to)).length;
    box.append(el("p", { class: "panel-note" }, claims.length + " claims with figures, " + unattributed + " not attributed to anyone."));
    const list = el("ul", { class: "items" });
    for (const claim of claims) {
      const by = plain(claim.attributed_to);
      const figures = el("p", { class: "figures" });
      for (const figure of Array.isArray(claim.figures) ? claim.figures : []) figures.append(badge(figureText(figure)));
      list.append(
        el(
          "li",
          { class: "item" },
          el("p", { class: "claim-text" }, shorten(claim.text || "", 280)),
          figures.childElementCount ? figures : null,
          el("p", { class: "who" }, by ? "Attributed to " : null, by ? el("strong", {}, by) : badge("not attributed", "warn")),
        ),
      );
    }
    box.append(list);
  }

  /** An outlet's reliability label, with where the label comes from and the caveat beside it. */
  function outletProfile(profile) {
    const known = new Set(["name", "domain", "known", "reliability_label", "label_text", "label_source", "label_source_name", "dataset", "note"]);
    const facts = el("dl", { class: "facts stacked" });
    fact(facts, "Outlet", [profile.name, profile.domain].filter(Boolean).join(" · "));
    if (profile.known === false) fact(facts, "Reliability", "not in the outlet list");
    else fact(facts, "Reliability", profile.label_text || profile.reliability_label);
    fact(facts, "Label from", profile.label_source_name || profile.label_source);
    for (const [key, value] of Object.entries(profile)) if (!known.has(key)) fact(facts, humanize(key), value);
    return el(
      "div",
      { class: "profile" },
      facts,
      el("p", { class: "caveat" }, plain(profile.note) || PROFILE_CAVEAT),
      profile.dataset ? el("p", { class: "dataset" }, "Data: " + plain(profile.dataset)) : null,
    );
  }

  function renderProvenance(report) {
    const box = $("provenance");
    clear(box);
    const prov = report.provenance || {};
    const source = report.source || {};
    const facts = el("dl", { class: "facts stacked" });
    fact(facts, "Published by", prov.outlet || source.outlet);
    fact(facts, "Site", source.site_name);
    fact(facts, "Author", source.author);
    fact(facts, "Published", source.published);
    fact(facts, "URL", source.url);
    if (facts.childElementCount) box.append(facts);

    const profile = prov.outlet_profile;
    if (profile && typeof profile === "object" && Object.keys(profile).length) {
      box.append(el("h3", { class: "group-title" }, "Outlet profile"), outletProfile(profile));
    }
    const syndicated = prov.syndicated_from || [];
    if (syndicated.length) {
      const list = el("ul", { class: "items" });
      for (const item of syndicated) {
        const evidence = Array.isArray(item.evidences) && item.evidences.length ? item.evidences : [item.evidence].filter(Boolean);
        const quoted = el("ul", { class: "evidence" });
        for (const line of evidence) quoted.append(el("li", {}, "“" + shorten(plain(line), 160) + "”"));
        const reliability = item.reliability && typeof item.reliability === "object" ? outletProfile(item.reliability) : null;
        const other = Object.entries(item).filter(([k, v]) => !["name", "evidence", "evidences", "reliability"].includes(k) && plain(v));
        list.append(
          el(
            "li",
            { class: "item" },
            el("p", { class: "who" }, el("strong", {}, plain(item.name))),
            quoted,
            reliability || (item.reliability ? el("p", { class: "who" }, "Reliability: " + plain(item.reliability)) : null),
            chips(other),
          ),
        );
      }
      box.append(el("h3", { class: "group-title" }, "Republished from"), list);
    }
    const boilerplate = prov.boilerplate || [];
    if (boilerplate.length) {
      const list = el("ul", { class: "items compact" });
      for (const item of boilerplate) {
        list.append(el("li", { class: "item" }, el("strong", {}, humanize(item.kind || "text") + ": "), shorten(item.text || "", 160)));
      }
      box.append(el("details", {}, el("summary", {}, "Republisher text set aside (" + boilerplate.length + ")"), list));
    }
    if (!box.childElementCount) emptyNote(box, "Nothing is known about where this text comes from.");
  }

  // ---------------------------------------------------------------- downloads

  function blobUrl(content, type) {
    const url = URL.createObjectURL(new Blob([content], { type }));
    state.blobUrls.push(url);
    return url;
  }

  async function prepareDownloads(report) {
    for (const url of state.blobUrls.splice(0)) URL.revokeObjectURL(url);
    $("download-json").href = blobUrl(JSON.stringify(report, null, 2), "application/json");
    const html = $("download-html");
    html.removeAttribute("href");
    html.setAttribute("aria-disabled", "true");
    html.textContent = "Preparing HTML report…";
    try {
      const res = await fetch("/api/report.html", {
        method: "POST",
        body: JSON.stringify(report),
        headers: { "Content-Type": "application/json" },
      });
      if (!res.ok) throw new Error(String(res.status));
      if (state.report !== report) return; // a newer analysis replaced this one
      html.href = blobUrl(await res.text(), "text/html");
      html.removeAttribute("aria-disabled");
      html.textContent = "Download HTML report";
    } catch (err) {
      html.textContent = "HTML report unavailable";
    }
  }

  // ---------------------------------------------------------------- start

  function start() {
    wireTabs();
    wireArticle();
    $("analyse-form").addEventListener("submit", onSubmit);
    $("show-all").addEventListener("click", () => {
      state.selected.clear();
      syncFilter();
    });
    state.labelsReady = loadLabels();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
