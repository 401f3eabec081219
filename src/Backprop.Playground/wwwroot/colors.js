// Class colours (TensorFlow Playground's orange and blue first) and the diverging scale of weights and unit outputs.
export const classColors = ["#f59322", "#0877bd", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"];
// Beyond 10 classes, Paul Green-Armytage's "colour alphabet" (2010), 26 colours chosen to be told apart: letters' classes each get their own.
export const alphabetColors = ["#f0a3ff", "#0075dc", "#993f00", "#4c005c", "#191919", "#005c31", "#2bce48", "#ffcc99", "#808080", "#94ffb5", "#8f7c00",
  "#9dcc00", "#c20088", "#003380", "#ffa405", "#ffa8bb", "#426600", "#ff0010", "#5ef1f2", "#00998f", "#e0ff66", "#740aff", "#990000", "#ffff80",
  "#ffe100", "#ff5005"];
// Class c's colour when there are k classes (past 26, colours repeat).
export const classColor = (c, k = classColors.length) => {
  const palette = k <= classColors.length ? classColors : alphabetColors;
  return palette[c % palette.length];
};

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
