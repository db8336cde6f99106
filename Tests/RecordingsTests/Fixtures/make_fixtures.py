#!/usr/bin/env python3
"""Writes the small recording and checkpoint fixtures of RecordingsTests and the numbers the Swift
tests check (expected.json). Needs numpy, h5py, pynwb, torch and safetensors; CI needs none of them
because the outputs are committed. Run from this folder: python3 make_fixtures.py

Every expected number is computed here with NumPy (or PyTorch), independently of the Swift code.
"""
import json
import os
import subprocess
import sys
from datetime import datetime, timezone

import h5py
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(11)
expected = {}


def path(name):
    return os.path.join(HERE, name)


# ---------------------------------------------------------------- deep-retina HDF5
T_TRAIN, T_TEST, H, W, CELLS, REPEATS = 120, 60, 8, 8, 3, 4
train_stim = rng.integers(0, 256, size=(T_TRAIN, H, W), dtype=np.uint8)
test_stim = rng.integers(0, 256, size=(T_TEST, H, W), dtype=np.uint8)
train_binned = rng.poisson(0.4, size=(CELLS, T_TRAIN)).astype(np.float64)
train_rate = (rng.random((CELLS, T_TRAIN)) * 30).astype(np.float32)
# The test response is one bin longer than the test stimulus (the known quirk): trimmed on load.
test_rate = (rng.random((CELLS, T_TEST + 1)) * 30).astype(np.float32)
test_binned = rng.poisson(0.4, size=(CELLS, T_TEST + 1)).astype(np.float64)
repeats = rng.poisson(0.5, size=(CELLS, REPEATS, T_TEST + 1)).astype(np.float32)

with h5py.File(path("deep_retina_small.h5"), "w") as f:
    f["train/stimulus"] = train_stim
    f["train/time"] = np.arange(T_TRAIN) * 0.01
    f["train/response/firing_rate_10ms"] = train_rate
    f["train/response/binned"] = train_binned
    f["test/stimulus"] = test_stim
    f["test/time"] = np.arange(T_TEST) * 0.01
    f["test/response/firing_rate_10ms"] = test_rate
    f["test/response/binned"] = test_binned
    for c in range(CELLS):
        f[f"test/repeats/cell{c + 1:02d}"] = repeats[c]

ts = train_stim.astype(np.float64)
expected["deep_retina"] = {
    "train_frames": T_TRAIN, "test_frames": T_TEST, "height": H, "width": W, "cells": CELLS, "repeats": REPEATS,
    "cell_ids": [f"cell{c + 1:02d}" for c in range(CELLS)],
    # (frame, y, x) → value, in raw units
    "stimulus_probe": {"frame": 7, "y": 2, "x": 5, "value": float(train_stim[7, 2, 5])},
    # response (time-major) probe: rate of cell 2 at bin 33, and the binned count of cell 1 at bin 50
    "rate_probe": {"bin": 33, "cell": 2, "value": float(train_rate[2, 33])},
    "binned_probe": {"bin": 50, "cell": 1, "value": float(train_binned[1, 50])},
    "test_rate_last": {"bin": T_TEST - 1, "cell": 0, "value": float(test_rate[0, T_TEST - 1])},
    "repeat_mean_probe": {"bin": 12, "cell": 1, "value": float(repeats[1, :, 12].mean())},
    "repeat_probe": {"repeat": 3, "bin": 59, "cell": 2, "value": float(repeats[2, 3, 59])},
    # One scalar mean and std (population, ddof 0) of the training movie.
    "normalisation": {"mean": float(ts.mean()), "std": float(ts.std())},
    # Pairing: training window i covers frames i … i+39. Tool convention: target = bin i+39;
    # deep-retina: target = bin i+40.
    "pairing": {"window": 5, "cell": 2, "window_end_target": float(train_rate[2, 5 + 39]),
                "deep_retina_target": float(train_rate[2, 5 + 40]),
                "window_end_windows": T_TRAIN - 39, "deep_retina_windows": T_TRAIN - 40},
}

# Variant: 3-D repeats (repeats, cells, T) named after the response type, time × cells responses.
with h5py.File(path("deep_retina_repeats3d.h5"), "w") as f:
    f["train/stimulus"] = train_stim.astype(np.float32) / 255.0
    f["train/response/binned"] = train_binned.T  # stored time × cells: read with a warning
    f["test/stimulus"] = test_stim.astype(np.float32) / 255.0
    f["test/response/binned"] = test_binned[:, :T_TEST]
    f["test/repeats/binned"] = np.transpose(repeats[:, :, :T_TEST], (1, 0, 2))
expected["deep_retina_repeats3d"] = {
    "binned_probe": {"bin": 50, "cell": 1, "value": float(train_binned[1, 50])},
    "repeat_probe": {"repeat": 3, "bin": 59, "cell": 2, "value": float(repeats[2, 3, 59])},
    "stimulus_probe": {"frame": 7, "y": 2, "x": 5, "value": float(np.float32(train_stim[7, 2, 5]) / np.float32(255.0))},
}

# Bad files: each breaks one rule; the Swift tests check the error names the dataset.
with h5py.File(path("bad_missing_train.h5"), "w") as f:
    f["test/stimulus"] = test_stim[:45]
with h5py.File(path("bad_ambiguous.h5"), "w") as f:  # 45 cells × 45 bins, 45 frames
    f["train/stimulus"] = np.zeros((45, 4, 4), np.uint8)
    f["train/response/binned"] = np.zeros((45, 45), np.float32)
with h5py.File(path("bad_length.h5"), "w") as f:  # 3 bins too many
    f["train/stimulus"] = np.zeros((45, 4, 4), np.uint8)
    f["train/response/binned"] = np.zeros((2, 48), np.float32)
