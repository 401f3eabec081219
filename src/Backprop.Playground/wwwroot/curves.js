import { number } from "./colors.js";

// Training (solid) and test (dashed) loss against steps.
export function drawCurves(canvas, history) {
  const g = canvas.getContext("2d");
  const W = canvas.width, H = canvas.height, pad = 4;
  g.clearRect(0, 0, W, H);
  const points = history.filter(p => Number.isFinite(number(p.train)) && Number.isFinite(number(p.test)));
  if (points.length < 2) return;
  const maxStep = points[points.length - 1].step, minStep = points[0].step;
  const top = Math.max(...points.map(p => Math.max(number(p.train), number(p.test)))) * 1.05 || 1;
  const x = s => pad + (s - minStep) / Math.max(1, maxStep - minStep) * (W - 2 * pad), y = v => H - pad - v / top * (H - 2 * pad);
  for (const [key, color, dash] of [["train", "#222", []], ["test", "#f59322", [5, 3]]]) {
    g.beginPath();
    points.forEach((p, i) => i ? g.lineTo(x(p.step), y(number(p[key]))) : g.moveTo(x(p.step), y(number(p[key]))));
    g.setLineDash(dash);
    g.strokeStyle = color;
    g.lineWidth = 1.5;
    g.stroke();
  }
  g.setLineDash([]);
  g.fillStyle = "#666";
  g.font = "11px system-ui";
  g.fillText(top.toPrecision(3), pad + 2, 12);
}
