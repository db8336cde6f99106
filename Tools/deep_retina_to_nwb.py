#!/usr/bin/env python3
"""Rewrite a deep-retina HDF5 file with binned spike counts as an NWB 2.x file with spike times, to
try the NWB reader or compare the two paths (e.g. on `retina-report simulate --export-h5` output).

    python3 deep_retina_to_nwb.py IN.h5 OUT.nwb [--seed 0]

The training movie becomes the OpticalSeries `movie` (data [frame][x][y], starting_time 0, rate
100 Hz); the test movie, when present, `test_movie`, shown 1 s after the training movie ends, with
the spikes of its first repeat. A bin with k spikes gets k spike times uniform in its 10 ms.
Needs numpy, h5py and pynwb. See docs/recordings.md.
"""
import argparse
from datetime import datetime, timezone

import h5py
import numpy as np
from pynwb import NWBHDF5IO, NWBFile
from pynwb.image import OpticalSeries


def spike_times(counts, start, rng):
    """counts (T,) per 10 ms bin → sorted spike times (s)."""
    bins = np.repeat(np.arange(len(counts)), counts.astype(int))
    return np.sort(start + (bins + rng.random(len(bins))) * 0.01)


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("input"); p.add_argument("output"); p.add_argument("--seed", type=int, default=0)
    a = p.parse_args()
    rng = np.random.default_rng(a.seed)
    with h5py.File(a.input, "r") as f:
        train = f["train/stimulus"][:]
        counts = f["train/response/binned"][:]  # (cells, T)
        test = f["test/stimulus"][:] if "test" in f else None
        test_counts = None
        if test is not None:
            if "test/repeats" in f:
                test_counts = np.stack([f[f"test/repeats/cell{c + 1:02d}"][0] for c in range(counts.shape[0])])
            else:
                test_counts = f["test/response/binned"][:]
    nwb = NWBFile(session_description="converted from a deep-retina HDF5 file", identifier=a.input,
                  session_start_time=datetime(2026, 1, 1, tzinfo=timezone.utc))
    common = dict(unit="n.a.", distance=0.1, field_of_view=[2.75e-3, 2.75e-3], orientation="lower left")
    nwb.add_stimulus(OpticalSeries(name="movie", data=np.transpose(train, (0, 2, 1)), starting_time=0.0, rate=100.0, **common))
    test_start = len(train) * 0.01 + 1.0
    if test is not None:
        nwb.add_stimulus(OpticalSeries(name="test_movie", data=np.transpose(test, (0, 2, 1)), starting_time=test_start, rate=100.0, **common))
    for c in range(counts.shape[0]):
        s = spike_times(counts[c], 0.0, rng)
        if test_counts is not None:
            s = np.concatenate([s, spike_times(test_counts[c], test_start, rng)])
        nwb.add_unit(spike_times=s, id=c + 1)
    with NWBHDF5IO(a.output, "w") as io:
        io.write(nwb)
    print(a.output)


if __name__ == "__main__":
    main()
