#!/usr/bin/env python3
"""Checks that files written by Swift's ArrayIO load in NumPy and the `safetensors` package.

Usage (from the package root):
    mkdir -p /tmp/aio-export
    ARRAYIO_EXPORT_DIR=/tmp/aio-export swift test --filter SafeTensorsTests/testExportForPythonCheck
    python3 Tests/ArrayIOTests/Fixtures/check_swift_output.py /tmp/aio-export
"""
import io
import json
import os
import sys

import numpy as np
from safetensors import safe_open
from safetensors.numpy import load_file

from make_fixtures import f32_ramp, f64_thirds


def main(folder):
    p = lambda name: os.path.join(folder, name)  # noqa: E731

    tensors = load_file(p("swift.safetensors"))
    assert sorted(tensors) == ["bn.num_batches_tracked", "conv.weight", "fc.weight"], sorted(tensors)
    assert tensors["conv.weight"].dtype == np.float32 and tensors["conv.weight"].shape == (2, 1, 3, 3)
    assert np.array_equal(tensors["conv.weight"], f32_ramp(18).reshape(2, 1, 3, 3))
    assert tensors["fc.weight"].dtype == np.float64 and np.array_equal(tensors["fc.weight"], f64_thirds(6).reshape(3, 2))
    nbt = tensors["bn.num_batches_tracked"]
    assert nbt.dtype == np.int64 and nbt.shape == () and int(nbt) == 1234, nbt
    with safe_open(p("swift.safetensors"), framework="np") as f:
        meta = f.metadata()
    assert meta["format"] == "np" and json.loads(meta["config"]) == {"img_shape": [40, 50, 50]}, meta

    sample = load_file(p("swift_sample.safetensors"))
    assert int(sample["bn.num_batches_tracked"]) == 2**63 - 1 and sample["empty"].shape == (0, 5)
    assert np.array_equal(sample["a.bias"], [0.1, -1e300]) and list(sample["Zeta"]) == [1, 2, 255]
    with safe_open(p("swift_sample.safetensors"), framework="np") as f:
        meta = f.metadata()
    assert meta == {"cells": "[0, 1]", "slash/key": "tab\tnewline\n\"q\" \\ \u00b5", "zz": ""}, meta

    a32 = np.load(p("swift_f32.npy"))
    assert a32.dtype == np.float32 and a32.shape == (2, 3, 4) and np.array_equal(a32, f32_ramp(24).reshape(2, 3, 4))
    a64 = np.load(p("swift_f64.npy"))
    assert a64.dtype == np.float64 and np.array_equal(a64, f32_ramp(24).reshape(2, 3, 4).astype(np.float64))
    a0 = np.load(p("swift_0d.npy"))
    assert a0.shape == () and a0.dtype == np.float32 and float(a0) == -2.5
    # Byte-identical to numpy.save of the same arrays.
    for name, array in [("swift_f32.npy", a32), ("swift_f64.npy", a64), ("swift_0d.npy", a0)]:
        buffer = io.BytesIO()
        np.save(buffer, array)
        assert buffer.getvalue() == open(p(name), "rb").read(), name
    print(f"OK: {folder} loads in numpy {np.__version__} and safetensors; NPY bytes equal numpy.save")


if __name__ == "__main__":
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    main(sys.argv[1])
