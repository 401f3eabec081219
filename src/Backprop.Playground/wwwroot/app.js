import { call, pageHeader } from "./api.js";
import { wireCompare } from "./compare.js";
import { show, number } from "./colors.js";
import { planeSets, pointFeatures, showInputs, showPlotChoice } from "./features.js";
import { explainControls, layerHelp } from "./help.js";
import { labelNetwork } from "./labels.js";
import { axes, legendHtml } from "./legend.js";
import { drawLoss } from "./lossplot.js";
import { edgeHtml, nodeHtml, normsHtml } from "./inspect.js";
import { drawMap, pointAt } from "./map.js";
import * as network from "./network.js";
import { activations, defaults, fromHash, hidden, toQuery } from "./settings.js";
import { showSpeed, stepsPerFrame } from "./speed.js";
import { announceFull, announceGone, applyDropping, fitLossMenu, flagExplosion, isGone, lossAfterSwitch, note, wireSpecLink } from "./state.js";

const $ = id => document.getElementById(id);
const state = { id: null, settings: fromHash(location.hash), setup: null, frame: null, view: null, chosen: null, inspecting: null, events: null, frames: 0, perFrame: [] };
window.playground = state; // for the browser test and the curious
state.receive = (setup, frame) => receive(setup, frame); // for compare mode

function fail(error) {
  $("error-text").textContent = error.message ?? String(error);
  $("error").hidden = false;
}
$("error-close").onclick = () => { $("error").hidden = true; };

async function act(action) {
  try { return await action(); } catch (e) {
    if (isGone(e)) announceGone(e.message, rebuild); else fail(e);
    return null;
  }
}

function writeHash() {
  history.replaceState(null, "", "#" + toQuery(state.settings));
}

function showSettings() {
  const s = state.settings;
  for (const key of ["data", "opt", "lr", "batch", "loss", "l1", "l2", "dropout", "seed", "target", "px", "py", "test"]) if ($(key)) $(key).value = s[key] ?? "";
  $("noise").value = s.noise ?? (s.data === "circles" ? 0.05 : 0.1);
  $("noise-value").textContent = s.noise ?? "default";
  $("test-value").textContent = `${Math.round(Number(s.test) * 100)}%`;
  showSpeed($("speed"), s);
  showInputs($("feature-inputs"), s, feat => configure({ feat: feat || defaults.feat }));
  const units = hidden(s), acts = activations(s);
  $("layer-controls").replaceChildren(...units.map((n, l) => {
    const div = document.createElement("div");
    div.className = "layer-control";
    div.style.left = `${network.columnX(l + 1) + 15 - 48}px`; // above its column of nodes
    div.innerHTML = `<button type="button" data-l="${l}" data-d="-1" title="${layerHelp.fewer}">−</button> ${n} <button type="button" data-l="${l}" data-d="1" title="${layerHelp.more}">+</button><br>
<select data-l="${l}" title="${layerHelp.activation}">${["tanh", "relu", "sigmoid", "leaky_relu", "gelu", "silu", "elu", "softplus", "identity"].map(a => `<option${a === acts[l] ? " selected" : ""}>${a}</option>`).join("")}</select>`;
    div.querySelectorAll("button").forEach(b => b.onclick = () => {
      units[l] = Math.max(1, Math.min(64, units[l] + Number(b.dataset.d)));
      configure(shape(units, acts));
    });
    div.querySelector("select").onchange = e => { acts[l] = e.target.value; configure(shape(units, acts)); };
    return div;
  }));
}

async function configure(changes) {
  const previous = { ...state.settings };
  Object.assign(state.settings, changes);
  const done = await act(() => call("POST", `/api/sessions/${state.id}/config?${toQuery(state.settings)}`));
  if (!done) state.settings = previous;
  writeHash();
  showSettings();
  if (done) receive(done.setup, done.frame);
}

// The hidden layers and their activations as settings: one activation when all are the same.
function shape(units, acts) {
  return { hidden: units.length ? units.join(",") : "none", act: acts.length && acts.some(a => a !== acts[0]) ? acts.join(",") : acts[0] ?? state.settings.act.split(",")[0] };
}

function receive(setup, frame) {
  if (setup && setup.version > (state.setup?.version ?? 0)) { // streams and answers may arrive out of order: only newer counts
    state.setup = setup;
    state.view = network.build($("network"), $("edges"), $("nodes"), setup, inspectEdge, inspectNode);
    labelNetwork(state.view, setup, $("nodes"));
    $("legend").innerHTML = legendHtml(setup);
    const axis = axes(setup, setup.plane != null);
    $("map-x").innerHTML = axis.x;
    $("map-y").innerHTML = axis.y;
    showPlotChoice($("plot-choice"), setup, state.settings, (key, value) => configure({ [key]: value }));
    const first = setup.train[0];
    state.chosen = first ? { x: first.x, y: first.y } : null;
    $("data-note").textContent = [setup.note, `${setup.trainRows} training and ${setup.testRows} test rows, ${setup.features.length} feature(s), ${setup.classes.length ? setup.classes.length + " classes" : "regression"}, loss ${setup.loss}`].filter(Boolean).join("; ");
    $("accuracy-row").hidden = setup.classes.length === 0;
    fitLossMenu($("loss"), setup.classes.length > 0, state.settings.loss);
    $("error").hidden = true; // a new network: an old refusal no longer applies
    closeInspect();
  }
  if (frame && frame.version > (state.frame?.version ?? 0)) {
    const steps = stepsPerFrame(state.frame, frame);
    if (steps !== null) state.perFrame = [...state.perFrame.slice(-49), steps]; // the last 50, for the curious (and the test)
    $("steps-per-frame").textContent = steps ?? "–";
    state.frame = frame;
    state.frames++;
    draw();
  }
}

