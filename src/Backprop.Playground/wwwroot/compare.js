import { call } from "./api.js";
import { number } from "./colors.js";
import { drawCurves } from "./lossplot.js";
import { drawMap } from "./map.js";
import { toQuery } from "./settings.js";

// Compare mode: a second session B with the page's settings but one changed (SGD against Adam, tanh against ReLU...), on the same data and,
// both reset, from the same first weights (the seed draws both); played and paused together, their loss curves overlaid, both maps shown.
const $ = id => document.getElementById(id);
const colors = { a: "#0877bd", b: "#f59322" };

export function wireCompare(state) {
  const compare = { id: null, setup: null, frame: null, label: "", timer: null, curves: 0 };
  state.compare = compare;
  $("compare-open").onclick = () => { $("compare").hidden = !$("compare").hidden; };
  $("compare-start").onclick = async () => {
    const key = $("compare-key").value, value = $("compare-value").value.trim();
    $("compare-error").textContent = "";
    try {
      await stop(compare);
      const created = await call("POST", `/api/sessions?${toQuery({ ...state.settings, [key]: value })}`);
      const reset = await call("POST", `/api/sessions/${state.id}/reset`); // A from its first weights too
      state.receive(reset.setup, reset.frame);
      Object.assign(compare, { id: created.id, setup: created.setup, frame: created.frame, label: `${key}=${value}` });
      $("compare-label-a").textContent = `A: ${key}=${key === "act" ? state.settings.act : state.settings[key] ?? "default"}`;
      $("compare-label-b").textContent = `B: ${key}=${value}`;
      compare.timer = setInterval(() => poll(state, compare), 200);
      draw(state, compare);
    } catch (e) { $("compare-error").textContent = e.message; }
  };
  $("compare-play").onclick = async () => {
    if (!compare.id) return;
    const playing = state.frame?.playing || compare.frame?.playing;
    const verb = playing ? "pause" : "play";
    try {
      const [a] = await Promise.all([call("POST", `/api/sessions/${state.id}/${verb}`), call("POST", `/api/sessions/${compare.id}/${verb}`)]);
      state.receive(a.setup, a.frame);
    } catch (e) { $("compare-error").textContent = e.message; }
  };
  $("compare-stop").onclick = () => stop(compare);
  window.addEventListener("pagehide", () => { if (compare.id) fetch(`/api/sessions/${compare.id}`, { method: "DELETE", keepalive: true, headers: { "X-Playground-Token": document.querySelector('meta[name="playground-token"]')?.content ?? "" } }); });
}

async function stop(compare) {
  clearInterval(compare.timer);
  if (compare.id) try { await call("DELETE", `/api/sessions/${compare.id}`); } catch { /* already gone */ }
  Object.assign(compare, { id: null, setup: null, frame: null, timer: null, curves: 0 });
}

async function poll(state, compare) {
  if (!compare.id) return;
  try { compare.frame = await call("GET", `/api/sessions/${compare.id}/frame`); } catch (e) { $("compare-error").textContent = e.message; return; }
  draw(state, compare);
}

function draw(state, compare) {
  if (!compare.frame || !state.frame) return;
  drawMap($("compare-map-a"), state.setup, state.frame, null);
  drawMap($("compare-map-b"), compare.setup, compare.frame, null);
  $("compare-loss-a").textContent = number(state.frame.trainLoss).toPrecision(4);
  $("compare-loss-b").textContent = number(compare.frame.trainLoss).toPrecision(4);
  const runs = [[state.frame.history, colors.a], [compare.frame.history, colors.b]];
  const scale = drawCurves($("compare-curves"), runs.map(([history, color]) => ({ points: history.map(p => [p.step, number(p.train)]), color })),
    { empty: "the curves start with the first steps" });
  compare.scale = scale; // the shared plot's decades (ticks up the left), as the main loss plot has them
  compare.curves = scale?.drawn ?? 0;
}
