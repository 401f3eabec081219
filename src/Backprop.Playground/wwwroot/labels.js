import { classColor } from "./colors.js";

// Names beside the network's ends: each input unit's feature to its left, each output unit's class (in its colour) or "prediction" to
// its right. An output unit's map is drawn from white to its class's colour (see network.update's tints).
export function labelNetwork(view, setup, nodesDiv) {
  const last = setup.sizes.length - 1, k = setup.classes.length;
  const place = (canvas, text, side, color) => {
    const label = document.createElement("span");
    label.className = `unit-label ${side}`;
    label.textContent = text;
    label.title = text;
    const size = parseFloat(canvas.style.width), left = parseFloat(canvas.style.left), top = parseFloat(canvas.style.top);
    Object.assign(label.style, { top: `${top + size / 2}px`, [side === "in" ? "right" : "left"]: side === "in" ? `calc(100% - ${left - 4}px)` : `${left + size + 4}px` });
    if (color) label.style.color = color;
    nodesDiv.append(label);
  };
  view.canvases[0].forEach((c, u) => place(c, setup.features[u], "in"));
  view.canvases[last].forEach((c, u) => {
    const name = k ? setup.classes[u] : "prediction";
    place(c, name, "out", k ? classColor(u, k) : null);
    c.title = k ? `output ${u}: probability of class ${name}` : "output: the predicted value";
  });
  view.tints = k ? { [last]: view.canvases[last].map((_, u) => classColor(u, k)) } : {};
}