function draw() {
  const { setup, frame } = state;
  if (!setup || !frame) return;
  $("epoch").textContent = frame.epoch;
  $("steps").textContent = frame.step;
  $("play").textContent = frame.playing ? "❚❚ Pause" : "▶ Play";
  $("train-loss").textContent = show(frame.trainLoss);
  $("test-loss").textContent = show(frame.testLoss);
  for (const [id, v] of [["test-accuracy", frame.testAccuracy], ["train-accuracy", frame.trainAccuracy]]) {
    $(id).textContent = v === null ? "–" : number(v).toFixed(3);
    $(id).dataset.value = v ?? "";
  }
  network.update(state.view, frame, state.frames);
  drawMap($("map"), setup, frame, state.chosen);
  state.lossScale = drawLoss($("curves"), frame.history, frame.diverged);
  $("norms").innerHTML = normsHtml(frame.gradientNorms);
  if (frame.failure && frame.failure !== state.failure) fail(new Error(frame.failure)); // once per failure
  state.failure = frame.failure;
  $("diverged").hidden = !frame.diverged;
  flagExplosion(frame);
  if (frame.diverged)
    $("diverged-text").textContent = `Training diverged and is paused: at ${frame.diverged}. The learning rate ${state.settings.lr} is likely too large.`;
}

async function inspectEdge(l, i, j, line) {
  if (state.frame?.playing) await act(() => call("POST", `/api/sessions/${state.id}/pause`));
  const e = await act(() => call("GET", `/api/sessions/${state.id}/edge?layer=${l}&from=${i}&to=${j}`));
  if (!e) return;
  document.querySelectorAll(".picked").forEach(x => x.classList.remove("picked"));
  line.classList.add("picked");
  openInspect(edgeHtml(e), { edge: [l, i, j, line] });
}

async function inspectNode(l, u, canvas) {
  if (state.frame?.playing) await act(() => call("POST", `/api/sessions/${state.id}/pause`));
  const features = state.chosen ? pointFeatures(state.setup, state.chosen.x, state.chosen.y) : state.setup.features.map(() => 0);
  const n = await act(() => call("GET", `/api/sessions/${state.id}/node?layer=${l}&unit=${u}&x=${features.join(",")}`));
  if (!n) return;
  document.querySelectorAll(".picked").forEach(x => x.classList.remove("picked"));
  canvas.classList.add("picked");
  openInspect(nodeHtml(n), { node: [l, u, canvas] });
  $("inspect-bias").onclick = () => inspectBias(l, u);
}

async function inspectBias(l, u) {
  const e = await act(() => call("GET", `/api/sessions/${state.id}/edge?layer=${l}&from=b&to=${u}`));
  if (e) openInspect(edgeHtml(e), { bias: [l, u] });
}

function openInspect(html, what) {
  $("inspect-body").innerHTML = html;
  $("inspect").hidden = false;
  state.inspecting = what;
}
function closeInspect() {
  $("inspect").hidden = true;
  state.inspecting = null;
  document.querySelectorAll(".picked").forEach(x => x.classList.remove("picked"));
}
$("inspect-close").onclick = closeInspect;

// A browser keeps at most 6 connections to one server, and each stream holds one: a hidden tab closes its stream and reopens it when
// shown again, so only the tabs being looked at hold one.
document.addEventListener("visibilitychange", () => {
  if (!state.id) return;
  if (document.hidden) { state.events?.close(); state.events = null; } else resume();
});

async function resume() {
  const id = state.id;
  let frame = null;
  try { frame = await call("GET", `/api/sessions/${id}/frame`); } catch { /* closed while hidden (idle), or the server restarted */ }
  if (document.hidden || state.events || state.id !== id) return; // hidden again, or another resume got here first
  if (frame) { receive(null, frame); listen(); return; }
  announceGone("closed while the tab was hidden, idle too long, or the server restarted", rebuild);
}

// A new session from the page's settings, after the old one ended.
function rebuild() {
  state.events?.close();
  Object.assign(state, { id: null, setup: null, frame: null, events: null });
  start();
}

function listen() {
  state.events?.close();
  const events = new EventSource(`/api/sessions/${state.id}/events`);
  events.addEventListener("setup", m => receive(JSON.parse(m.data), null));
  events.addEventListener("frame", m => receive(null, JSON.parse(m.data)));
  events.onerror = () => { if (events.readyState === EventSource.CLOSED) announceGone("idle too long, or the server stopped", rebuild); };
  state.events = events;
}

