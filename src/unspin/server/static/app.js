// The unspin web page: sends an article to the API and shows the report it gets back.
// Article text and every report value are untrusted: they reach the page only as text nodes
// (textContent, createTextNode, Node.append with strings), never as markup.

import { $ } from "./dom.js";
import { loadLabels } from "./labels.js";
import { renderArticle, setReport, view, wireArticle } from "./article.js";
import {
  renderChart, renderClaims, renderLegend, renderOverview, renderProvenance, renderQuotes, showAll,
} from "./panels.js";

let labelsReady = null; // the /api/techniques request
const blobUrls = [];

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
    await labelsReady;
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
  setReport(report);
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

function blobUrl(content, type) {
  const url = URL.createObjectURL(new Blob([content], { type }));
  blobUrls.push(url);
  return url;
}

/** A file name from the title: lower-case ASCII words joined by dashes, never a path. */
function fileStem(report) {
  const words = String(report.title || "").toLowerCase().normalize("NFKD").match(/[a-z0-9]+/g) || [];
  return "unspin-" + (words.join("-").slice(0, 60).replace(/-+$/, "") || "report");
}

async function prepareDownloads(report) {
  for (const url of blobUrls.splice(0)) URL.revokeObjectURL(url);
  const stem = fileStem(report);
  const json = $("download-json");
  json.href = blobUrl(JSON.stringify(report, null, 2), "application/json");
  json.download = stem + ".json";
  const html = $("download-html");
  html.download = stem + ".html";
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
    if (view.report !== report) return; // a newer analysis replaced this one
    html.href = blobUrl(await res.text(), "text/html");
    html.removeAttribute("aria-disabled");
    html.textContent = "Download HTML report";
  } catch (err) {
    html.textContent = "HTML report unavailable";
  }
}

function start() {
  wireTabs();
  wireArticle();
  $("analyse-form").addEventListener("submit", onSubmit);
  $("show-all").addEventListener("click", showAll);
  labelsReady = loadLabels();
}

start(); // module scripts run once the document is parsed
