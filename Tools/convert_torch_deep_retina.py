#!/usr/bin/env python3
"""Convert a torch-deep-retina BNCNN checkpoint into a retina-report model file (safetensors).

Usage (in the PyTorch environment the model was trained in):

    python3 convert_torch_deep_retina.py CHECKPOINT.pt OUTPUT.safetensors [--pairing next-bin|window-end]

The checkpoint is the dictionary torch-deep-retina saves with torch.save: `model_state_dict`,
`norm_stats` (scalar `mean`, `std` of the training stimulus), `hyps` (constructor arguments) and
top-level copies such as `cells`, `dataset`, `stim_type`, `img_shape`. A bare state dict also works
(then give --mean and --std, or the model is assumed to take z-scored input).

Tensors are written under their PyTorch names (`sequential.N.weight`, …) as float32; retina-report
maps them by layer order and shape, so both BNCNN layouts load (dense at sequential.11 with output
batch norm at .12, or dense at .13 / batch norm at .14 with GaussianNoise `sigma` entries at .4 and
.10 and an optional dense bias). `sigma` and `num_batches_tracked` are dropped.

Metadata (all strings): `norm_stats` (JSON {"mean", "std"}), `response_pairing` (deep-retina pairs a
response with the 40 frames before it: `next-bin`), `data_source` (JSON: kind `pytorch-import`, file
name, SHA-256, cells, normalisation, pairing), `torch_hyps` (JSON of `hyps`), `torch_cells`,
`torch_model_type`, and the other top-level scalars under `torch_<key>`.
The checkpoint is loaded with `torch.load(..., weights_only=True)`: only tensors, containers and plain
scalars (plus numpy scalars and dtypes, which torch-deep-retina's `norm_stats` hold) are unpickled. A
checkpoint whose pickle names any other callable (a plain pickle of arbitrary objects, or one crafted to run
`os.system`) is refused before anything of it runs: exit 65 and no output file. So is a TorchScript
archive (torch.load would pass it to torch.jit.load, which runs its code), and a norm_stats (or
--mean/--std) that is missing, not finite, std <= 0, or overflows float32 when z-scoring. A checkpoint that cannot
be read exits 66; an output that cannot be written exits 73. At the output path only a regular file
is replaced, and only with --overwrite; a symbolic link (dangling or not), folder, named pipe, device or
socket there is refused (73) and left as it is.
See docs/recordings.md.
"""
import argparse
import contextlib
import hashlib
import json
import math
import os
import sys
import tempfile

EXIT_DATA, EXIT_NO_INPUT, EXIT_CANNOT_CREATE = 65, 66, 73


class ConversionError(Exception):
    """A refusal with its exit status (65 bad data, 66 cannot open input, 73 cannot create output)."""

    def __init__(self, message, status=EXIT_DATA):
        super().__init__(message)
        self.status = status


def numpy_safe_globals():
    """The numpy names a torch-deep-retina checkpoint's `norm_stats` need under weights_only loading:
    scalar reconstruction and dtypes only (they build a number from bytes; nothing is called)."""
    try:
        import numpy as np
    except ImportError:
        return []
    names = [np.dtype]
    core = getattr(np, "_core", None) or getattr(np, "core", None)
    scalar = getattr(getattr(core, "multiarray", None), "scalar", None)
    if scalar is not None:
        names.append(scalar)
    dtypes = getattr(np, "dtypes", None)
    if dtypes is not None:
        names += [getattr(dtypes, n) for n in dir(dtypes) if n.endswith("DType") and isinstance(getattr(dtypes, n), type)]
    return names


ZIP_MAGIC = b"PK\x03\x04"


def torchscript_records(records):
    """The records of a zip (names below the archive's top folder, as torch's reader lists them) that
    mark a TorchScript archive (torch.jit.save: `constants.pkl`, `code/...`); torch.save writes
    `data.pkl`, `data/N`, `version` (newer torch also `byteorder`, `.data/serialization_id`) only."""
    return [r for r in records if r == "constants.pkl" or r.endswith("/constants.pkl") or r.startswith("code/")
            or "/code/" in r]


