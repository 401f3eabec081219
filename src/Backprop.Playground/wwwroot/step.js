import { show } from "./colors.js";

// The whole step in the inspector: a unit's z = Σ aᵢwᵢ + b with its terms and δ = dL/dz, and a weight's update by the optimizer.
const esc = s => String(s).replace(/[&<>"]/g, c => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);
const value = (v, id) => `<span class="value"${id ? ` id="${id}" data-value="${esc(v)}"` : ""}>${esc(show(v, 6))}</span>`;

// The optimizer's rule for one weight with its numbers (SGD's θ − γ·g, momentum's b, Adam's m, v, m̂, v̂ and step), ending in the new weight.
export function updateHtml(u) {
  if (!u) return "";
  const rows = u.terms.map(t => `<tr><td><b>${esc(t.name)}</b></td><td>= ${esc(t.formula)}</td><td>= ${value(t.value)}</td></tr>`).join("");
  return `<h3>The update: ${esc(u.optimizer)}</h3>
<table class="update"><tbody>${rows}</tbody></table>
<p class="big">new value after the step = ${value(u.after, "inspect-after")}</p>
<p class="note">The downloaded spec carries this optimizer and its state before the step, so <code>backprop explain --spec step.json</code> makes the same update.</p>`;
}

// z as the sum of its terms, and δ = dL/dz of the unit on each row of the last batch.
export function nodeStepHtml(n) {
  const terms = n.terms.map((t, i) => `<tr><td>a${i} = ${value(t.input)}</td><td>× w${i} = ${value(t.weight)}</td><td>= ${value(t.product)}</td></tr>`).join("");
  let html = `<p>z = Σᵢ aᵢ·wᵢ + b, term by term (aᵢ: ${n.layer === 1 ? "the point's features" : `layer ${n.layer - 1}'s activations`}):</p>
<table class="terms"><tbody>${terms}<tr><td colspan="2">+ bias b</td><td>= ${value(n.bias, "inspect-bias-value")}</td></tr>
<tr><td colspan="2"><b>z</b></td><td>= ${value(n.z)}</td></tr></tbody></table>
<p><button type="button" id="inspect-bias">inspect the bias b of this unit</button></p>`;
  if (n.deltas) {
    const shown = n.deltas.slice(0, 8).map(d => value(d)).join(", ");
    html += `<p>δ = dL/dz of this unit on the last batch, row by row (the loss is the batch mean, so each carries 1/${n.deltas.length}):
<span id="inspect-delta" data-value="${esc(n.deltas.join(","))}">${shown}${n.deltas.length > 8 ? ", …" : ""}</span>; Σ δ = dL/db = ${value(n.deltas.reduce((a, d) => a + Number(d), 0))}</p>`;
  } else html += `<p class="note">δ = dL/dz appears after the first step.</p>`;
  return html;
}
