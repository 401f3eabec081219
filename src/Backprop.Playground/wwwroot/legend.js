import { classColor, diverging, show } from "./colors.js";

// What the map's colours mean: each class's colour and name, or (regression) the targets' scale — orange at the smallest target drawn,
// white at the middle, blue at the largest — on which both the points and the predicted surface are coloured.
const scales = new WeakMap();

export function valueScale(setup) {
  if (!scales.has(setup)) {
    const values = [...setup.train, ...setup.test].map(p => p.value ?? p.y).filter(Number.isFinite);
    const lo = values.length ? Math.min(...values) : 0, hi = values.length ? Math.max(...values) : 1, mid = (lo + hi) / 2, half = Math.max((hi - lo) / 2, 1e-12);
    scales.set(setup, { lo, hi, color: v => diverging(Math.max(-1, Math.min(1, (v - mid) / half))) });
  }
  return scales.get(setup);
}

const esc = s => String(s).replace(/[&<>"]/g, c => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);

// The legend's HTML: a swatch per class, or the value scale's gradient between its ends.
export function legendHtml(setup) {
  const k = setup.classes.length;
  if (k > 0)
    return `<span class="legend-title">class</span> ${setup.classes.map((name, c) =>
      `<span class="legend-item" data-class="${c}"><i style="background:${classColor(c, k)}"></i>${esc(name)}</span>`).join("")}`;
  const { lo, hi } = valueScale(setup), stops = [-1, 0, 1].map(t => `rgb(${diverging(t).map(Math.round)})`).join(",");
  return `<span class="legend-title">target${setup.note.includes("the target too") ? " (standardised)" : ""}</span>
<span class="legend-scale"><span class="legend-end" data-end="lo">${show(lo, 3)}</span><i class="legend-bar" style="background:linear-gradient(to right,${stops})"></i><span class="legend-end" data-end="hi">${show(hi, 3)}</span></span>`;
}

// The map's axes: the feature across with the plane's ends, and the one up (or the target, with one feature).
export function axes(setup, plane) {
  const [x0, x1, y0, y1] = setup.box;
  const across = plane ? "x₁" : setup.features[setup.plotX], up = plane ? "x₂" : setup.plotY >= 0 ? setup.features[setup.plotY] : setup.classes.length ? "class" : "target";
  return {
    x: `<span>${show(x0, 3)}</span><b>${esc(across)} →</b><span>${show(x1, 3)}</span>`,
    y: `<span>${show(y0, 3)}</span><b>${esc(up)} →</b><span>${show(y1, 3)}</span>`,
  };
}
