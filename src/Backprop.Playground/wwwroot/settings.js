// The configuration lives in the address's hash (#data=xor&hidden=8,8&act=tanh&lr=0.03), so a link shares a run.
export const keys = ["data", "noise", "test", "hidden", "act", "loss", "opt", "lr", "batch", "l1", "l2", "dropout", "seed", "target", "px", "py", "speed", "feat"];
export const defaults = { data: "spirals", test: "0.3", hidden: "8,8", act: "tanh", opt: "adam", lr: "0.03", batch: "10", l1: "0", l2: "0", dropout: "0", seed: "1", speed: "epoch", feat: "x1,x2" }; // px, py: none, the server's choice

export function fromHash(hash) {
  const given = new URLSearchParams(hash.replace(/^#/, ""));
  const settings = { ...defaults };
  for (const [key, value] of given) if (keys.includes(key)) settings[key] = value;
  return settings;
}

// Only the settings that differ from the defaults, in a fixed order.
export function toQuery(settings) {
  const query = new URLSearchParams();
  for (const key of keys) {
    const value = settings[key];
    if (value !== undefined && value !== null && value !== "" && value !== defaults[key]) query.set(key, value);
  }
  return query.toString();
}

export function hidden(settings) {
  return settings.hidden === "none" || settings.hidden === "" ? [] : settings.hidden.split(",").map(Number);
}

export function activations(settings) {
  const acts = settings.act.split(",");
  return hidden(settings).map((_, i) => acts.length === 1 ? acts[0] : acts[i] ?? acts[0]);
}
