import { number } from "./colors.js";
import { defaults, keys } from "./settings.js";

// State kept and said: settings from a link applied value by value, the session's end and the server's limit announced, a loss that
// explodes flagged, the loss menu fitted to the task, and the spec link explained when there is no step to download.
const $ = id => document.getElementById(id);

// Tries `attempt(settings)`; while the server refuses one setting ("lr: ..."), puts that one back to its default and tries again.
// Returns the answer, the settings that worked and a note naming each value dropped and why.
export async function applyDropping(settings, attempt) {
  const tried = { ...settings }, dropped = [];
  for (let round = 0; round <= keys.length; round++) {
    try {
      const answer = await attempt(tried);
      return { answer, settings: tried, note: dropped.length ? `Dropped from the link: ${dropped.join("; ")}.` : "" };
    } catch (e) {
      const key = keys.find(k => e.message?.startsWith(`${k}:`) && tried[k] !== defaults[k] && tried[k] !== undefined);
      if (e.status !== 400 || !key) throw e;
      dropped.push(`${key}=${tried[key]} (${e.message})`);
      if (key in defaults) tried[key] = defaults[key]; else delete tried[key];
    }
  }
  throw new Error("the link's settings could not be applied");
}

export function note(text) {
  $("note-text").textContent = text;
  $("note").hidden = !text;
  $("note-close").onclick = () => { $("note").hidden = true; };
}

export const isGone = e => e?.status === 400 && /^no session /.test(e.message ?? "");

// The session ended (idle, the server restarted, or it was replaced): say so, with a button that builds a new one from the settings.
export function announceGone(why, rebuild) {
  $("expired-text").textContent = `This page's session has ended (${why}); the network shown is no longer training.`;
  $("expired").hidden = false;
  $("rebuild").onclick = () => { $("expired").hidden = true; rebuild(); };
}

// All sessions in use: a page that says so instead of an empty network, with a button to try again.
export function announceFull(message, retry) {
  $("full-text").textContent = `The playground cannot open another session: ${message}.`;
  $("full").hidden = false;
  document.querySelector("main").hidden = true;
  $("full-retry").onclick = () => { $("full").hidden = true; document.querySelector("main").hidden = false; retry(); };
}

// A loss that grows past a million times its first value is flagged while it stays so, even when it is still finite.
export const explosionFactor = 1e6;
export function flagExplosion(frame) {
  const first = frame.history.map(p => number(p.train)).find(v => Number.isFinite(v) && v > 0);
  const now = number(frame.trainLoss);
  const exploding = first !== undefined && !frame.diverged && (Number.isFinite(now) ? now > explosionFactor * first : false);
  $("exploding").hidden = !exploding;
  if (exploding) $("exploding-text").textContent = `The training loss ${now.toPrecision(3)} is more than ${explosionFactor.toExponential(0)} times its first value ${first.toPrecision(3)}: training is exploding; lower the learning rate.`;
}

// The losses that fit the task: softmax_ce for classes, mse or mse_half for values ("" is the task's default).
export const lossesFor = classes => classes ? ["", "softmax_ce"] : ["", "mse", "mse_half"];
export function fitLossMenu(select, classes, chosen) {
  select.replaceChildren(...lossesFor(classes).map(l => new Option(l || "default", l, false, l === (chosen ?? ""))));
}

// The loss to keep when switching to data set `data`: the chosen one if it fits that set's task, else the default.
export function lossAfterSwitch(dataSelect, data, loss) {
  if (!loss || data === "upload") return loss;
  const option = [...dataSelect.options].find(o => o.value === data);
  const regression = /regression/.test(option?.textContent ?? "");
  return lossesFor(!regression).includes(loss) ? loss : "";
}

// The spec link: downloads the last step, or says why there is none yet.
export function wireSpecLink(link, sessionId, call) {
  link.onclick = async e => {
    e.preventDefault();
    $("spec-note").hidden = true;
    let text;
    try { text = await call(`/api/sessions/${sessionId()}/spec`); } catch (error) {
      $("spec-note").textContent = `Not available yet: ${error.message}.`;
      $("spec-note").hidden = false;
      return;
    }
    const a = document.createElement("a");
    a.href = URL.createObjectURL(new Blob([text], { type: "application/json" }));
    a.download = "step.json";
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
  };
}