def refuse_torchscript(checkpoint_path):
    """Refuses (65) a checkpoint that torch.load would hand to torch.jit.load, which ignores
    weights_only and runs the archive's code (an exported `__setstate__`, for one). torch.load takes a
    file for a zip when it starts with a zip local header, and for TorchScript when the zip has a
    `constants.pkl` record: its entries are listed here with the zipfile module (only the directory is
    read; nothing is unpickled or run), and again with torch's own zip reader, so that a zip the two
    readers see differently is caught too."""
    try:
        with open(checkpoint_path, "rb") as f:
            if f.read(4) != ZIP_MAGIC:
                return  # not a zip: torch.load uses its legacy reader, which honours weights_only
    except OSError as e:
        raise ConversionError(f"cannot open checkpoint '{checkpoint_path}': {e.strerror or e}", EXIT_NO_INPUT) from None
    import zipfile
    try:
        with zipfile.ZipFile(checkpoint_path) as z:
            names = z.namelist()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError) as e:
        raise ConversionError(f"checkpoint '{checkpoint_path}': starts like a zip but its entries cannot be listed "
                              f"({type(e).__name__}: {e}); refused without loading it") from None
    records = [n.split("/", 1)[1] if "/" in n else n for n in names]
    try:
        import torch
        records += list(torch._C.PyTorchFileReader(checkpoint_path).get_all_records())
    except (AttributeError, TypeError):
        pass  # no such reader in this torch: the zipfile listing stands alone
    except Exception as e:
        raise ConversionError(f"checkpoint '{checkpoint_path}': not a readable PyTorch checkpoint "
                              f"({type(e).__name__}: {e})") from None
    marks = torchscript_records(records)
    if marks:
        raise ConversionError(
            f"checkpoint '{checkpoint_path}': refused: it is a TorchScript archive (torch.jit.save; it holds "
            f"'{marks[0]}'), which torch.load would run as code whatever weights_only says; convert from the "
            "training code's state_dict instead: torch.save({'model_state_dict': model.state_dict(), "
            "'norm_stats': {...}, 'hyps': {...}})")


def load_checkpoint(checkpoint_path):
    """The checkpoint's object, unpickled with weights_only=True; a pickle that names anything else, or
    a TorchScript archive, is refused (ConversionError, 65) without running it."""
    import pickle
    import warnings
    import torch

    if not os.path.isfile(checkpoint_path):
        raise ConversionError(f"cannot open checkpoint '{checkpoint_path}': not a regular file", EXIT_NO_INPUT)
    refuse_torchscript(checkpoint_path)
    # torch >= 2.5 can allow numpy scalars (torch-deep-retina's norm_stats) by name; older torch
    # (e.g. Debian's 1.13) loads weights-only with its fixed allowlist, which has no floats at all:
    # there norm_stats must be tensors.
    allow = getattr(torch.serialization, "safe_globals", None)
    try:
        with (allow(numpy_safe_globals()) if allow else contextlib.nullcontext()), warnings.catch_warnings(), \
                no_torchscript(torch, checkpoint_path):
            warnings.filterwarnings("ignore", message="Detected pickle protocol")
            return torch.load(checkpoint_path, map_location="cpu", weights_only=True)
    except ConversionError:
        raise
    except pickle.UnpicklingError as e:
        lines = [l.strip() for l in str(e).splitlines() if l.strip()]
        first = next((l for l in lines if "GLOBAL" in l or "nsupported" in l or "Can only build" in l),
                     lines[-1] if lines else type(e).__name__)
        first = first.split("WeightsUnpickler error: ")[-1]
        old_torch = "" if allow else (f" (torch {torch.__version__}'s weights-only loader accepts tensors, integers, strings "
                                      "and containers only, not the numpy or Python floats of a norm_stats; torch >= 2.5 "
                                      "accepts them)")
        raise ConversionError(
            f"checkpoint '{checkpoint_path}': refused: its pickle holds more than tensors and plain values "
            f"(weights-only loading: {first}){old_torch}; re-save it in the training environment as "
            "torch.save({'model_state_dict': model.state_dict(), 'norm_stats': {...}, 'hyps': {...}})") from None
    except OSError as e:
        raise ConversionError(f"cannot open checkpoint '{checkpoint_path}': {e.strerror or e}", EXIT_NO_INPUT) from None
    except Exception as e:  # a corrupt zip or truncated pickle
        raise ConversionError(f"checkpoint '{checkpoint_path}': not a readable PyTorch checkpoint ({type(e).__name__}: {e})") from None


