// The inputs a generated 2-D set gives the network, each computed from the point (x₁, x₂) of the plane as the server does
// (PlaneFeatures.cs): checkboxes for them, and their values for a point (node inspection) or over the plane (input units' maps).
export const planeInputs = [
  { key: "x1", name: "x₁", value: (x, y) => x },
  { key: "x2", name: "x₂", value: (x, y) => y },
  { key: "x1sq", name: "x₁²", value: (x, y) => x * x },
  { key: "x2sq", name: "x₂²", value: (x, y) => y * y },
  { key: "x1x2", name: "x₁x₂", value: (x, y) => x * y },
  { key: "sinx1", name: "sin x₁", value: (x, y) => Math.sin(x) },
  { key: "sinx2", name: "sin x₂", value: (x, y) => Math.sin(y) },
];
export const defaultInputs = "x1,x2";
export const planeSets = ["spirals", "xor", "moons", "circles"];
const byKey = Object.fromEntries(planeInputs.map(f => [f.key, f]));

// The checkboxes: one per input, the checked ones the settings' feat; at least one stays checked.
export function showInputs(container, settings, onChange) {
  container.hidden = !planeSets.includes(settings.data);
  const chosen = (settings.feat || defaultInputs).split(",");
  container.querySelector(".inputs").replaceChildren(...planeInputs.map(f => {
    const label = document.createElement("label");
    label.className = "input-choice";
    label.title = `Give the network ${f.name} as an input (computed from the point); the first layer's width follows`;
    label.innerHTML = `<input type="checkbox" data-feat="${f.key}"${chosen.includes(f.key) ? " checked" : ""}> ${f.name}`;
    label.querySelector("input").onchange = () => {
      const keys = [...container.querySelectorAll("input[data-feat]:checked")].map(i => i.dataset.feat);
      if (keys.length === 0) { label.querySelector("input").checked = true; return; } // the network needs an input
      onChange(keys.join(",") === defaultInputs ? "" : keys.join(","));
    };
    return label;
  }));
}

// The plot menus of a table: "chosen" (the server's rule) or any feature by name.
export function showPlotChoice(container, setup, settings, onChange) {
  container.hidden = setup.plane != null || setup.features.length < 2;
  if (container.hidden) return;
  for (const [key, chosenIndex] of [["px", setup.plotX], ["py", setup.plotY]]) {
    const select = container.querySelector(`#${key}`);
    select.replaceChildren(new Option(`auto: ${setup.features[chosenIndex] ?? "–"}`, ""), ...setup.features.map((name, i) => new Option(`${i}: ${name}`, String(i))));
    select.value = settings[key] ?? "";
    select.onchange = () => onChange(key, select.value);
  }
}

// The network's inputs for a point of the plotted plane: a generated set's computed from (x, y); a table's two plotted features, the
// others at their mean (0).
export function pointFeatures(setup, x, y) {
  if (setup.plane) return setup.plane.map(key => byKey[key].value(x, y));
  const features = setup.features.map(() => 0);
  features[setup.plotX] = x;
  if (setup.plotY >= 0) features[setup.plotY] = y;
  return features;
}

// A computed input's 16 × 16 map over the plane, scaled into [-1, 1] by its largest |value|; null for an input that is a plotted feature.
export function inputMap(setup, u) {
  if (!setup.plane) return null;
  const f = byKey[setup.plane[u]], [x0, x1, y0, y1] = setup.box, values = [];
  for (let r = 0; r < 16; r++)
    for (let c = 0; c < 16; c++) values.push(f.value(x0 + (x1 - x0) * (c + 0.5) / 16, y1 - (y1 - y0) * (r + 0.5) / 16));
  const most = Math.max(...values.map(Math.abs), 1e-12);
  return values.map(v => v / most);
}
