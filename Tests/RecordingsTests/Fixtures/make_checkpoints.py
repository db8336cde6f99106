"""Small torch-deep-retina-style BNCNN checkpoints in both module layouts, converted with
Tools/convert_torch_deep_retina.py, and PyTorch's own eval-mode rates on a raw-unit stimulus.
Called by make_fixtures.py."""
import os
import sys

import numpy as np
import torch
from torch import nn

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "..", "Tools"))
import convert_torch_deep_retina  # noqa: E402

T, S, C1, K1, C2, K2, CELLS = 6, 12, 3, 5, 2, 3, 2
S1, S2 = S - K1 + 1, S - K1 - K2 + 2


class Flatten(nn.Module):
    def forward(self, x):
        return x.reshape(len(x), -1)


class Reshape(nn.Module):
    def __init__(self, *shape):
        super().__init__()
        self.shape = shape

    def forward(self, x):
        return x.reshape(len(x), *self.shape)


class GaussianNoise(nn.Module):
    """torch-deep-retina's noise layer; the newer version keeps `sigma` as a parameter."""
    def __init__(self, std=0.05, parameter=False):
        super().__init__()
        if parameter:
            self.sigma = nn.Parameter(torch.tensor(std))
        else:
            self.std = std

    def forward(self, x):
        return x  # eval mode: no noise


def build(layout):
    if layout == "old":  # dense .11, output BN .12
        mods = [nn.Conv2d(T, C1, K1), Flatten(), nn.BatchNorm1d(C1 * S1 * S1, eps=1e-3), GaussianNoise(), nn.ReLU(),
                Reshape(C1, S1, S1), nn.Conv2d(C1, C2, K2), Flatten(), nn.BatchNorm1d(C2 * S2 * S2, eps=1e-3), GaussianNoise(),
                nn.ReLU(), nn.Linear(C2 * S2 * S2, CELLS, bias=False), nn.BatchNorm1d(CELLS, eps=1e-3), nn.Softplus()]
    else:  # dense .13 (with bias), output BN .14, sigma at .4 and .10
        mods = [nn.Conv2d(T, C1, K1), Flatten(), nn.BatchNorm1d(C1 * S1 * S1, eps=1e-3), nn.ReLU(), GaussianNoise(parameter=True),
                Reshape(C1, S1, S1), nn.Conv2d(C1, C2, K2), Flatten(), nn.BatchNorm1d(C2 * S2 * S2, eps=1e-3), nn.ReLU(),
                GaussianNoise(parameter=True), Flatten(), nn.Dropout(p=0.0), nn.Linear(C2 * S2 * S2, CELLS, bias=True),
                nn.BatchNorm1d(CELLS, eps=1e-3), nn.Softplus()]

    class BNCNN(nn.Module):
        def __init__(self):
            super().__init__()
            self.sequential = nn.Sequential(*mods)

        def forward(self, x):
            return self.sequential(x)

    model = BNCNN()
    gen = torch.Generator().manual_seed(7 if layout == "old" else 8)
    with torch.no_grad():
        for m in model.modules():
            if isinstance(m, nn.BatchNorm1d):
                m.running_mean.copy_(torch.randn(m.num_features, generator=gen) * 0.3)
                m.running_var.copy_(torch.rand(m.num_features, generator=gen) + 0.5)
                m.weight.copy_(torch.rand(m.num_features, generator=gen) + 0.5)
                m.bias.copy_(torch.randn(m.num_features, generator=gen) * 0.2)
            if isinstance(m, nn.Linear) and m.bias is not None:
                m.bias.copy_(torch.randn(m.out_features, generator=gen) * 0.5)
    return model.eval()


def write(folder, rng):
    out = {}
    mean, std = 117.0, 41.5
    stim = rng.integers(0, 256, size=(20, S, S)).astype(np.float32)  # raw 8-bit units
    np.save(os.path.join(folder, "checkpoint_stimulus_raw.npy"), stim)
    z = (stim - mean) / std
    windows = np.stack([z[i:i + T] for i in range(len(stim) - T + 1)])  # window i = frames i … i+T-1
    for layout in ("old", "new"):
        model = build(layout)
        names = sorted(model.state_dict().keys())
        ckpt = {"model_type": "BNCNN", "model_state_dict": model.state_dict(),
                "hyps": {"n_units": CELLS, "chans": [C1, C2], "ksizes": [K1, K2], "img_shape": [T, S, S],
                         "bnorm_d": 1, "gc_bias": layout == "new"},
                "norm_stats": {"mean": np.float64(mean), "std": np.float64(std)}, "cells": [3, 7],
                "dataset": "15-10-07", "stim_type": "naturalscene", "img_shape": [T, S, S]}
        pt = os.path.join(folder, f"checkpoint_{layout}.pt")
        torch.save(ckpt, pt)
        st = os.path.join(folder, f"checkpoint_{layout}.safetensors")
        convert_torch_deep_retina.convert(pt, st)
        with torch.no_grad():
            rates = model(torch.from_numpy(windows.astype(np.float32))).numpy()
        np.save(os.path.join(folder, f"checkpoint_{layout}_rates.npy"), rates.astype(np.float32))
        out[layout] = {"tensors": names, "windows": int(len(windows)), "cells": CELLS,
                       "rate_probe": float(rates[3, 1])}
    out["norm_stats"] = {"mean": mean, "std": std}
    return out
