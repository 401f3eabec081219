import { bytes, classColor, number, rgb } from "./colors.js";
import { valueScale } from "./legend.js";

// The output panel: decision regions (or the regression surface / curve) under the points.
export function drawMap(canvas, setup, frame, chosen) {
  const g = canvas.getContext("2d");
  const [x0, x1, y0, y1] = setup.box;
  const W = canvas.width, H = canvas.height;
  const px = x => (x - x0) / (x1 - x0) * W, py = y => H - (y - y0) / (y1 - y0) * H;
  g.clearRect(0, 0, W, H);
  if (frame.map) {
    const n = frame.map.size, cells = bytes(frame.map.cells), image = g.createImageData(n, n);
    const k = Math.max(setup.classes.length, 2), scale = valueScale(setup);
    for (let i = 0; i < n * n; i++) {
      let color;
      if (setup.classes.length > 0) {
        const p = cells[2 * i + 1] / 255, t = Math.max(0, (p - 1 / k) / (1 - 1 / k)) * 0.75;
        const c = rgb(classColor(cells[2 * i], setup.classes.length));
        color = c.map(v => 255 + (v - 255) * t);
      } else color = scale.color(frame.map.min + cells[i] / 255 * (frame.map.max - frame.map.min)); // on the targets' scale, as the points
      image.data.set([color[0], color[1], color[2], 255], 4 * i);
    }
    const off = new OffscreenCanvas(n, n);
    off.getContext("2d").putImageData(image, 0, 0);
    g.imageSmoothingEnabled = true;
    g.drawImage(off, 0, 0, W, H);
  }
  const dot = (p, test) => {
    g.beginPath();
    g.arc(px(p.x), py(p.y), 3, 0, 2 * Math.PI);
    g.fillStyle = p.label >= 0 ? classColor(p.label, setup.classes.length) : `rgb(${valueScale(setup).color(p.value ?? p.y)})`;
    g.fill();
    g.lineWidth = 1;
    g.strokeStyle = test ? "#000" : "#fff";
    g.stroke();
  };
  setup.train.forEach(p => dot(p, false));
  setup.test.forEach(p => dot(p, true));
  if (frame.curve) {
    g.beginPath();
    frame.curve.x.forEach((x, i) => { const y = number(frame.curve.y[i]); i ? g.lineTo(px(x), py(y)) : g.moveTo(px(x), py(y)); });
    g.strokeStyle = "#0877bd";
    g.lineWidth = 2.5;
    g.stroke();
  }
  if (chosen) {
    g.strokeStyle = "#000";
    g.lineWidth = 1.5;
    g.strokeRect(px(chosen.x) - 5, py(chosen.y) - 5, 10, 10);
  }
}

// The plotted coordinates under a click on the map.
export function pointAt(canvas, setup, event) {
  const r = canvas.getBoundingClientRect();
  const [x0, x1, y0, y1] = setup.box;
  return { x: x0 + (event.clientX - r.left) / r.width * (x1 - x0), y: y1 - (event.clientY - r.top) / r.height * (y1 - y0) };
}
