// Titles, definitions and colours of the labels, from /api/techniques (the same palette as the
// terminal and the HTML report); a label the server did not list gets a stable colour of its own.

import { el, humanize } from "./dom.js";

/** The highlighted layers, with the report key that carries each span's label. */
export const LAYERS = [
  { layer: "techniques", key: "technique", title: "Propaganda techniques" },
  { layer: "findings", key: "kind", title: "Rhetoric" },
];
const FALLBACK_COLOURS = ["#7b1fa2", "#00695c", "#ad1457", "#283593", "#558b2f", "#6d4c41", "#0277bd", "#ef6c00"];
const labels = new Map(); // "layer:name" -> {title, definition, colour, paint}

function hashColour(name) {
  let hash = 0;
  for (const ch of name) hash = (hash * 31 + ch.codePointAt(0)) >>> 0;
  return FALLBACK_COLOURS[hash % FALLBACK_COLOURS.length];
}

/** The colour mixed with white (share 0..1): a background that keeps black text readable. */
export function mixWithWhite(colour, share) {
  const value = /^#[0-9a-f]{6}$/i.test(colour) ? colour.slice(1) : "888888";
  let out = "#";
  for (let i = 0; i < 6; i += 2) {
    const c = parseInt(value.slice(i, i + 2), 16);
    out += Math.round(c + (255 - c) * share).toString(16).padStart(2, "0");
  }
  return out;
}

export function labelInfo(layer, name) {
  const known = labels.get(layer + ":" + name);
  if (known) return known;
  return {
    title: humanize(name),
    definition: "",
    colour: hashColour(layer + "/" + name),
    paint: layer === "techniques" ? "tint" : "underline",
  };
}

export async function loadLabels() {
  try {
    const res = await fetch("/api/techniques");
    if (!res.ok) return;
    const data = await res.json();
    for (const { layer } of LAYERS) {
      for (const item of data[layer] || []) labels.set(layer + ":" + item.name, item);
    }
  } catch (err) {
    // The page still works with generated titles and colours.
  }
}

/** A small colour sample: a tint for techniques, an underline for rhetoric kinds. */
export function swatch(info) {
  const node = el("span", { class: "swatch " + (info.paint === "tint" ? "tint" : "line"), "aria-hidden": "true" });
  node.style.setProperty("--c", info.colour);
  node.style.setProperty("--p", mixWithWhite(info.colour, 0.55));
  return node;
}