with h5py.File(path("bad_nan.h5"), "w") as f:
    r = np.zeros((2, 45), np.float32)
    r[1, 17] = np.nan
    f["train/stimulus"] = np.zeros((45, 4, 4), np.uint8)
    f["train/response/firing_rate_10ms"] = r
expected["bad_nan_index"] = 1 * 45 + 17  # flat index in the stored (cells, T) order

# ---------------------------------------------------------------- NWB
from pynwb import NWBHDF5IO, NWBFile  # noqa: E402
from pynwb.image import OpticalSeries  # noqa: E402


def nwb_file(name, frames, nx, ny, clock, unit_spikes, test=None):
    nwb = NWBFile(session_description="retina-report fixture", identifier=name,
                  session_start_time=datetime(2026, 1, 1, tzinfo=timezone.utc))
    data = rng.integers(0, 256, size=(frames, nx, ny)).astype(np.uint8)  # [frame][x][y]
    kwargs = dict(name="movie", data=data, unit="n.a.", distance=0.1, field_of_view=[0.3, 0.3], orientation="lower left")
    if "timestamps" in clock:
        series = OpticalSeries(timestamps=clock["timestamps"], **kwargs)
    else:
        series = OpticalSeries(starting_time=clock["start"], rate=clock["rate"], **kwargs)
    nwb.add_stimulus(series)
    for k, s in enumerate(unit_spikes):
        nwb.add_unit(spike_times=np.sort(s), id=100 + k)
    with NWBHDF5IO(path(name), "w") as io:
        io.write(nwb, cache_spec=False)  # keeps the fixture small
    return data


# 100 Hz via starting_time + rate: frames are the bins.
frames, nx, ny = 90, 6, 5
start = 2.0
spikes = [start + rng.random(n) * frames * 0.01 for n in (40, 25, 60)]
spikes[0] = np.concatenate([spikes[0], [0.5, start + frames * 0.01 + 0.3]])  # two outside: dropped
data = nwb_file("nwb_100hz.nwb", frames, nx, ny, {"start": start, "rate": 100.0}, spikes)
edges = start + np.arange(frames + 1) * 0.01
counts = np.stack([np.histogram(s, bins=edges)[0] for s in spikes], axis=1)  # (T, cells)
expected["nwb_100hz"] = {
    "frames": frames, "height": ny, "width": nx, "cells": 3, "cell_ids": ["100", "101", "102"],
    "counts_total": [int(c) for c in counts.sum(axis=0)],
    "counts_probe": {"bin": int(np.argmax(counts[:, 2])), "cell": 2, "value": float(counts[:, 2].max())},
    # (t, y, x) of the tool = data[t][x][y]
    "stimulus_probe": {"frame": 11, "y": 4, "x": 1, "value": float(data[11, 1, 4])},
    "dropped_spikes": 2,
}

# 60 Hz via timestamps: resampled to 10 ms bins; each bin shows the frame on screen at its centre.
frames60 = 30
t60 = 1.0 + np.arange(frames60) / 60.0
spikes60 = [1.0 + rng.random(n) * frames60 / 60.0 for n in (30, 45)]
data60 = nwb_file("nwb_60hz.nwb", frames60, 4, 4, {"timestamps": t60}, spikes60)
end = t60[-1] + 1 / 60.0
bins = int(np.floor((end - t60[0]) / 0.01 + 1e-9))
bin_edges = t60[0] + np.arange(bins + 1) * 0.01
centres = t60[0] + (np.arange(bins) + 0.5) * 0.01
frame_of_bin = np.searchsorted(t60, centres, side="right") - 1
counts60 = np.stack([np.histogram(s, bins=bin_edges)[0] for s in spikes60], axis=1)
expected["nwb_60hz"] = {
    "bins": bins, "frame_period_ms": 1000 / 60.0,
    "frame_of_bin": [int(f) for f in frame_of_bin],
    "counts": counts60.astype(float).tolist(),
    "stimulus_probe": {"bin": 7, "y": 2, "x": 3, "value": float(data60[frame_of_bin[7], 3, 2])},
}

# A unit whose spike times are in milliseconds: every spike outside the stimulus.
bad = [start + rng.random(20) * 0.5, (start + rng.random(20) * 0.5) * 1000]
nwb_file("bad_nwb_ms.nwb", frames, nx, ny, {"start": start, "rate": 100.0}, bad)

# ---------------------------------------------------------------- NPY pair
os.makedirs(path("npy_pair"), exist_ok=True)
npy_stim = rng.normal(size=(70, 6, 6)).astype(np.float32)
npy_resp = rng.poisson(1.0, size=(70, 2)).astype(np.float32)
np.save(path("npy_pair/stimulus.npy"), npy_stim)
np.save(path("npy_pair/responses.npy"), npy_resp)
expected["npy_pair"] = {"frames": 70, "cells": 2, "response_probe": {"bin": 44, "cell": 1, "value": float(npy_resp[44, 1])},
                        "stimulus_probe": {"frame": 3, "y": 5, "x": 0, "value": float(npy_stim[3, 5, 0])}}

# ---------------------------------------------------------------- hostile files (issue #23)
import make_hostile_fixtures  # noqa: E402  (same folder; Fixtures/hostile/)
make_hostile_fixtures.write()

if "--no-torch" not in sys.argv:
    import make_checkpoints  # noqa: E402  (torch part, same folder)
    expected["checkpoints"] = make_checkpoints.write(HERE, rng)

with open(path("expected.json"), "w") as f:
    json.dump(expected, f, indent=1, sort_keys=True)
print("wrote fixtures;", sum(os.path.getsize(os.path.join(dp, n)) for dp, _, ns in os.walk(HERE) for n in ns), "bytes")
