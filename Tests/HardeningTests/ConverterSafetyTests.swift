import ArrayIO
import Foundation
import XCTest

/// `Tools/convert_torch_deep_retina.py` unpickles with `weights_only=True`: a checkpoint whose pickle
/// calls `os.system` (here: touching a marker file) is refused with exit 65, runs nothing and writes no
/// output; a genuine torch-deep-retina checkpoint (numpy scalars in `norm_stats`) still converts.
/// Needs python3 with torch and numpy (the converter's own environment); skipped without them.
final class ConverterSafetyTests: XCTestCase {
    let converter = packageRoot.appendingPathComponent("Tools/convert_torch_deep_retina.py")

    /// Runs python3 with `arguments` in `directory`; returns the exit status and stderr.
    @discardableResult
    func python(_ arguments: [String], in directory: URL) throws -> (status: Int32, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        process.currentDirectoryURL = directory
        let errorPipe = Pipe()
        process.standardError = errorPipe
        process.standardOutput = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = errorPipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    func requireTorch(in folder: URL) throws {
        guard (try? python(["-c", "import torch, numpy"], in: folder).status) == 0 else {
            throw XCTSkip("python3 with torch and numpy is not installed (the converter's environment; CI installs Debian's python3-torch)")
        }
    }

    func testCheckpointWhosePickleCallsOSSystemIsRefusedAndRunsNothing() throws {
        let folder = try makeScratchFolder(self)
        try requireTorch(in: folder)
        let marker = folder.appendingPathComponent("PWNED")
        // Both a torch.save zip checkpoint and a plain pickle, each calling os.system on load.
        let make = """
        import os, pickle, sys, torch
        class Evil:
            def __reduce__(self):
                return (os.system, ("touch " + sys.argv[1],))
        torch.save({"model_state_dict": {"sequential.0.weight": torch.zeros(2, 2)}, "hyps": Evil()}, "evil.pt")
        with open("evil-plain.pt", "wb") as f:
            pickle.dump({"model_state_dict": Evil()}, f, protocol=2)
        """
        let made = try python(["-c", make, marker.path], in: folder)
        XCTAssertEqual(made.status, 0, made.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: marker.path), "making the fixture must not run it")
        for name in ["evil.pt", "evil-plain.pt"] {
            let run = try python([converter.path, name, "out.safetensors"], in: folder)
            XCTAssertEqual(run.status, 65, "\(name): \(run.stderr)")
            XCTAssertTrue(run.stderr.contains(name) && run.stderr.contains("refused") && run.stderr.contains("posix.system"), run.stderr)
            XCTAssertFalse(FileManager.default.fileExists(atPath: marker.path), "\(name): the pickle's os.system ran")
            XCTAssertEqual(entries(folder).filter { $0.hasPrefix("out") }, [], "\(name): output left behind")
        }
    }

    /// The committed torch-deep-retina checkpoint holds numpy scalars in `norm_stats` (saved with numpy 2);
    /// weights-only loading allows them by name from torch 2.5 on. With an older torch (Debian's 1.13,
    /// as in CI) it is refused, saying so — the plain-float test below runs there instead.
    func testGenuineCheckpointStillConverts() throws {
        let folder = try makeScratchFolder(self)
        try requireTorch(in: folder)
        let checkpoint = packageRoot.appendingPathComponent("Tests/RecordingsTests/Fixtures/checkpoint_old.pt")
        let probe = "import sys, torch, numpy; sys.exit(0 if hasattr(torch.serialization, 'safe_globals') and numpy.__version__ >= '2' else 3)"
        let run = try python([converter.path, checkpoint.path, "model.safetensors"], in: folder)
        guard try python(["-c", probe], in: folder).status == 0 else {
            XCTAssertEqual(run.status, 65, run.stderr)
            XCTAssertTrue(run.stderr.contains("numpy") && run.stderr.contains("refused") && run.stderr.contains("torch >= 2.5"), run.stderr)
            XCTAssertEqual(entries(folder), [], "nothing written")
            throw XCTSkip("torch < 2.5 or numpy < 2: a checkpoint with numpy scalars is refused (checked); its conversion is not")
        }
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(entries(folder), ["model.safetensors"])
        try assertSameTensors(folder.appendingPathComponent("model.safetensors"),
                              packageRoot.appendingPathComponent("Tests/RecordingsTests/Fixtures/checkpoint_old.safetensors"))
    }

    /// A checkpoint of tensors only (the committed conversion's tensors, and its norm_stats as 0-d
    /// float64 tensors, which even torch 1.13's weights-only loader reads), re-saved with torch.save by
    /// whatever torch is installed, converts without the `safetensors` package into a file whose tensors
    /// and normalisation equal the committed conversion's bit for bit.
    func testPlainCheckpointConvertsWithTheConvertersOwnWriter() throws {
        let folder = try makeScratchFolder(self)
        try requireTorch(in: folder)
        let reference = packageRoot.appendingPathComponent("Tests/RecordingsTests/Fixtures/checkpoint_old.safetensors")
        let make = """
        import json, struct, sys, numpy as np, torch
        b = open(sys.argv[1], "rb").read()
        n = struct.unpack("<Q", b[:8])[0]
        h = json.loads(b[8:8 + n])
        meta = h.pop("__metadata__")
        state = {k: torch.from_numpy(np.frombuffer(b[8 + n + v["data_offsets"][0]: 8 + n + v["data_offsets"][1]], "<f4").reshape(v["shape"]).copy())
                 for k, v in h.items()}
        norm = json.loads(meta["norm_stats"])
        torch.save({"model_state_dict": state, "norm_stats": {k: torch.tensor(float(norm[k]), dtype=torch.float64) for k in ("mean", "std")},
                    "hyps": json.loads(meta["torch_hyps"]), "cells": json.loads(meta["torch_cells"])}, "plain.pt")
        """
        let made = try python(["-c", make, reference.path], in: folder)
        XCTAssertEqual(made.status, 0, made.stderr)
        let run = try python([converter.path, "plain.pt", "model.safetensors"], in: folder)
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(entries(folder), ["model.safetensors", "plain.pt"], "no temporary file left")
        try assertSameTensors(folder.appendingPathComponent("model.safetensors"), reference)
        let converted = try SafeTensorsFile.read(contentsOf: folder.appendingPathComponent("model.safetensors"))
        XCTAssertEqual(converted.metadata["torch_cells"], "[3, 7]")
        XCTAssertEqual(converted.metadata["response_pairing"], "next-bin")
    }

    /// Same tensor names, shapes and float bits, and the same `norm_stats`.
    func assertSameTensors(_ a: URL, _ b: URL, file: StaticString = #filePath, line: UInt = #line) throws {
        let x = try SafeTensorsFile.read(contentsOf: a), y = try SafeTensorsFile.read(contentsOf: b)
        XCTAssertEqual(x.tensors.keys.sorted(), y.tensors.keys.sorted(), file: file, line: line)
        for (name, t) in y.tensors {
            XCTAssertEqual(try x.floats(name, shape: t.shape).map(\.bitPattern), try y.floats(name, shape: t.shape).map(\.bitPattern),
                           name, file: file, line: line)
        }
        let norm = { (f: SafeTensorsFile) in try JSONSerialization.jsonObject(with: Data((f.metadata["norm_stats"] ?? "").utf8)) as? [String: Double] }
        XCTAssertEqual(try norm(x), try norm(y), file: file, line: line)
    }
}
