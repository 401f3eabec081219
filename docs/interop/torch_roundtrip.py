"""PyTorch <-> Backprop, both ways: the yardstick behind the PyTorch section of docs/interop.md.

    python3 docs/interop/torch_roundtrip.py [BACKPROP COMMAND...]     (default command: backprop)

1. Backprop -> PyTorch: trains a classifier and a regressor with `backprop train`, loads each file into the equivalent
   nn.Sequential (load_state_dict(strict=True); the feature scaler folded into the first Linear, the target scaler into the
   last) and compares its outputs with `backprop predict` on the same rows, the classifier also as float64; an architecture text
   that is code rather than modules is refused unrun.
2. PyTorch -> Backprop: trains an nn.Sequential in PyTorch (inputs normalised, then the normalisation folded into the first
   Linear), saves its state_dict, `backprop import`s it and compares `backprop predict` with PyTorch.
3. Training continues under DistributedDataParallel from a Backprop file (one CPU process, gloo; more processes or machines
   run the same code under torchrun) and the result comes back through `backprop import`.

Needs torch only. The two functions below read and write safetensors exactly as safetensors.torch.load_file/save_file do
(with the package installed, those can replace them); this script is a yardstick, not part of the test suite.
"""
import ast, csv, json, os, struct, subprocess, sys, tempfile

import torch
from torch import nn

DTYPES = {"F64": torch.float64, "F32": torch.float32, "F16": torch.float16, "BF16": torch.bfloat16, "I64": torch.int64}
ORDER = ["F16", "BF16", "F32", "F64", "I64"]  # the format's dtype order (ascending), for the sort save_file does


def load_file(path):
    """The tensors and the __metadata__ strings of a safetensors file."""
    with open(path, "rb") as f:
        n = struct.unpack("<Q", f.read(8))[0]
        header = json.loads(f.read(n))
        data = f.read()
    meta = header.pop("__metadata__", {})
    tensors = {}
    for name, t in header.items():
        begin, end = t["data_offsets"]
        tensors[name] = torch.frombuffer(bytearray(data[begin:end]), dtype=DTYPES[t["dtype"]]).reshape(t["shape"])
    return tensors, meta


def save_file(tensors, path, metadata=None):
    """As safetensors.torch.save_file: sorted by descending dtype then name, compact JSON header padded to 8 bytes."""
    code = {v: k for k, v in DTYPES.items()}
    names = sorted(tensors, key=lambda k: (-ORDER.index(code[tensors[k].dtype]), k))
    header, blobs, offset = {"__metadata__": metadata or {"format": "pt"}}, [], 0
    for name in names:
        blob = tensors[name].detach().contiguous().cpu().numpy().tobytes()
        header[name] = {"dtype": code[tensors[name].dtype], "shape": list(tensors[name].shape), "data_offsets": [offset, offset + len(blob)]}
        blobs.append(blob)
        offset += len(blob)
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)) + text + b"".join(blobs))


# The modules a model file's architecture names, by class name: the file's text is parsed, never run (see module).
MODULES = {name: getattr(nn, name) for name in ("Linear", "BatchNorm1d", "ReLU", "Tanh", "Sigmoid", "GELU", "SiLU", "Softplus", "ELU", "LeakyReLU", "Softmax")}


def module(call):
    """One entry of arch["torch"], e.g. Linear(4, 64): a class of MODULES with literal arguments (anything else raises)."""
    return MODULES[call.func.id](*map(ast.literal_eval, call.args), **{k.arg: ast.literal_eval(k.value) for k in call.keywords})


