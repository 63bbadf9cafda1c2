// Small DOM and text helpers. Every string goes into the page as a text node, never as markup.

export const $ = (id) => document.getElementById(id);

/** An element with attributes and children; strings become text nodes. */
export function el(tag, attrs, ...children) {
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

export function clear(node) {
  node.replaceChildren();
}

export function humanize(name) {
  const words = String(name).replace(/[_-]+/g, " ").trim();
  return words ? words[0].toUpperCase() + words.slice(1) : String(name);
}

/** One-line text for any report value (mirrors unspin.render.values.plain). */
export function plain(value) {
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

export function shorten(text, width) {
  const flat = String(text).split(/\s+/).join(" ").trim();
  return flat.length <= width ? flat : flat.slice(0, width - 1).trimEnd() + "…";
}

export function percent(score) {
  return Math.round(Number(score) * 100) + "%";
}

export function fact(list, term, value) {
  const text = plain(value);
  if (text) list.append(el("div", { class: "fact" }, el("dt", {}, term), el("dd", {}, text)));
}

export function chips(entries) {
  if (!entries.length) return null;
  const list = el("dl", { class: "chips" });
  for (const [key, value] of entries) list.append(el("div", { class: "chip" }, el("dt", {}, humanize(key)), el("dd", {}, plain(value))));
  return list;
}

export function badge(text, tone) {
  return el("span", { class: "badge " + (tone || "") }, text);
}

export function emptyNote(box, message) {
  box.append(el("p", { class: "empty" }, message));
}
