// Class colours (TensorFlow Playground's orange and blue first) and the diverging scale of weights and unit outputs.
export const classColors = ["#f59322", "#0877bd", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"];
export const classColor = c => classColors[c % classColors.length];

export function rgb(hex) {
  const n = parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

// t in [-1, 1]: orange for negative, white at 0, blue for positive.
export function diverging(t) {
  const [r, g, b] = rgb(t < 0 ? "#f59322" : "#0877bd");
  const a = Math.min(1, Math.abs(t));
  return [255 + (r - 255) * a, 255 + (g - 255) * a, 255 + (b - 255) * a];
}

export function bytes(base64) {
  const text = atob(base64);
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i);
  return out;
}

export const number = v => typeof v === "number" ? v : Number(v); // NaN and infinities arrive as strings
export const show = (v, digits = 4) => { const n = number(v); return Number.isFinite(n) ? n.toPrecision(digits) : String(v); };
