#!/usr/bin/env python3
"""Writes Fixtures/hostile/: small recordings that each break one trust rule of the readers
(issue #23). Needs numpy and h5py; called by make_fixtures.py, or alone: python3 make_hostile_fixtures.py

The NWB files are the minimal layout NWBReader reads (units table, one OpticalSeries-like series),
written with h5py so each hostile number goes in exactly as given. Every file is a few KB.
"""
import os

import h5py
import numpy as np

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "hostile")


def path(name):
    return os.path.join(HERE, name)


def deep_retina(name, frames, test_frames=None, cells=2, size=4):
    with h5py.File(path(name), "w") as f:
        f["train/stimulus"] = np.zeros((frames, size, size), np.uint8)
        f["train/response/binned"] = np.ones((cells, frames), np.float32)
        if test_frames:
            f["test/stimulus"] = np.zeros((test_frames, size, size), np.uint8)
            f["test/response/binned"] = np.ones((cells, test_frames), np.float32)


def nwb(name, frames=90, index=None, ids=None, start=2.0, rate=100.0, timestamps=None, spikes=None, index_dtype="i8"):
    """A 4 × 3 series of `frames` frames and two units; keyword values replace the good ones."""
    with h5py.File(path(name), "w") as f:
        s = f.create_group("stimulus/presentation/movie")
        s["data"] = np.zeros((frames, 4, 3), np.uint8)
        if timestamps is not None:
            s["timestamps"] = np.asarray(timestamps, np.float64)
        else:
            t = s.create_dataset("starting_time", data=np.float64(start))
            t.attrs["rate"] = np.float64(rate)
        u = f.create_group("units")
        columns = {"spike_times": np.asarray(spikes if spikes is not None else [2.1, 2.2, 2.3, 2.4], np.float64),
                   "spike_times_index": np.asarray(index if index is not None else [2, 4], index_dtype),
                   "id": np.asarray(ids if ids is not None else [100, 101], np.float64 if ids is not None else "i8")}
        for key, values in columns.items():
            u.create_dataset(key, data=values, compression="gzip" if len(values) > 1000 else None)


def write():
    os.makedirs(HERE, exist_ok=True)
    # HDF5: declared sizes the file does not store, and a shape whose product overflows.
    with h5py.File(path("unallocated_chunked.h5"), "w") as f:  # (10^9, 50, 50): 2.5 TB declared, nothing stored
        f.create_dataset("train/stimulus", (10**9, 50, 50), "u1", chunks=(1, 50, 50))
        f["train/response/binned"] = np.zeros((4, 600), "f4")
    with h5py.File(path("unallocated_contiguous.h5"), "w") as f:  # 250 MB declared, never written
        f.create_dataset("train/stimulus", (10**5, 50, 50), "u1")
        f["train/response/binned"] = np.zeros((4, 600), "f4")
    with h5py.File(path("shape_overflow.h5"), "w") as f:  # 2^62 × 2^62 × 4 elements
        f.create_dataset("train/stimulus", (2**62, 2**62, 4), "u1", chunks=(1, 1, 4))
        f["train/response/binned"] = np.zeros((4, 600), "f4")
    with h5py.File(path("external_link.h5"), "w") as f:  # a link that would open another file
        f["train/response/binned"] = np.zeros((2, 100), "f4")
        f["train/stimulus"] = h5py.ExternalLink("elsewhere.h5", "/stimulus")
    # Names that would drive a terminal (ESC sequence, bidi override) in inspect-data and errors.
    with h5py.File(path("control_names.h5"), "w") as f:
        f["train/stimulus"] = np.zeros((100, 4, 4), np.uint8)
        f["train/response/evil\x1b[2J\u202e"] = np.zeros((2, 100), np.float32)
    # Short training movies: 40–83 frames used to trap in RecordingTrainingData (history 60).
    deep_retina("short_with_test.h5", frames=50, test_frames=70)
    deep_retina("short_no_test.h5", frames=83)
    # NWB: foreign numbers that trapped Int(Double) or allocated hundreds of GB.
    nwb("index_nan.nwb", index=[2.0, np.nan], index_dtype="f8")
    nwb("index_huge.nwb", index=[2.0, 1e20], index_dtype="f8")
    nwb("index_u64max.nwb", index=[2, 2**64 - 1], index_dtype="u8")
    nwb("index_fraction.nwb", index=[1.5, 4.0], index_dtype="f8")
    nwb("id_nan.nwb", ids=[100, np.nan])
    nwb("id_huge.nwb", ids=[100, 1e20])
    nwb("start_nan.nwb", start=np.nan)
    nwb("start_huge.nwb", start=1e300)
    nwb("rate_tiny.nwb", rate=1e-300)
    nwb("rate_slow.nwb", frames=600, rate=0.001)  # 600 frames of 1000 s: 6 × 10^7 bins of 10 ms
    nwb("timestamps_huge.nwb", frames=3, timestamps=[1e300, 2e300, 3e300])
    nwb("timestamps_span.nwb", frames=4, timestamps=[0.0, 0.02, 0.04, 2e7])  # 10 ms frames, then 2 × 10^9 bins
    nwb("too_many_units.nwb", index=np.arange(1, 10_002), spikes=2.0 + np.arange(10_001) * 1e-4)
    write_virtual_and_swmr()


def write_virtual_and_swmr():
    """A virtual dataset mapped from another file (whose storage query would open that file: a pipe
    blocks), and a file copied while an SWMR writer had it open (superblock flags set). Format v110,
    which the HDF5 1.10 of Debian reads."""
    layout = h5py.VirtualLayout(shape=(300, 4, 4), dtype="u1")
    layout[:] = h5py.VirtualSource("vds_source.h5", "stimulus", shape=(300, 4, 4))
    with h5py.File(path("virtual.h5"), "w", libver=("v110", "v110")) as f:
        f.create_virtual_dataset("train/stimulus", layout, fillvalue=0)
        f["train/response/binned"] = np.ones((2, 300), np.float32)
    f = h5py.File(path("swmr_writer.tmp"), "w", libver=("v110", "v110"))
    f["train/stimulus"] = np.zeros((300, 4, 4), np.uint8)
    f["train/response/binned"] = np.ones((2, 300), np.float32)
    f.swmr_mode = True
    f.flush()
    with open(path("swmr_writer.tmp"), "rb") as src, open(path("swmr_open.h5"), "wb") as dst:
        dst.write(src.read())
    f.close()
    os.remove(path("swmr_writer.tmp"))


if __name__ == "__main__":
    write()
    print("wrote", len(os.listdir(HERE)), "hostile fixtures,", sum(os.path.getsize(path(n)) for n in os.listdir(HERE)), "bytes")