@contextlib.contextmanager
def no_torchscript(torch, checkpoint_path):
    """Second line of defence: while torch.load runs, torch.jit.load (where torch.load sends what it
    takes for a TorchScript archive) refuses instead of loading."""
    def refuse(*args, **kwargs):
        raise ConversionError(f"checkpoint '{checkpoint_path}': refused: torch.load took it for a TorchScript archive, "
                              "which would run code; convert from the training code's state_dict instead")
    jit = getattr(torch, "jit", None)
    original = getattr(jit, "load", None)
    if original is None:
        yield
        return
    jit.load = refuse
    try:
        yield
    finally:
        jit.load = original


def to_jsonable(x):
    """`x` as plain JSON values; a non-finite float becomes the string "NaN", "Infinity" or "-Infinity"
    (json.dumps would write bare NaN/Infinity, which is not JSON)."""
    try:
        import numpy as np
        if isinstance(x, np.generic):
            x = x.item()
        elif isinstance(x, np.ndarray):
            x = x.tolist()
    except ImportError:
        pass
    if hasattr(x, "tolist") and not isinstance(x, (list, tuple, dict, str)):
        x = x.tolist()
    if isinstance(x, dict):
        return {str(k): to_jsonable(v) for k, v in x.items()}
    if isinstance(x, (list, tuple)):
        return [to_jsonable(v) for v in x]
    if isinstance(x, float) and not math.isfinite(x):
        return "NaN" if math.isnan(x) else ("Infinity" if x > 0 else "-Infinity")
    if isinstance(x, (int, float, str, bool)) or x is None:
        return x
    return str(x)


def describe(x):
    shape = getattr(x, "shape", None)
    return f"{type(x).__name__} of shape {tuple(shape)}" if shape is not None else f"{type(x).__name__} {x!r:.60}"


def scalar(x, field):
    """`x` (a number, or a one-element tensor, numpy value or list) as a float; anything else is
    refused naming `field`."""
    v = x.tolist() if hasattr(x, "tolist") and not isinstance(x, (list, tuple, str)) else x
    while isinstance(v, (list, tuple)) and len(v) == 1:
        v = v[0]
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        raise ConversionError(f"{field} is not a single number (found {describe(x)})")
    try:
        return float(v)
    except OverflowError:
        raise ConversionError(f"{field} is {v}, beyond any float") from None


FLOAT32_MAX = 3.4028234663852886e38


def check_normalisation(mean, std, mean_field, std_field, where=""):
    """Refuses (65) a normalisation the Swift side cannot use: mean and std must be finite, std > 0,
    and the z-scoring (x - mean) / std must stay finite in float32: mean, std, mean/std and 1/std
    all finite (and std nonzero) as float32."""
    import numpy as np
    for field, v in ((mean_field, mean), (std_field, std)):
        if not math.isfinite(v):
            raise ConversionError(f"{where}{field} is {v}: it must be a finite number")
    if not std > 0:
        raise ConversionError(f"{where}{std_field} is {std}: it must be > 0")
    with np.errstate(all="ignore"):
        m32, s32 = np.float32(mean), np.float32(std)
        for what, v64, v32 in ((mean_field, mean, m32), (std_field, std, s32), (f"{mean_field} / {std_field}", mean / std, m32 / s32),
                               (f"1 / {std_field}", 1 / std, np.float32(1) / s32)):
            if not (abs(v64) <= FLOAT32_MAX and np.isfinite(v32)) or (what == std_field and not s32 > 0):
                raise ConversionError(f"{where}{what} is {v64:g} (mean {mean:g}, std {std:g}): z-scoring the stimulus in float32 "
                                      "would overflow or divide by zero; mean, std, mean/std and 1/std must be finite "
                                      "in float32 and std nonzero")