async function start() {
  showSettings();
  let created = null;
  if (state.settings.data === "upload") {
    fail(new Error("this link names an uploaded CSV, which is not part of the link; choose the file below to upload it"));
    state.settings.data = "spirals";
  }
  try { // a bad value in the link is dropped, one by one, and the note says which
    const applied = await applyDropping(state.settings, s => call("POST", `/api/sessions?${toQuery(s)}`));
    created = applied.answer;
    state.settings = applied.settings;
    note(applied.note);
  } catch (e) {
    if (e.status === 429) announceFull(e.message, start); else fail(e);
    return;
  }
  state.id = created.id;
  writeHash();
  showSettings();
  receive(created.setup, created.frame);
  listen();
}

// An edited address (the hash) is applied to the session, value by value.
window.addEventListener("hashchange", async () => {
  if (!state.id || location.hash.replace(/^#/, "") === toQuery(state.settings)) return;
  try {
    const applied = await applyDropping(fromHash(location.hash), s => call("POST", `/api/sessions/${state.id}/config?${toQuery(s)}`));
    state.settings = applied.settings;
    note(applied.note);
    writeHash();
    showSettings();
    receive(applied.answer.setup, applied.answer.frame);
  } catch (e) { if (isGone(e)) announceGone(e.message, rebuild); else fail(e); }
});
wireSpecLink($("spec-link"), () => state.id, path => call("GET", path).then(j => JSON.stringify(j, null, 2)));

$("play").onclick = () => act(() => call("POST", `/api/sessions/${state.id}/${state.frame?.playing ? "pause" : "play"}`).then(r => receive(r.setup, r.frame)));
$("step").onclick = () => act(() => call("POST", `/api/sessions/${state.id}/step?by=${$("step-by").value}`).then(r => receive(r.setup, r.frame)));
$("speed").onchange = e => {
  state.settings.speed = e.target.value;
  writeHash();
  act(() => call("POST", `/api/sessions/${state.id}/speed?speed=${e.target.value}`).then(r => receive(r.setup, r.frame))); // the weights stay
};
$("reset").onclick = () => act(() => call("POST", `/api/sessions/${state.id}/reset`).then(r => receive(r.setup, r.frame)));
$("add-layer").onclick = () => {
  const u = hidden(state.settings), a = activations(state.settings);
  if (u.length < 7) configure(shape([...u, u[u.length - 1] ?? 4], [...a, a[a.length - 1] ?? state.settings.act.split(",")[0]]));
};
$("remove-layer").onclick = () => configure(shape(hidden(state.settings).slice(0, -1), activations(state.settings).slice(0, -1)));
for (const key of ["data", "opt", "lr", "batch", "loss", "l1", "l2", "dropout", "seed", "test", "noise"])
  $(key).onchange = e => configure({ [key]: e.target.value });
// Another set: its own plotted features (the server's choice), the computed inputs kept only between the 2-D sets, and a loss that fits its task.
$("data").onchange = e => configure({ data: e.target.value, px: "", py: "", feat: planeSets.includes(e.target.value) ? state.settings.feat : defaults.feat,
  loss: lossAfterSwitch($("data"), e.target.value, state.settings.loss) });
const generated = ["spirals", "xor", "moons", "circles", "sine"]; // their two features are always the ones plotted
for (const key of ["target"]) $(key).onchange = e => { state.settings[key] = e.target.value; if (!generated.includes(state.settings.data)) configure({}); else writeHash(); };
$("lower-lr").onclick = () => configure({ lr: String(Number(state.settings.lr) / 10) });
$("vanishing").onchange = e => { $("norms").hidden = !e.target.checked; };
$("map").onclick = e => {
  if (!state.setup) return;
  state.chosen = pointAt($("map"), state.setup, e);
  draw();
  if (state.inspecting?.node) inspectNode(...state.inspecting.node);
};
$("file").onchange = async e => {
  const file = e.target.files[0];
  if (!file) return;
  if (file.size > 1 << 20) { fail(new Error(`${file.name} has ${file.size} bytes; an upload may have at most 1 MB`)); return; }
  const settings = { ...state.settings, data: "upload" };
  const done = await act(() => call("POST", `/api/sessions/${state.id}/upload?${toQuery(settings)}`, file, { "Content-Type": "text/csv", "X-File-Name": file.name }));
  e.target.value = "";
  if (!done) return;
  state.settings = settings;
  writeHash();
  showSettings();
  receive(done.setup, done.frame);
};
window.addEventListener("pagehide", () => { if (state.id) fetch(`/api/sessions/${state.id}`, { method: "DELETE", keepalive: true, headers: pageHeader }); });
document.addEventListener("mousemove", e => {
  const tip = $("tip"), edge = e.target.dataset?.edge;
  if (!edge || !state.frame) { tip.hidden = true; return; }
  const [l, i, j] = edge.split("-").map(Number);
  tip.textContent = network.describeEdge(state.frame, l, i, j, state.setup.sizes[l]);
  Object.assign(tip.style, { left: `${e.clientX + 12}px`, top: `${e.clientY + 12}px` });
  tip.hidden = false;
});
explainControls();
wireCompare(state);
start();
