import Foundation
import XCTest

/// `Tools/convert_torch_deep_retina.py` unpickles with `weights_only=True`: a checkpoint whose pickle
/// calls `os.system` (here: touching a marker file) is refused with exit 65, runs nothing and writes no
/// output; a genuine torch-deep-retina checkpoint (numpy scalars in `norm_stats`) still converts.
/// Needs python3 with torch and safetensors (the converter's own environment); skipped without them.
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
        guard (try? python(["-c", "import torch, safetensors"], in: folder).status) == 0 else {
            throw XCTSkip("python3 with torch and safetensors is not installed (the converter's environment)")
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

    func testGenuineCheckpointStillConverts() throws {
        let folder = try makeScratchFolder(self)
        try requireTorch(in: folder)
        let checkpoint = packageRoot.appendingPathComponent("Tests/RecordingsTests/Fixtures/checkpoint_old.pt")
        let run = try python([converter.path, checkpoint.path, "model.safetensors"], in: folder)
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(entries(folder), ["model.safetensors"])
    }
}
