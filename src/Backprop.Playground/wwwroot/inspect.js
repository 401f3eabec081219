import { show } from "./colors.js";
import { nodeStepHtml, updateHtml } from "./step.js";

const esc = s => String(s).replace(/[&<>"]/g, c => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);
const value = (v, id) => `<span class="value"${id ? ` id="${id}" data-value="${esc(v)}"` : ""}>${esc(show(v, 6))}</span>`;

const shownPaths = 6;

function rows(paths, first) {
  return `<table><thead><tr><th>path</th><th>example</th><th>local derivatives (value)</th><th>product</th></tr></thead><tbody>${paths.map((p, k) => {
    const product = p.factors.reduce((a, f) => a * Number(f.value), 1);
    return `<tr><td>${first + k + 1}</td><td>${esc(p.example)}</td><td>${p.factors.map(f => `${esc(f.label)} (${value(f.value)})`).join(" × ")}</td><td>${value(product)}</td></tr>`;
  }).join("")}</tbody></table>`;
}

// An edge: its weight, its gradient on the last batch, and every chain-rule path from it to the loss (as `explain --paths`).
export function edgeHtml(e) {
  let html = `<p class="big"><b>${esc(e.parameter)}</b> — weight now ${value(e.value, "inspect-weight")}, before the last step ${value(e.before)}</p>
<p class="big">gradient on the last batch (${e.batchRows} rows, step ${e.step}): <b>dL/d${esc(e.parameter.replace(/^layer(\d+)\.([wb])/, "$2$1"))} = ${value(e.gradient, "inspect-gradient")}</b></p>`;
  html += updateHtml(e.update);
  if (e.pathsNote) html += `<p class="note">${esc(e.pathsNote)}</p>`;
  if (e.paths) {
    html += `<p>Every path from ${esc(e.parameter)} to the loss (${e.pathCount} path${e.pathCount === 1 ? "" : "s"}); each path's value is the product of its local derivatives${e.pathCount > e.paths.length ? `; the first ${e.paths.length} are listed, all are in the sum` : ""}:</p>
${rows(e.paths.slice(0, shownPaths), 0)}`;
    if (e.paths.length > shownPaths)
      html += `<details><summary>the other ${e.paths.length - shownPaths} listed paths</summary>${rows(e.paths.slice(shownPaths), shownPaths)}</details>`;
    html += `<p>sum over the ${e.pathCount} paths = ${value(e.sum, "inspect-sum")}; autodiff = ${value(e.autodiff, "inspect-autodiff")}
 (|sum − autodiff| = ${value(Math.abs(e.sum - e.autodiff))})</p>
<p class="note">The same walk-through on the command line: download the last step as a spec (below), then
<code>backprop explain --spec step.json --paths "${esc(e.parameter)}"</code>.</p>`;
  }
  return html;
}

// A node for one point: pre-activation, activation and local derivative.
export function nodeHtml(n) {
  return `<p class="big"><b>layer ${n.layer}, unit ${n.unit}</b> (${esc(n.activation)}) at the point (${n.input.map(v => show(v, 3)).join(", ")})</p>
<p>pre-activation z = a·w + b = ${value(n.z, "inspect-z")}</p>
<p>activation a = f(z) = ${value(n.a, "inspect-a")}</p>
<p>local derivative f'(z) = ${n.derivative === null ? esc(n.formula) : `${esc(n.formula)} = ${value(n.derivative, "inspect-derivative")}`}</p>
${nodeStepHtml(n)}
<p class="note">Click the output map to choose another point.</p>`;
}

// Per-layer ‖dL/dW‖ on a log scale from 1e-8 to 1e2, so vanishing (or exploding) layers stand out.
export function normsHtml(norms) {
  return norms.map((n, l) => {
    const v = Number(n), width = Number.isFinite(v) && v > 0 ? Math.max(1, Math.min(200, (Math.log10(v) + 8) * 20)) : 0;
    return `<div class="bar">layer ${l + 1} <span class="fill" style="width:${width}px"></span> ${show(v, 3)}</div>`;
  }).join("");
}
