// Everything beside the article: the legend (which filters it), the technique mix, the overview,
// and the panels for sources, claims and provenance.

import { $, badge, chips, clear, el, emptyNote, fact, humanize, plain, shorten } from "./dom.js";
import { LAYERS, labelInfo, swatch } from "./labels.js";
import { hideTip, renderArticle, view } from "./article.js";

const PROFILE_CAVEAT = "A label describes the outlet, not this article.";
// Headings of provenance credits, as unspin.render.values names them: outlets, then credited people.
const SYNDICATED_FROM = "Syndicated from";
const CREDITED_AUTHOR = "Credited author";

/** [{layer, title, entries: [{key, label, info, count}]}] for the labels present, most frequent first. */
function labelGroups() {
  return LAYERS.map(({ layer, title }) => {
    const counts = new Map();
    for (const span of view.spans) {
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

export function renderLegend() {
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
      const button = el(
        "button",
        { type: "button", class: "legend-item", "aria-pressed": "false", "data-key": entry.key, title: entry.info.definition },
        swatch(entry.info),
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
  if (view.selected.has(key)) view.selected.delete(key);
  else view.selected.add(key);
  syncFilter();
}

function syncFilter() {
  for (const button of document.querySelectorAll(".legend-item")) {
    button.setAttribute("aria-pressed", String(view.selected.has(button.dataset.key)));
  }
  hideTip();
  renderArticle();
}

export function renderChart() {
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

/** Clear the legend's selection: every label shows again. */
export function showAll() {
  view.selected.clear();
  syncFilter();
}

export function renderOverview(report) {
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
  const groups = $("overview-summaries");
  clear(groups);
  for (const [key, value] of Object.entries(summary)) {
    if (key === "words" || key === "counts") continue;
    if (value === null || typeof value !== "object") fact(facts, humanize(key), value);
    else if (!Array.isArray(value)) groups.append(summaryGroup(key, value));
  }
}

/** An analyser's article-level summary (e.g. sentences flagged, distinct speakers): its scalar values. */
function summaryGroup(name, summary) {
  const list = el("dl", { class: "facts" });
  for (const [key, value] of Object.entries(summary)) {
    if (value !== null && typeof value === "object") continue; // lists and counts have their own panels
    fact(list, humanize(key), key.startsWith("share_") && typeof value === "number" ? Math.round(value * 100) + "%" : value);
  }
  return list.childElementCount ? el("div", { class: "summary-group" }, el("p", { class: "eyebrow" }, humanize(name)), list) : "";
}

/** Layer-specific attributes worth showing: not the common fields, not offsets, not empty. */
function attrsOf(item, skip) {
  const common = new Set(["kind", "technique", "start", "end", "text", "score", "explanation", ...skip]);
  return Object.entries(item).filter(
    ([key, value]) => !common.has(key) && !/(^|_)(start|end)$/.test(key) && plain(value),
  );
}




/** Quotes grouped by who is quoted: whom the article lets speak, how often, named or not. */
export function renderQuotes(quotes) {
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

export function renderClaims(claims) {
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

/** One group of provenance credits under its heading: name, evidence lines, the outlet's profile, other attrs. */
function creditGroup(box, heading, items) {
  if (!items.length) return;
  const list = el("ul", { class: "items" });
  for (const item of items) {
    const evidence = Array.isArray(item.evidences) && item.evidences.length ? item.evidences : [item.evidence].filter(Boolean);
    const quoted = el("ul", { class: "evidence" });
    for (const line of evidence) quoted.append(el("li", {}, "“" + shorten(plain(line), 160) + "”"));
    const reliability = item.reliability && typeof item.reliability === "object" ? outletProfile(item.reliability) : null;
    const other = Object.entries(item).filter(([k, v]) => !["name", "evidence", "evidences", "kind", "reliability"].includes(k) && plain(v));
    list.append(
      el(
        "li",
        { class: "item" },
        el("p", { class: "who" }, el("strong", {}, plain(item.name))),
        quoted.childElementCount ? quoted : null,
        reliability || (item.reliability ? el("p", { class: "who" }, "Reliability: " + plain(item.reliability)) : null),
        chips(other),
      ),
    );
  }
  box.append(el("h3", { class: "group-title" }, heading), list);
}

export function renderProvenance(report) {
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
  const syndicated = (Array.isArray(prov.syndicated_from) ? prov.syndicated_from : []).filter((item) => item && typeof item === "object");
  // A credited person is no outlet; entries without a kind (older reports) are outlets.
  const isAuthor = (item) => item.kind === "author";
  creditGroup(box, SYNDICATED_FROM, syndicated.filter((item) => !isAuthor(item)));
  creditGroup(box, CREDITED_AUTHOR, syndicated.filter(isAuthor));
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
