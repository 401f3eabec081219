import { number } from "./colors.js";

// Training (solid) and test (dashed) loss against steps on a log scale, with ticks. The scale stays readable after a blow-up: it reaches
// at most 100× above the first loss's decade, and points beyond are drawn at the top in red, with the largest value written there;
// a diverged run gets a red line at its last step.
const pad = { left: 44, right: 8, top: 8, bottom: 20 };

export function drawLoss(canvas, history, diverged) {
  const series = [["train", "#222", []], ["test", "#f59322", [5, 3]]].map(([key, color, dash]) => ({ points: history.map(p => [p.step, number(p[key])]), color, dash }));
  return drawCurves(canvas, series, { diverged, empty: "the loss curves start with the first steps" });
}

// Curves of [step, loss] points on one log scale with ticks (the compare mode's two runs, or a run's training and test loss), drawn as
// drawLoss describes; returns the scale and how many curves had two points or more, or null before there is anything to draw.
export function drawCurves(canvas, series, { diverged = false, empty = "" } = {}) {
  const g = canvas.getContext("2d"), W = canvas.width, H = canvas.height;
  g.clearRect(0, 0, W, H);
  g.font = "10px system-ui";
  const points = series.flatMap(s => s.points), values = points.map(([, v]) => v).filter(v => Number.isFinite(v) && v > 0);
  if (Math.max(0, ...series.map(s => s.points.length)) < 2 || values.length === 0) { g.fillStyle = "#888"; g.fillText(empty, pad.left, H / 2); return null; }
  const firsts = series.map(s => s.points[0]?.[1]).filter(v => Number.isFinite(v) && v > 0);
  const first = Math.max(...firsts, Math.min(...values));
  const cap = 10 ** (Math.ceil(Math.log10(first)) + 2), most = Math.max(...values);
  const top = Math.log10(Math.min(most, cap)), bottom = Math.log10(Math.min(...values));
  const [lo, hi] = top - bottom < 1 ? [Math.floor(bottom * 2) / 2, Math.ceil(top * 2) / 2 + (top === bottom ? 0.5 : 0)] : [Math.floor(bottom), Math.ceil(top)];
  const steps = points.map(([s]) => s), s0 = Math.min(...steps), s1 = Math.max(...steps, s0 + 1);
  const x = s => pad.left + (s - s0) / (s1 - s0) * (W - pad.left - pad.right);
  const y = v => { const l = Math.log10(Math.max(v, 10 ** lo)); return pad.top + (hi - Math.min(l, hi)) / (hi - lo) * (H - pad.top - pad.bottom); };
  axes(g, W, H, lo, hi, s0, s1, x, y);
  let clipped = false, drawn = 0;
  for (const { points: curve, color, dash = [] } of series) {
    g.beginPath();
    let on = false;
    for (const [step, v] of curve) {
      if (!Number.isFinite(v)) { on = false; clipped = true; continue; } // NaN or infinite: a gap, marked at the top
      clipped ||= v > 10 ** hi;
      on ? g.lineTo(x(step), y(v)) : g.moveTo(x(step), y(v));
      on = true;
    }
    g.setLineDash(dash);
    g.strokeStyle = color;
    g.lineWidth = 1.5;
    g.stroke();
    if (curve.length >= 2) drawn++;
  }
  g.setLineDash([]);
  g.fillStyle = "#d00";
  for (const [step, v] of points)
    if (!(v <= 10 ** hi)) g.fillRect(x(step) - 1.5, pad.top - 1, 3, 4);
  if (clipped) g.fillText(`▲ above the scale: up to ${Number.isFinite(most) ? most.toPrecision(3) : "∞"}`, pad.left + 4, pad.top + 12);
  if (diverged) {
    g.strokeStyle = "#d00";
    g.setLineDash([3, 3]);
    g.beginPath(); g.moveTo(x(s1), pad.top); g.lineTo(x(s1), H - pad.bottom); g.stroke();
    g.setLineDash([]);
    g.textAlign = "right";
    g.fillText("diverged", x(s1) - 3, H - pad.bottom - 4);
    g.textAlign = "left";
  }
  return { lo, hi, clipped, drawn };
}

// Decades (and halves of a decade when the range is small) up the left, about four round step counts along the bottom.
function axes(g, W, H, lo, hi, s0, s1, x, y) {
  g.strokeStyle = "#bbb";
  g.fillStyle = "#555";
  g.lineWidth = 1;
  g.textAlign = "right";
  const step = hi - lo <= 2 ? 0.5 : Math.ceil((hi - lo) / 5);
  for (let e = lo; e <= hi + 1e-9; e += step) {
    const v = 10 ** e, py = y(v);
    g.beginPath(); g.moveTo(pad.left - 3, py); g.lineTo(W - pad.right, py); g.globalAlpha = 0.4; g.stroke(); g.globalAlpha = 1;
    g.fillText(label(v), pad.left - 5, py + 3);
  }
  g.textAlign = "center";
  const raw = (s1 - s0) / 4, unit = 10 ** Math.floor(Math.log10(raw)), nice = [1, 2, 5, 10].map(m => m * unit).find(m => m >= raw) ?? raw;
  for (let s = Math.ceil(s0 / nice) * nice; s <= s1; s += nice) {
    g.beginPath(); g.moveTo(x(s), H - pad.bottom); g.lineTo(x(s), H - pad.bottom + 3); g.stroke();
    g.fillText(String(s), x(s), H - pad.bottom + 13);
  }
  g.beginPath(); g.moveTo(pad.left, pad.top); g.lineTo(pad.left, H - pad.bottom); g.lineTo(W - pad.right, H - pad.bottom); g.strokeStyle = "#888"; g.stroke();
  g.textAlign = "left";
}

const label = v => v >= 0.01 && v < 1000 ? String(Number(v.toPrecision(2))) : v.toExponential(0);
