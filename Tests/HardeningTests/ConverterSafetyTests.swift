import ArrayIO
import Foundation
import XCTest

/// `Tools/convert_torch_deep_retina.py` unpickles with `weights_only=True`: a checkpoint whose pickle
/// calls `os.system` (here: touching a marker file), or a TorchScript archive (which torch.load would run
/// through torch.jit.load), is refused with exit 65, runs nothing and writes no output; so is a
/// normalisation that is not finite or missing. At the output path only a regular file is replaced
/// (with --overwrite): links, pipes and devices are refused with 73. A genuine torch-deep-retina
/// checkpoint (numpy scalars in `norm_stats`) still converts.
/// Needs python3 with torch and numpy (the converter's own environment); skipped without them.
final class ConverterSafetyTests: XCTestCase {
    let converter = packageRoot.appendingPathComponent("Tools/convert_torch_deep_retina.py")

    /// Runs python3 with `arguments` in `directory`; returns the exit status, stderr and stdout.
    @discardableResult
    func python(_ arguments: [String], in directory: URL) throws -> (status: Int32, stderr: String, stdout: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        process.currentDirectoryURL = directory
        let errorPipe = Pipe(), outputPipe = Pipe()
        process.standardError = errorPipe
        process.standardOutput = outputPipe
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let output = LockedData()
        Thread { output.set(outputPipe.fileHandleForReading.readDataToEndOfFile()) }.start()
        let data = errorPipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        while !output.isSet { usleep(5_000) }
        return (process.terminationStatus, String(decoding: data, as: UTF8.self), String(decoding: output.value, as: UTF8.self))
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

    /// torch.load (torch 1.13 and later) hands a zip that looks like a TorchScript archive to
    /// torch.jit.load, which ignores weights_only and runs the archive's code: here an exported
    /// `__setstate__` that prints a marker. The converter must see the archive for what it is before
    /// loading: 65, no marker, no output.
    func testTorchScriptArchiveIsRefusedAndRunsNothing() throws {
        let folder = try makeScratchFolder(self)
        try requireTorch(in: folder)
        let marker = "SETSTATE-RAN-\(UUID().uuidString.prefix(8))"
        let make = """
        import torch
        class Evil(torch.nn.Module):
            def __init__(self):
                super().__init__()
                self.sequential = torch.nn.Sequential(torch.nn.Conv2d(1, 2, 3))
            def forward(self, x):
                return self.sequential(x)
            @torch.jit.export
            def __getstate__(self):
                return (self.training,)
            @torch.jit.export
            def __setstate__(self, state: tuple[bool]):
                print(sys_marker)
                self.training = state[0]
        torch.jit.save(torch.jit.script(Evil()), "scripted.pt")
        """.replacingOccurrences(of: "sys_marker", with: "\"\(marker)\"")
        // torch.jit.script reads the class's source, so the script is a file (removed once it has run).
        let script = folder.appendingPathComponent("make_scripted.py")
        try Data(make.utf8).write(to: script)
        let made = try python([script.path], in: folder)
        try FileManager.default.removeItem(at: script)
        XCTAssertEqual(made.status, 0, made.stderr)
        XCTAssertFalse(made.stdout.contains(marker), "saving the fixture must not run __setstate__")
        // The fixture is live: loading it the way torch.load would runs the marker.
        let live = try python(["-c", "import torch, warnings; warnings.simplefilter('ignore'); torch.jit.load('scripted.pt')"], in: folder)
        XCTAssertTrue(live.stdout.contains(marker), "fixture check: torch.jit.load should run __setstate__ (\(live.stderr))")
        let run = try python([converter.path, "scripted.pt", "out.safetensors"], in: folder)
        XCTAssertEqual(run.status, 65, run.stderr)
        XCTAssertFalse(run.stdout.contains(marker) || run.stderr.contains(marker), "the archive's __setstate__ ran")
        XCTAssertTrue(run.stderr.contains("scripted.pt") && run.stderr.contains("TorchScript archive")
                      && run.stderr.contains("state_dict"), run.stderr)
        XCTAssertEqual(entries(folder), ["scripted.pt"], "output left behind")
    }

    /// A tensors-only checkpoint (0-d float64 norm_stats, which torch 1.13's weights-only loader reads)
    /// written by `make` into `folder` as `name`, with `norm` as the Python expression of its norm_stats.
    func makeCheckpoint(_ name: String, norm: String = "{'mean': t(0.5), 'std': t(0.2)}", in folder: URL) throws {
        let make = """
        import torch
        t = lambda v: torch.tensor(float(v), dtype=torch.float64)
        torch.save({"model_state_dict": {"sequential.0.weight": torch.zeros(2, 1, 3, 3)}, "norm_stats": \(norm)}, "\(name)")
        """
        let made = try python(["-c", make], in: folder)
        XCTAssertEqual(made.status, 0, made.stderr)
    }

    /// What is at `path`, without following a link: type, inode, size and link destination.
    func lstatDescription(_ path: String) -> String {
        guard let a = try? FileManager.default.attributesOfItem(atPath: path) else { return "nothing" }
        let link = (try? FileManager.default.destinationOfSymbolicLink(atPath: path)).map { " -> \($0)" } ?? ""
        return "\(a[.type] ?? "?") inode \(a[.systemFileNumber] ?? "?") size \(a[.size] ?? "?")\(link)"
    }

    /// At the output path only a regular file is replaced, and only with --overwrite. A symbolic link
    /// (to a file or dangling) or a named pipe is refused with 73, with or without --overwrite, and left
    /// as it was (a link's target too); nothing else is written.
    func testOutputPathThatIsNotARegularFileIsRefusedAndLeftAlone() throws {
        let folder = try makeScratchFolder(self)
        try requireTorch(in: folder)
        try makeCheckpoint("plain.pt", in: folder)
        try Data("not yours\n".utf8).write(to: folder.appendingPathComponent("target"))
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("link").path, withDestinationPath: "target")
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("dangling").path, withDestinationPath: "nowhere")
        let fifo = try python(["-c", "import os; os.mkfifo('fifo')"], in: folder)
        XCTAssertEqual(fifo.status, 0, fifo.stderr)
        let before = entries(folder)
        for (name, kind) in [("link", "symbolic link"), ("dangling", "symbolic link"), ("fifo", "named pipe")] {
            let path = folder.appendingPathComponent(name).path, was = lstatDescription(path)
            for flags in [[], ["--overwrite"]] {
                let run = try python([converter.path, "plain.pt", name] + flags, in: folder)
                XCTAssertEqual(run.status, 73, "\(name) \(flags): \(run.stderr)")
                XCTAssertTrue(run.stderr.contains("'\(name)'") && run.stderr.contains(kind), "\(name) \(flags): \(run.stderr)")
                XCTAssertEqual(lstatDescription(path), was, "\(name) \(flags): changed")
                XCTAssertEqual(entries(folder), before, "\(name) \(flags): something written")
            }
        }
        XCTAssertEqual(try String(contentsOf: folder.appendingPathComponent("target"), encoding: .utf8), "not yours\n")
        // A regular file: refused without --overwrite, replaced with it.
        let regular = try python([converter.path, "plain.pt", "target"], in: folder)
        XCTAssertEqual(regular.status, 73, regular.stderr)
        XCTAssertTrue(regular.stderr.contains("--overwrite"), regular.stderr)
        XCTAssertEqual(try String(contentsOf: folder.appendingPathComponent("target"), encoding: .utf8), "not yours\n")
        let replaced = try python([converter.path, "plain.pt", "target", "--overwrite"], in: folder)
        XCTAssertEqual(replaced.status, 0, replaced.stderr)
        XCTAssertNoThrow(try SafeTensorsFile.read(contentsOf: folder.appendingPathComponent("target")))
        XCTAssertEqual(entries(folder), before, "no temporary file left")
    }

    /// A character device at the output path (made with mknod, so only as root) is refused with 73 even
    /// with --overwrite and stays a device.
    func testOutputPathThatIsADeviceIsRefused() throws {
        let folder = try makeScratchFolder(self)
        try requireTorch(in: folder)
        guard getuid() == 0 else { throw XCTSkip("making a device node (mknod) needs root") }
        try makeCheckpoint("plain.pt", in: folder)
        let made = try python(["-c", "import os, stat; os.mknod('device', stat.S_IFCHR | 0o600, os.makedev(1, 3))"], in: folder)
        guard made.status == 0 else { throw XCTSkip("mknod failed: \(made.stderr)") }
        let path = folder.appendingPathComponent("device").path, was = lstatDescription(path)
        let run = try python([converter.path, "plain.pt", "device", "--overwrite"], in: folder)
        XCTAssertEqual(run.status, 73, run.stderr)
        XCTAssertTrue(run.stderr.contains("'device'") && run.stderr.contains("character device"), run.stderr)
        XCTAssertEqual(lstatDescription(path), was)
        XCTAssertEqual(entries(folder), ["device", "plain.pt"])
    }

    /// A normalisation the model cannot use is refused with 65, naming the field, and writes nothing:
    /// NaN or infinite norm_stats, std ≤ 0, a missing mean or std, a norm_stats that is not a dictionary,
    /// and --mean/--std that are not finite or whose z-scoring overflows float32.
    func testUnusableNormalisationIsRefused() throws {
        let folder = try makeScratchFolder(self)
        try requireTorch(in: folder)
        let cases: [(name: String, norm: String, says: String)] = [
            ("nan-mean.pt", "{'mean': t('nan'), 'std': t(0.2)}", "'mean' is nan"),
            ("inf-std.pt", "{'mean': t(0.5), 'std': t('inf')}", "'std' is inf"),
            ("minus-inf-mean.pt", "{'mean': t('-inf'), 'std': t(0.2)}", "'mean' is -inf"),
            ("zero-std.pt", "{'mean': t(0.5), 'std': t(0)}", "'std' is 0.0"),
            ("no-std.pt", "{'mean': t(0.5)}", "no 'std'"),
            ("no-mean.pt", "{'std': t(0.2)}", "no 'mean'"),
            ("list.pt", "[t(0.5), t(0.2)]", "not a dictionary"),
            ("vector-mean.pt", "{'mean': torch.zeros(3, dtype=torch.float64), 'std': t(0.2)}", "not a single number"),
            ("overflow.pt", "{'mean': t(1e30), 'std': t(1e-30)}", "float32"),
        ]
        for c in cases {
            try makeCheckpoint(c.name, norm: c.norm, in: folder)
            let run = try python([converter.path, c.name, "out.safetensors"], in: folder)
            XCTAssertEqual(run.status, 65, "\(c.name): \(run.stderr)")
            XCTAssertTrue(run.stderr.contains(c.name) && run.stderr.contains("norm_stats") && run.stderr.contains(c.says), "\(c.name): \(run.stderr)")
            XCTAssertFalse(run.stderr.contains("Traceback"), "\(c.name): \(run.stderr)")
            XCTAssertFalse(entries(folder).contains { $0.hasPrefix("out") || $0.hasSuffix(".tmp") }, "\(c.name): output left behind")
        }
        try makeCheckpoint("plain.pt", in: folder)
        for (flags, says) in [(["--mean", "nan", "--std", "1"], "--mean is nan"), (["--mean", "0", "--std", "inf"], "--std is inf"),
                              (["--mean", "0", "--std", "-1"], "--std is -1.0"), (["--mean", "1e308", "--std", "1e-308"], "float32"),
                              (["--mean", "0", "--std", "1e-40"], "1 / --std")] {
            let run = try python([converter.path, "plain.pt", "out.safetensors"] + flags, in: folder)
            XCTAssertEqual(run.status, 65, "\(flags): \(run.stderr)")
            XCTAssertTrue(run.stderr.contains(says), "\(flags): \(run.stderr)")
            XCTAssertFalse(entries(folder).contains { $0.hasPrefix("out") || $0.hasSuffix(".tmp") }, "\(flags): output left behind")
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