def write_safetensors(tensors, f, metadata):
    """Writes float32 `tensors` (name -> contiguous torch tensor) and string `metadata` as a
    safetensors file: an 8-byte little-endian header length, the JSON header (padded with spaces to a
    multiple of 8), then the tensors' little-endian bytes in name order, into the open binary file
    `f`. Needs nothing beyond torch and numpy (no `safetensors` package)."""
    import numpy as np
    header, blobs, offset = {"__metadata__": metadata}, [], 0
    for name in sorted(tensors):
        data = tensors[name].numpy().astype("<f4", copy=False).tobytes()
        header[name] = {"dtype": "F32", "shape": list(tensors[name].shape), "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    text += b" " * (-len(text) % 8)
    f.write(len(text).to_bytes(8, "little"))
    f.write(text)
    for data in blobs:
        f.write(data)
    f.flush()
    os.fsync(f.fileno())


def file_kind(mode):
    import stat
    for test, kind in ((stat.S_ISLNK, "a symbolic link"), (stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a named pipe"),
                       (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
                       (stat.S_ISSOCK, "a socket")):
        if test(mode):
            return kind
    return "not a regular file"


def check_output(output_path, overwrite):
    """Refuses (73) whatever is at `output_path` unless it is nothing, or a regular file and `overwrite`.
    Uses lstat: a symbolic link (dangling or not) is refused as a link, never followed."""
    import stat
    try:
        st = os.lstat(output_path)
    except FileNotFoundError:
        return
    except OSError as e:
        raise ConversionError(f"cannot create '{output_path}': {e.strerror or e}", EXIT_CANNOT_CREATE) from None
    if not stat.S_ISREG(st.st_mode):
        raise ConversionError(f"cannot create '{output_path}': it is {file_kind(st.st_mode)}; only a regular file is "
                              "replaced (with --overwrite)", EXIT_CANNOT_CREATE)
    if not overwrite:
        raise ConversionError(f"'{output_path}' exists; pass --overwrite to replace it", EXIT_CANNOT_CREATE)


def install_output(tmp, output_path, overwrite):
    """Moves the finished temporary file to `output_path`. Without `overwrite` it is hard-linked there
    (which fails if anything has appeared at the path meanwhile, of whatever kind); with it the path is
    checked again and replaced."""
    import errno
    check_output(output_path, overwrite)
    if not overwrite:
        try:
            os.link(tmp, output_path)
            os.remove(tmp)
            return
        except FileExistsError:
            check_output(output_path, overwrite)  # says what is there
            raise
        except OSError as e:
            if e.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EMLINK, errno.EXDEV, errno.ENOSYS):
                raise
            # a file system without hard links: replace after the check above
    os.replace(tmp, output_path)


def convert(checkpoint_path, output_path, pairing="next-bin", mean=None, std=None, overwrite=False):
    import torch

    checkpoint = load_checkpoint(checkpoint_path)
    where = f"checkpoint '{checkpoint_path}'"
    if isinstance(checkpoint, dict) and "model_state_dict" in checkpoint:
        state = checkpoint["model_state_dict"]
        if not isinstance(state, dict):
            raise ConversionError(f"{where}: 'model_state_dict' is not a state dict (found {describe(state)})")
    elif isinstance(checkpoint, dict) and all(hasattr(v, "shape") for v in checkpoint.values()):
        state, checkpoint = checkpoint, {}
    elif hasattr(checkpoint, "state_dict"):
        state, checkpoint = checkpoint.state_dict(), {}
    else:
        raise ConversionError(f"{where} holds neither a torch-deep-retina checkpoint nor a state dict")

    tensors = {}
    for name, value in state.items():
        if not isinstance(name, str):
            raise ConversionError(f"{where}: state dict key {name!r:.60} is not a tensor name")
        if name.endswith(".sigma") or name.endswith("num_batches_tracked"):
            continue
        if not name.startswith("sequential."):
            raise ConversionError(f"{where}: tensor '{name}' is not part of a BNCNN 'sequential' stack "
                                  "(LinearStackedBNCNN models: collapse them with torch-deep-retina's utils.stacked2conv first)")
        if not isinstance(value, torch.Tensor):
            raise ConversionError(f"{where}: state dict entry '{name}' is not a tensor")
        tensors[name] = value.detach().to(torch.float32).contiguous()
    if not tensors:
        raise ConversionError(f"{where}: the state dict holds no 'sequential.N' tensors")

    if (mean is None) != (std is None):
        raise ConversionError("--mean and --std go together: give both, or neither (then the checkpoint's norm_stats are used)")
    norm = checkpoint.get("norm_stats") if isinstance(checkpoint, dict) else None
    if mean is not None:
        check_normalisation(mean, std, "--mean", "--std")
    elif norm is not None:
        if not isinstance(norm, dict):
            raise ConversionError(f"{where}: norm_stats is not a dictionary of 'mean' and 'std' (found {describe(norm)})")
        for key in ("mean", "std"):
            if key not in norm:
                raise ConversionError(f"{where}: norm_stats has no '{key}' (it has {sorted(map(str, norm))})")
        mean = scalar(norm["mean"], f"{where}: norm_stats 'mean'")
        std = scalar(norm["std"], f"{where}: norm_stats 'std'")
        check_normalisation(mean, std, "norm_stats 'mean'", "norm_stats 'std'", f"{where}: ")
    metadata = {"response_pairing": pairing}
    if mean is not None:
        metadata["norm_stats"] = json.dumps({"mean": mean, "std": std}, allow_nan=False)
    hyps = checkpoint.get("hyps", {}) if isinstance(checkpoint, dict) else {}
    cells = checkpoint.get("cells", hyps.get("cells") if isinstance(hyps, dict) else None)
    if hyps:
        metadata["torch_hyps"] = json.dumps(to_jsonable(hyps), sort_keys=True, allow_nan=False)
    if cells is not None:
        metadata["torch_cells"] = json.dumps(to_jsonable(cells), allow_nan=False)
    for key in ("model_type", "dataset", "stim_type", "img_shape"):
        if isinstance(checkpoint, dict) and key in checkpoint:
            metadata[f"torch_{key}"] = json.dumps(to_jsonable(checkpoint[key]), allow_nan=False)
    try:
        with open(checkpoint_path, "rb") as f:
            sha = hashlib.sha256(f.read()).hexdigest()
    except OSError as e:
        raise ConversionError(f"cannot open checkpoint '{checkpoint_path}': {e.strerror or e}", EXIT_NO_INPUT) from None
    dense = [n for n, t in tensors.items() if n.endswith(".weight") and t.dim() == 2]
    n_cells = tensors[dense[0]].shape[0] if dense else 0
    cell_ids = [str(c) for c in to_jsonable(cells)] if isinstance(to_jsonable(cells), list) else [str(i) for i in range(n_cells)]
    metadata["data_source"] = json.dumps({
        "kind": "pytorch-import", "fileName": os.path.basename(checkpoint_path), "sha256": sha,
        "format": "torch-deep-retina", "datasets": {}, "cellIDs": cell_ids,
        "responseUnit": "ratesHz", "sourceFramePeriodSeconds": 0.01,
        "trainFrames": 0, "validationFrames": 0, "testFrames": 0, "testSplit": "unknown (imported)",
        "normalisation": {"mean": mean if mean is not None else 0.0, "std": std if std is not None else 1.0},
        "pairing": pairing, "warnings": [] if mean is not None else ["no norm_stats: the model takes z-scored input"],
    }, sort_keys=True, allow_nan=False)
    tmp = None
    try:
        folder = os.path.dirname(os.path.abspath(output_path))
        with tempfile.NamedTemporaryFile(dir=folder, prefix="." + os.path.basename(output_path) + ".", suffix=".tmp",
                                         delete=False) as f:
            tmp = f.name
            write_safetensors(tensors, f, metadata)
        install_output(tmp, output_path, overwrite)
        tmp = None
    except OSError as e:
        raise ConversionError(f"cannot create '{output_path}': {getattr(e, 'strerror', None) or e}", EXIT_CANNOT_CREATE) from None
    finally:  # no partial output, whatever stopped the writing
        try:
            if tmp:
                os.remove(tmp)
        except OSError:
            pass
    return metadata


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("checkpoint")
    p.add_argument("output")
    p.add_argument("--pairing", choices=["next-bin", "window-end"], default="next-bin",
                   help="which response bin the model's window predicts (torch-deep-retina: next-bin)")
    p.add_argument("--mean", type=float, help="stimulus mean when the checkpoint has no norm_stats")
    p.add_argument("--std", type=float, help="stimulus std when the checkpoint has no norm_stats")
    p.add_argument("--overwrite", action="store_true")
    a = p.parse_args()
    try:
        check_output(a.output, a.overwrite)
        convert(a.checkpoint, a.output, a.pairing, a.mean, a.std, a.overwrite)
    except ConversionError as e:
        print(f"error: {e}", file=sys.stderr)
        sys.exit(e.status)
    except Exception as e:  # a checkpoint shaped in a way not foreseen above: bad data, not a traceback
        print(f"error: checkpoint '{a.checkpoint}': unexpected structure ({type(e).__name__}: {e}); nothing written",
              file=sys.stderr)
        sys.exit(EXIT_DATA)
    print(a.output)


if __name__ == "__main__":
    main()
