// One sentence on every control: what it does to the network or its training (shown as the control's tooltip).
export const help = {
  reset: "Start again from the same first weights (the seed draws them), keeping every setting",
  play: "Train continuously in the background; the picture updates about 20 times a second",
  step: "Train on one batch (or one epoch, as chosen beside it), then pause: watch a single update",
  "step-by": "What Step trains: one batch (one gradient update) or one whole pass over the training rows",
  speed: "Steps trained per frame while playing: slow enough to follow each update, or a whole epoch per frame",
  opt: "How the gradient becomes a weight change: sgd steps against it; momentum and nesterov keep a velocity; adam, adamw, rmsprop and adagrad scale each weight's step by its gradient history",
  lr: "Learning rate: how far each step moves the weights along the (optimizer's) gradient; too large and training diverges",
  batch: "Rows per step: the gradient is averaged over this many; small batches are noisy, large ones smooth but fewer steps an epoch",
  loss: "What training minimises: softmax_ce (cross-entropy of the class probabilities) for classes, mse or mse_half for values",
  l1: "L1 penalty λ₁·Σ|w|: pushes weights to exactly zero (sparse networks)",
  l2: "Weight decay (L2): shrinks every weight a little each step, for smoother boundaries",
  dropout: "Share of each hidden layer's units switched off at random in every training step, so no unit can be relied on alone",
  seed: "Draws the data, the first weights and the order of batches: change it for another start",
  data: "The data the network learns: generated 2-D sets, built-in tables, or your own CSV",
  noise: "Noise added to the generated points: more makes the classes overlap",
  test: "Share of rows held out: they are never trained on, and give the test loss and accuracy",
  target: "The uploaded CSV's column to predict (a name or an index; the last by default)",
  px: "The feature drawn across the map (the others are held at their mean); 'auto' is the one that alone says most about the target",
  py: "The feature drawn up the map; 'auto' adds the most beside the first",
  file: "Upload a CSV (at most 1 MB) to train on: every feature is an input, standardised",
  "add-layer": "Add a hidden layer (a copy of the last): more layers can bend the boundary more",
  "remove-layer": "Remove the last hidden layer",
  vanishing: "Show each layer's gradient size on the last batch: in a deep sigmoid network the first layers' shrink",
  "inspect-close": "Close the inspector",
  "error-close": "Hide this message",
  "lower-lr": "Divide the learning rate by ten and start again",
  "spec-link": "Download the last step (weights before it and its batch) as the JSON that backprop explain --spec reads",
  map: "What the network predicts over the plane, under the training (white rim) and test (black rim) points; click to choose the point for node inspection",
  curves: "Training and test loss after each frame, on a log scale",
};
export const layerHelp = {
  fewer: "One unit fewer in this layer",
  more: "One unit more in this layer: more units can draw more pieces of the boundary",
  activation: "This layer's activation f, applied to each unit's z = Σ aᵢwᵢ + b: what bends the boundary",
};

// Writes the tooltips onto the controls present.
export function explainControls() {
  for (const [id, text] of Object.entries(help)) {
    const control = document.getElementById(id);
    if (control) control.title = text;
  }
}