def backprop_to_torch(path):
    """A Backprop model file as the equivalent nn.Sequential taking raw features: logits (classification) or values in target units."""
    state, meta = load_file(path)
    arch = json.loads(meta["architecture"])
    net = nn.Sequential(*map(module, ast.parse(f"[{arch['torch']}]", mode="eval").body.elts)).to(state["0.weight"].dtype)
    net.load_state_dict(state, strict=True)
    net.eval()
    linears, dtype = [m for m in net if isinstance(m, nn.Linear)], state["0.weight"].dtype
    with torch.no_grad():
        if "scaler" in meta:  # x' = (x - offset) / scale, folded: W' = W / scale, b' = b - W (offset / scale)
            s = json.loads(meta["scaler"]); o, c = (torch.tensor(s[k], dtype=dtype) for k in ("offsets", "scales"))
            linears[0].bias -= linears[0].weight @ (o / c); linears[0].weight /= c
        if "target_scaler" in meta:  # y = y' * scale + offset, folded into the last Linear
            s = json.loads(meta["target_scaler"]); o, c = (torch.tensor(s[k], dtype=dtype) for k in ("offsets", "scales"))
            linears[-1].weight *= c[:, None]; linears[-1].bias.mul_(c).add_(o)
    return net, arch["loss"], meta


def probabilities(net, loss, x):
    with torch.no_grad():
        out = net(x)
    return {"softmax_ce": lambda o: torch.softmax(o, 1), "bce_logits": torch.sigmoid}.get(loss, lambda o: o)(out)


def run(*args):
    return subprocess.run(BACKPROP + list(args), check=True, capture_output=True, text=True).stdout


def predicted(csv_text):
    """The numbers `backprop predict` printed: probabilities (every p_ column) or values, one row per input row."""
    rows = list(csv.reader(csv_text.splitlines()))
    cols = [i for i, h in enumerate(rows[0]) if h.startswith("p_") or h.startswith("predicted") and not any(c.startswith("p_") for c in rows[0])]
    return torch.tensor([[float(r[i]) for i in cols] for r in rows[1:]], dtype=torch.float64)


