#!/usr/bin/env python3
"""PyTorch CPU reference for the engine benchmark (Benchmarks/README.md).

Builds the same BN-CNN as RetinaCNN (torch-deep-retina BNCNN layout: conv1 history->8 @15x15 (history 60 by default),
Flatten, BatchNorm1d(10368, eps 1e-3, momentum 0.01), Gaussian noise 0.05, ReLU, conv2 8->8 @11x11,
BatchNorm1d(5408), noise, ReLU, Linear(5408 -> cells, no bias), BatchNorm1d(cells), Softplus) and
prints the same three figures as `EngineBenchmark.run`:
  inference windows/s, training samples/s (batch 64: forward + backward + Adam, Poisson loss,
  L2 on both conv kernels), layer-1 integrated gradients (window x alpha-step evaluations per s).

Usage: python3 pytorch_reference.py [--threads 2] [--steps 10] [--fft-conv1] [--history 60]
--fft-conv1 replaces conv1 by an FFT convolution (as the project's PyTorch prototype did).
"""
import argparse
import time

import torch
import torch.nn as nn


class GaussianNoise(nn.Module):
    def __init__(self, std):
        super().__init__()
        self.std = std

    def forward(self, x):
        if self.training and self.std > 0:
            return x + self.std * torch.randn_like(x)
        return x


class Reshape(nn.Module):
    def __init__(self, shape):
        super().__init__()
        self.shape = shape

    def forward(self, x):
        return x.view(-1, *self.shape)


class FFTConv2d(nn.Module):
    """Valid cross-correlation computed with real FFTs on the input grid (same result as Conv2d)."""

    def __init__(self, cin, cout, k):
        super().__init__()
        self.conv = nn.Conv2d(cin, cout, k)
        self.k = k

    @property
    def weight(self):
        return self.conv.weight

    def forward(self, x):
        h, w = x.shape[-2:]
        xs = torch.fft.rfft2(x, s=(h, w))
        ws = torch.fft.rfft2(self.conv.weight, s=(h, w))
        zs = torch.einsum("bihw,oihw->bohw", xs, ws.conj())
        z = torch.fft.irfft2(zs, s=(h, w))[..., : h - self.k + 1, : w - self.k + 1]
        return z + self.conv.bias[None, :, None, None]


class BNCNN(nn.Module):
    """torch-deep-retina's BNCNN layout: parameters under `sequential.<index>` (as in the weights files)."""

    def __init__(self, sequential):
        super().__init__()
        self.sequential = sequential

    def forward(self, x):
        return self.sequential(x)


def bncnn(cells, history=40, size=50, c1=8, k1=15, c2=8, k2=11, fft=False):
    s1 = size - k1 + 1
    s2 = s1 - k2 + 1
    conv1 = FFTConv2d(history, c1, k1) if fft else nn.Conv2d(history, c1, k1)
    return BNCNN(nn.Sequential(
        conv1, nn.Flatten(), nn.BatchNorm1d(c1 * s1 * s1, eps=1e-3, momentum=0.01), GaussianNoise(0.05), nn.ReLU(),
        Reshape((c1, s1, s1)), nn.Conv2d(c1, c2, k2), nn.Flatten(),
        nn.BatchNorm1d(c2 * s2 * s2, eps=1e-3, momentum=0.01), GaussianNoise(0.05), nn.ReLU(),
        nn.Linear(c2 * s2 * s2, cells, bias=False), nn.BatchNorm1d(cells, eps=1e-3, momentum=0.01), nn.Softplus()))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--steps", type=int, default=10)
    ap.add_argument("--cells", type=int, default=8)
    ap.add_argument("--batch", type=int, default=64)
    ap.add_argument("--inference-windows", type=int, default=1000)
    ap.add_argument("--ig-windows", type=int, default=4)
    ap.add_argument("--alpha-steps", type=int, default=100)
    ap.add_argument("--fft-conv1", action="store_true")
    ap.add_argument("--history", type=int, default=60,
                    help="input window in frames (retina-report bench --history; train's default 60)")
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(1)
    T = args.history
    model = bncnn(args.cells, history=T, fft=args.fft_conv1)

    # Inference on a contiguous movie: windows built by unfolding (no copy until conv).
    model.eval()
    movie = torch.rand(args.inference_windows + T - 1, 50, 50) * 2 - 1
    windows = movie.unfold(0, T, 1).permute(0, 3, 1, 2)  # (n, T, 50, 50) view
    with torch.no_grad():
        model(windows[:32].contiguous())
        t0 = time.perf_counter()
        for i in range(0, args.inference_windows, 256):
            model(windows[i:i + 256].contiguous())
        inference = args.inference_windows / (time.perf_counter() - t0)

    # Training: random windows of a long movie, Poisson loss, L2 on conv kernels, Adam.
    model.train()
    train_movie = torch.rand(5000, 50, 50) * 2 - 1
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    conv_weights = [model.sequential[0].weight, model.sequential[6].weight]
    loss_fn = nn.PoissonNLLLoss(log_input=False)

    def step():
        starts = torch.randint(0, 5000 - T + 1, (args.batch,))
        x = torch.stack([train_movie[s:s + T] for s in starts.tolist()])
        y = torch.poisson(torch.full((args.batch, args.cells), 2.0))
        opt.zero_grad()
        loss = loss_fn(model(x), y) + 1e-4 * sum((w ** 2).sum() for w in conv_weights)
        loss.backward()
        opt.step()

    step()
    times = []
    for _ in range(args.steps):
        t0 = time.perf_counter()
        step()
        times.append(time.perf_counter() - t0)
    times.sort()
    median = times[len(times) // 2]

    # Layer-1 integrated gradients: conv1 once per window, alpha-steps batched above it.
    model.eval()
    rest = model.sequential[1:]
    ig_movie = torch.rand(args.ig_windows + T - 1, 50, 50) * 2 - 1
    ig_windows = ig_movie.unfold(0, T, 1).permute(0, 3, 1, 2).contiguous()
    t0 = time.perf_counter()
    with torch.no_grad():
        z = model.sequential[0](ig_windows)
    bias = model.sequential[0].conv.bias if args.fft_conv1 else model.sequential[0].bias
    for w in range(args.ig_windows):
        alphas = torch.linspace(0, 1, args.alpha_steps)[:, None, None, None]
        zb = (alphas * (z[w] - bias[:, None, None]) + bias[:, None, None]).detach().requires_grad_(True)
        r = rest(zb)
        r.mean(dim=1).sum().backward()
    ig = args.ig_windows * args.alpha_steps / (time.perf_counter() - t0)

    print(f"torch {torch.__version__} threads {args.threads} fft_conv1 {args.fft_conv1} history {T}")
    print(f"inference {inference:.1f} windows/s | training {args.batch / median:.1f} samples/s "
          f"(median step {median * 1e3:.1f} ms, best {times[0] * 1e3:.1f} ms) | IG {ig:.1f} window-alpha/s")


if __name__ == "__main__":
    main()
