#!/usr/bin/env python3
"""Writes the ArrayIO test fixtures with NumPy and the `safetensors` package.

Run from this folder:  python3 make_fixtures.py
Needs: numpy (>= 1.24, for the header layout), safetensors (`pip install safetensors`).
Written with numpy 2.4.6 and safetensors 0.8.0.

Values follow simple formulas that ArrayIOTests recomputes in Swift, so the tests compare every
element exactly. Keep the total size small (a few KB).
"""
import os

import numpy as np
from safetensors.numpy import save_file

HERE = os.path.dirname(os.path.abspath(__file__))


def path(name):
    return os.path.join(HERE, name)


def f32_ramp(n):
    """(i - 7) * 0.125 in float32: exact binary fractions."""
    return ((np.arange(n, dtype=np.float64) - 7.0) * 0.125).astype(np.float32)


def f64_thirds(n):
    """i / 3 in float64 (correctly rounded, so Swift's Double(i) / 3 gives identical bits)."""
    return np.arange(n, dtype=np.float64) / 3.0


def main():
    # --- NPY: readable cases -------------------------------------------------------------------------
    np.save(path("f32_1d.npy"), f32_ramp(5))                           # shape (5,)
    np.save(path("f32_3d.npy"), f32_ramp(24).reshape(2, 3, 4))         # shape (2, 3, 4)
    np.save(path("f64_3d.npy"), f64_thirds(24).reshape(2, 3, 4))       # shape (2, 3, 4), '<f8'
    np.save(path("f32_0d.npy"), np.array(-2.5, dtype=np.float32))      # shape ()
    np.save(path("f64_0d.npy"), np.array(1.0 / 3.0, dtype=np.float64))  # shape ()
    np.save(path("f32_empty.npy"), np.zeros((0, 3), dtype=np.float32))  # shape (0, 3)

    # --- NPY: cases the reader must reject -----------------------------------------------------------
    np.save(path("fortran.npy"), np.asfortranarray(f32_ramp(6).reshape(2, 3)))  # fortran_order True
    np.save(path("big_endian.npy"), f32_ramp(4).astype(">f4"))                   # descr '>f4'
    np.save(path("int64.npy"), np.arange(4, dtype=np.int64))                     # descr '<i8'
    np.save(path("object.npy"), np.array([{"a": 1}, None], dtype=object), allow_pickle=True)  # 'O'

    # --- safetensors ---------------------------------------------------------------------------------
    tensors = {
        "conv.weight": f32_ramp(18).reshape(2, 1, 3, 3),
        "bn.running_mean": f32_ramp(2),
        "bn.num_batches_tracked": np.array(1234, dtype=np.int64),      # shape [], I64
        "fc.weight": f64_thirds(6).reshape(3, 2),                      # F64
        "half": np.array([1.0, -2.0, 0.5, 65504.0, 6.103515625e-05, 5.960464477539063e-08],
                         dtype=np.float16),                            # F16 incl. max and subnormal
        "mask": np.array([True, False, True], dtype=np.bool_),         # BOOL
        "bytes": np.arange(4, dtype=np.uint8),                         # U8
        "empty": np.zeros((0, 4), dtype=np.float32),                   # empty tensor
    }
    metadata = {
        "format": "np",
        "img_shape": "[40, 50, 50]",
        "note": "55 \u00b5m pixels, \"quoted\"",
    }
    save_file(tensors, path("weights.safetensors"), metadata=metadata)

    # A file containing a NaN, for SafeTensorsFile.floats(_:shape:).
    bad = f32_ramp(6)
    bad[4] = np.nan
    save_file({"w": bad}, path("nan.safetensors"))

    total = sum(os.path.getsize(path(f)) for f in os.listdir(HERE) if f.endswith((".npy", ".safetensors")))
    print(f"fixtures written to {HERE}: {total} bytes")


if __name__ == "__main__":
    main()