def write_csv(path, x, header, target=None):
    with open(path, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(header)
        for i, row in enumerate(x.tolist()):
            w.writerow([f"{v:.6g}" for v in row] + ([] if target is None else [target[i]]))


def worst(a, b):
    return (a.double() - b.double()).abs().max().item()


BACKPROP = sys.argv[1:] or ["backprop"]
torch.manual_seed(0)
work = tempfile.mkdtemp(prefix="torch-roundtrip-")
names = ["x1", "x2", "x3", "x4"]
x = torch.randn(300, 4) * torch.tensor([1.0, 10.0, 0.1, 5.0]) + torch.tensor([0.0, 50.0, 1.0, -3.0])
z = (x - x.mean(0)) / x.std(0)
label = [["low", "mid", "high"][int(v > -0.5) + int(v > 0.5)] for v in (z[:, 0] + z[:, 1] * z[:, 2]).tolist()]
value = (3 * z[:, 0] - z[:, 3] ** 2 + 20).tolist()
x = torch.tensor([[float(f"{v:.6g}") for v in row] for row in x.tolist()])  # the rows exactly as the CSV holds them
write_csv(f"{work}/cls.csv", x, names + ["label"], label)
write_csv(f"{work}/reg.csv", x, names + ["y"], [f"{v:.6g}" for v in value])

# 1. Backprop -> PyTorch
for kind, extra in (("cls", ["--target", "label", "--activation", "gelu"]), ("reg", ["--target", "y", "--activation", "tanh", "--batch-norm"])):
    model = f"{work}/{kind}.safetensors"
    run("train", "--data", f"{work}/{kind}.csv", "--hidden", "16", "--epochs", "40", "--out", model, *extra)
    net, loss, _ = backprop_to_torch(model)
    ours = predicted(run("predict", "--model", model, "--data", f"{work}/{kind}.csv"))
    print(f"backprop -> torch  {kind}: {type(net).__name__}({', '.join(type(m).__name__ for m in net)}), loss {loss}, "
          f"max |torch - backprop predict| = {worst(probabilities(net, loss, x), ours):.2e} over {len(x)} rows")

# The classifier's file in float64, its metadata kept: backprop predict runs it in double, and PyTorch with the scaler folded in double
state, meta = load_file(f"{work}/cls.safetensors")
save_file({k: v.double() if v.is_floating_point() else v for k, v in state.items()}, f"{work}/cls64.safetensors", meta)
net, loss, _ = backprop_to_torch(f"{work}/cls64.safetensors")
ours = predicted(run("predict", "--model", f"{work}/cls64.safetensors", "--data", f"{work}/cls.csv"))
print(f"backprop -> torch  cls as {net[0].weight.dtype}: max |torch - backprop predict| = {worst(probabilities(net, loss, x.double()), ours):.2e}")

# A file whose architecture text is code, not modules, is refused without running it
for text in ("__import__('os').system('echo ran')", "print('ran')", "Linear(4, int('3'))"):
    try:
        module(ast.parse(f"[{text}]", mode="eval").body.elts[0])
        sys.exit(f"the architecture text {text!r} was accepted")
    except (AttributeError, KeyError, ValueError) as e:
        print(f"refused architecture {text!r}: {type(e).__name__} {e}")

# 2. PyTorch -> Backprop: inputs normalised while training, the normalisation folded into the first Linear before saving
classes = ["high", "low", "mid"]
y = torch.tensor([classes.index(v) for v in label])
mean, sd = x.mean(0), x.std(0)
net = nn.Sequential(nn.Linear(4, 32), nn.ReLU(), nn.Linear(32, 3))
opt = torch.optim.Adam(net.parameters(), lr=0.01)
for _ in range(300):
    opt.zero_grad()
    nn.functional.cross_entropy(net((x - mean) / sd), y).backward()
    opt.step()
with torch.no_grad():
    net[0].bias -= net[0].weight @ (mean / sd)
    net[0].weight /= sd
save_file(net.state_dict(), f"{work}/torch.safetensors")
run("import", "--torch", f"{work}/torch.safetensors", "--layers", "4-32-3", "--activation", "relu",
    "--classes", ",".join(classes), "--features", ",".join(names), "--target", "label", "--out", f"{work}/imported.safetensors")
ours = predicted(run("predict", "--model", f"{work}/imported.safetensors", "--data", f"{work}/cls.csv"))
mine = probabilities(net, "softmax_ce", x)
print(f"torch -> backprop  cls: max |torch - backprop predict| = {worst(mine, ours):.2e}, accuracy {(mine.argmax(1) == y).double().mean():.3f}")

# 3. DistributedDataParallel from a Backprop file (one process here; torchrun starts one per device or machine)
os.environ.update(MASTER_ADDR="127.0.0.1", MASTER_PORT="29531")
torch.distributed.init_process_group("gloo", rank=0, world_size=1)
net, loss, meta = backprop_to_torch(f"{work}/cls.safetensors")
cls_names = json.loads(meta["class_names"])
target = torch.tensor([cls_names.index(v) for v in label])
ddp = nn.parallel.DistributedDataParallel(net.train())
opt = torch.optim.Adam(ddp.parameters(), lr=1e-3)
for _ in range(50):
    opt.zero_grad()
    nn.functional.cross_entropy(ddp(x), target).backward()
    opt.step()
torch.distributed.destroy_process_group()
save_file(net.state_dict(), f"{work}/ddp.safetensors")
layers = "-".join(str(m.in_features) for m in net if isinstance(m, nn.Linear)) + f"-{len(cls_names)}"
run("import", "--torch", f"{work}/ddp.safetensors", "--layers", layers, "--activation", "gelu",
    "--classes", ",".join(cls_names), "--features", ",".join(names), "--target", "label", "--out", f"{work}/ddp-imported.safetensors")
ours = predicted(run("predict", "--model", f"{work}/ddp-imported.safetensors", "--data", f"{work}/cls.csv"))
print(f"DDP-trained, back  cls: max |torch - backprop predict| = {worst(probabilities(net.eval(), loss, x), ours):.2e}")
