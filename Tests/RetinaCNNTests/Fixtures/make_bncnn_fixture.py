#!/usr/bin/env python3
"""Writes the Python cross-check fixture of the RetinaCNN engine (run from this folder).

An independent NumPy (float64) forward pass of a small BN-CNN with torch-deep-retina's BNCNN
tensor names and per-unit batch norm:
  history 8, 20x20 frames, conv1 4 @5x5 -> 4x16x16, BN1 (1024 units), ReLU,
  conv2 3 @3x3 -> 3x14x14, BN2 (588 units), ReLU, dense 588 -> 3 cells (no bias), BN3, softplus.
Random weights and non-trivial batch-norm statistics (seed 2024).

Outputs (float32, < 100 KB together):
  bncnn_small.safetensors   weights, no `architecture` metadata (the loader infers the sizes)
  bncnn_small_stimulus.npy  movie (11, 20, 20): 4 windows of 8 frames
  bncnn_small_rates.npy     expected rates (4, 3) in Hz, row i = window ending at frame i + 7

Requires numpy and safetensors (`pip install safetensors`).
"""
import numpy as np
from safetensors.numpy import save_file

rng = np.random.default_rng(2024)
T, H, W, C1, K1, C2, K2, CELLS, WINDOWS = 8, 20, 20, 4, 5, 3, 3, 3, 4
H1, W1 = H - K1 + 1, W - K1 + 1
H2, W2 = H1 - K2 + 1, W1 - K2 + 1
EPS = 1e-3


def f32(x):
    """Round to float32 (what the file stores), then compute in float64."""
    return np.asarray(x, dtype=np.float32)


def bn_params(n, mean_scale, var_scale):
    return {
        "weight": f32(rng.uniform(0.5, 1.5, n)),
        "bias": f32(rng.uniform(-0.3, 0.5, n)),
        "running_mean": f32(rng.uniform(-mean_scale, mean_scale, n)),
        "running_var": f32(var_scale * rng.uniform(0.5, 2.0, n)),
    }


w1 = f32(rng.uniform(-1, 1, (C1, T, K1, K1)) / np.sqrt(T * K1 * K1))
b1 = f32(rng.uniform(-0.2, 0.2, C1))
bn1 = bn_params(C1 * H1 * W1, 0.2, 0.3)
w2 = f32(rng.uniform(-1, 1, (C2, C1, K2, K2)) / np.sqrt(C1 * K2 * K2))
b2 = f32(rng.uniform(-0.2, 0.2, C2))
bn2 = bn_params(C2 * H2 * W2, 0.2, 0.2)
dense = f32(rng.uniform(-1, 1, (CELLS, C2 * H2 * W2)) / np.sqrt(C2 * H2 * W2))
bn3 = bn_params(CELLS, 0.1, 0.1)
movie = f32(rng.standard_normal((WINDOWS + T - 1, H, W)))


def correlate_valid(x, k, bias):
    """out[o, y, x] = sum_{i,u,v} k[o, i, u, v] * x[i, y + u, x + v] + bias[o] (PyTorch Conv2d)."""
    ci, h, w = x.shape
    co, _, kh, kw = k.shape
    out = np.zeros((co, h - kh + 1, w - kw + 1))
    for u in range(kh):
        for v in range(kw):
            patch = x[:, u:u + h - kh + 1, v:v + w - kw + 1]          # (ci, oh, ow)
            out += np.einsum("oi,iyx->oyx", k[:, :, u, v].astype(np.float64), patch.astype(np.float64))
    return out + bias.astype(np.float64)[:, None, None]


def batch_norm(x, p):
    return (p["weight"].astype(np.float64) * (x - p["running_mean"]) / np.sqrt(p["running_var"].astype(np.float64) + EPS)
            + p["bias"])


def forward(window):
    z1 = correlate_valid(window, w1, b1).reshape(-1)                  # channel-major flatten
    h1 = np.maximum(batch_norm(z1, bn1), 0).reshape(C1, H1, W1)
    z2 = correlate_valid(h1, w2, b2).reshape(-1)
    h2 = np.maximum(batch_norm(z2, bn2), 0)
    u = dense.astype(np.float64) @ h2
    return np.logaddexp(0, batch_norm(u, bn3))                        # softplus


rates = np.stack([forward(movie[i:i + T]) for i in range(WINDOWS)])

tensors = {"sequential.0.weight": w1, "sequential.0.bias": b1,
           "sequential.6.weight": w2, "sequential.6.bias": b2,
           "sequential.11.weight": dense}
for prefix, p in (("sequential.2", bn1), ("sequential.8", bn2), ("sequential.12", bn3)):
    for field, values in p.items():
        tensors[f"{prefix}.{field}"] = values
    tensors[f"{prefix}.num_batches_tracked"] = np.array(1000, dtype=np.int64)
save_file(tensors, "bncnn_small.safetensors")
np.save("bncnn_small_stimulus.npy", movie)
np.save("bncnn_small_rates.npy", rates.astype(np.float32))
print("rates (Hz):\n", rates)
