// How fast a playing run goes: steps per frame (the server sends about 20 frames a second), from one step a second — slow enough to
// follow a single update — to a whole epoch per frame. The page also counts the steps each frame actually brought.
export const speeds = [
  ["0.05", "1 step a second"], ["0.25", "5 steps a second"], ["1", "1 step a frame"], ["10", "10 steps a frame"], ["100", "100 steps a frame"],
  ["epoch", "1 epoch a frame"],
];
export const defaultSpeed = "epoch";

export function showSpeed(select, settings) {
  if (select.options.length === 0) select.append(...speeds.map(([value, text]) => new Option(text, value)));
  const value = settings.speed || defaultSpeed;
  if (![...select.options].some(o => o.value === value)) select.append(new Option(`${value} steps a frame`, value)); // from a link
  select.value = value;
}

// The steps between this frame and the last one shown while playing (null when paused or at the first frame).
export function stepsPerFrame(previous, frame) {
  return previous && frame.playing && previous.playing && frame.step >= previous.step ? frame.step - previous.step : null;
}
