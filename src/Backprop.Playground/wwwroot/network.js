import { bytes, diverging, rgb, show } from "./colors.js";
import { inputMap } from "./features.js";

// The network as nodes and edges: node l-u is unit u of layer l (layer 0 the inputs), edge l-i-j is layerL.w[i,j] from unit i of
// layer l-1 to unit j of layer l. Each node shows its small output map; each edge its weight by colour and width.
const SVG = "http://www.w3.org/2000/svg";
const columnGap = matchMedia("(max-width: 600px)").matches ? 80 : 110; // closer on a phone

// Where the nodes of layer l start across.
export const columnX = l => 20 + l * columnGap;

export function layout(setup) {
  const most = Math.max(...setup.sizes);
  const touch = matchMedia("(max-width: 600px), (pointer: coarse)").matches; // a finger needs 24 px
  const size = Math.max(touch ? 24 : 8, Math.min(30, Math.floor(440 / most) - 4));
  const height = Math.max(220, most * (size + 4) + 20);
  const nodes = setup.sizes.map((units, l) => Array.from({ length: units }, (_, u) => ({
    x: columnX(l), y: height / 2 + (u - (units - 1) / 2) * (size + 4) - size / 2,
  })));
  return { size, height, width: 40 + (setup.sizes.length - 1) * columnGap + size, nodes };
}

export function build(container, svg, nodesDiv, setup, onEdge, onNode) {
  const shape = layout(setup);
  container.style.height = `${shape.height}px`;
  container.style.width = `${shape.width}px`; // a wide network scrolls inside its panel
  svg.setAttribute("width", shape.width);
  svg.setAttribute("height", shape.height);
  svg.replaceChildren();
  nodesDiv.replaceChildren();
  const edges = [];
  const half = shape.size / 2;
  for (let l = 1; l < setup.sizes.length; l++)
    for (let i = 0; i < setup.sizes[l - 1]; i++)
      for (let j = 0; j < setup.sizes[l]; j++) {
        const a = shape.nodes[l - 1][i], b = shape.nodes[l][j];
        const hit = document.createElementNS(SVG, "line"), line = document.createElementNS(SVG, "line");
        for (const e of [hit, line]) {
          e.setAttribute("x1", a.x + shape.size); e.setAttribute("y1", a.y + half);
          e.setAttribute("x2", b.x); e.setAttribute("y2", b.y + half);
        }
        hit.setAttribute("class", "hit");
        hit.dataset.edge = `${l}-${i}-${j}`;
        hit.addEventListener("click", () => onEdge(l, i, j, line));
        line.setAttribute("pointer-events", "none");
        svg.append(hit, line);
        edges.push({ l, i, j, line });
      }
  const canvases = shape.nodes.map((column, l) => column.map((p, u) => {
    const c = document.createElement("canvas");
    c.width = c.height = 16;
    Object.assign(c.style, { left: `${p.x}px`, top: `${p.y}px`, width: `${shape.size}px`, height: `${shape.size}px` });
    c.dataset.node = `${l}-${u}`;
    c.title = l === 0 ? setup.features[u] : `layer ${l}, unit ${u}`;
    if (l > 0) c.addEventListener("click", () => onNode(l, u, c));
    nodesDiv.append(c);
    return c;
  }));
  inputMaps(setup, canvases[0]);
  return { edges, canvases };
}

// An input node's map is its feature over the plane: x across, y up, other features flat.
function inputMaps(setup, canvases) {
  canvases.forEach((c, u) => {
    const g = c.getContext("2d"), image = g.createImageData(16, 16), computed = inputMap(setup, u);
    if (computed) computed.forEach((t, i) => image.data.set([...diverging(t), 255], 4 * i));
    else for (let r = 0; r < 16; r++)
      for (let col = 0; col < 16; col++) {
        const t = u === setup.plotX ? col / 7.5 - 1 : u === setup.plotY ? 1 - r / 7.5 : 0;
        image.data.set([...diverging(t), 255], 4 * (r * 16 + col));
      }
    g.putImageData(image, 0, 0);
  });
}

// Each layer's weights from their float32 bytes.
export function weights(frame) {
  return frame.weights.map(b => new Float32Array(bytes(b).buffer));
}

// Thousands of edges take the browser longer to restyle than a frame lasts: a large network's edges follow every few frames.
export function update(view, frame, count) {
  const w32 = weights(frame), every = Math.ceil(view.edges.length / 3000);
  for (const e of count % every === 0 ? view.edges : []) {
    const w = w32[e.l - 1][e.i * view.canvases[e.l].length + e.j];
    const ok = Number.isFinite(w);
    e.line.setAttribute("stroke", ok ? (w >= 0 ? "#0877bd" : "#f59322") : "#d00");
    e.line.setAttribute("stroke-width", ok ? Math.min(6, 0.4 + Math.abs(w) * 1.5).toFixed(2) : "1");
    e.line.setAttribute("stroke-opacity", ok ? Math.min(1, 0.25 + Math.abs(w) * 0.5).toFixed(2) : "1");
  }
  frame.units.forEach((maps, layer) => maps.forEach((map, u) => {
    const c = view.canvases[layer + 1][u], g = c.getContext("2d"), cells = bytes(map.cells), image = g.createImageData(16, 16);
    const tint = view.tints?.[layer + 1]?.[u], ink = tint && rgb(tint); // a class's output: white at 0, its colour at the most
    for (let i = 0; i < 256; i++)
      image.data.set([...(ink ? ink.map(v => 255 + (v - 255) * Math.max(0, cells[i] / 127.5 - 1)) : diverging(cells[i] / 127.5 - 1)), 255], 4 * i);
    g.putImageData(image, 0, 0);
  }));
}

export function describeEdge(frame, l, i, j, units) {
  return `layer${l}.w[${i},${j}] = ${show(weights(frame)[l - 1][i * units + j])}`;
}
