import Foundation
import XCTest
import ArrayIO
import RetinaCNN

/// The executable as a user runs it (a subprocess): documented exit codes and nothing left behind
/// for hostile arguments and paths (issue #10, items 1, 2, 5, 6).
final class CLITests: XCTestCase {
    private var model: String { shippedModel.path }

    /// A 50 × 50 movie of `frames` frames with `value` at one pixel of the last frame.
    private func movie(_ frames: Int, in folder: URL, name: String, peak: Float = 0.5) throws -> String {
        var values = [Float](repeating: 0, count: frames * 2500)
        values[(frames - 1) * 2500 + 1234] = peak
        try NPYArray(shape: [frames, 50, 50], values: values).write(to: folder.appendingPathComponent(name))
        return name
    }

    private func assertRun(_ arguments: [String], in folder: URL, exit: Int32, stderrContains fragment: String,
                           file: StaticString = #filePath, line: UInt = #line) throws {
        let run = try runTool(arguments, in: folder, file: file, line: line)
        XCTAssertEqual(run.status, exit, "\(arguments.joined(separator: " ")): \(run.stderr)", file: file, line: line)
        XCTAssertTrue(fragment.isEmpty || run.stderr.contains(fragment), "\(arguments.joined(separator: " ")): \(run.stderr)", file: file, line: line)
        XCTAssertFalse(run.stderr.contains("NSCocoaErrorDomain"), run.stderr, file: file, line: line)
    }

    /// Item 1: special files are never replaced, existing outputs only with --overwrite, "" is 64;
    /// item 5: movies shorter than the history and contrasts that overflow are refused.
    func testPredictOutputPolicyAndInputChecks() throws {
        let folder = try makeScratchFolder(self)
        let window = try BNCNN.load(contentsOf: shippedModel).0.historyFrames   // the shipped model's, 60 frames
        let stimulus = try movie(window + 1, in: folder, name: "s.npy")
        XCTAssertEqual(mkfifo(folder.appendingPathComponent("pipe").path, 0o644), 0)
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("link.npy").path, withDestinationPath: "s.npy")
        let common = ["predict", "--model", model, "--stimulus", stimulus]
        try assertRun(common + ["--output", "pipe", "--overwrite"], in: folder, exit: 73, stderrContains: "is a named pipe, not a regular file")
        try assertRun(common + ["--output", "link.npy", "--overwrite"], in: folder, exit: 73, stderrContains: "is a symbolic link")
        try assertRun(common + ["--output", "s.npy"], in: folder, exit: 73, stderrContains: "pass --overwrite")
        try assertRun(common + ["--output", ""], in: folder, exit: 64, stderrContains: "--output")
        try assertRun(common + ["--output", "missing/r.npy"], in: folder, exit: 73, stderrContains: "does not exist")
        try assertRun(common + ["--output", "r.npy"], in: folder, exit: 0, stderrContains: "")
        try assertRun(common + ["--output", "r.npy", "--overwrite"], in: folder, exit: 0, stderrContains: "")
        let short = try movie(39, in: folder, name: "short.npy")
        try assertRun(["predict", "--model", model, "--stimulus", short, "--output", "x.npy"], in: folder, exit: 64,
                      stderrContains: "at least \(window) frames")
        try assertRun(["simulate", "--stimulus", short, "--output", "x.npy"], in: folder, exit: 64, stderrContains: "at least 40 frames")
        let hot = try movie(window + 1, in: folder, name: "hot.npy", peak: 1e30)
        try assertRun(["predict", "--model", model, "--stimulus", hot, "--output", "x.npy"], in: folder, exit: 65,
                      stderrContains: "frame \(window)")
        try assertRun(["predict", "--model", "pipe", "--stimulus", stimulus, "--output", "x.npy"], in: folder, exit: 66,
                      stderrContains: "named pipe")
        try assertRun(["attribute", "--model", model, "--stimulus", stimulus, "--cells", "0", "--output", "a.npy",
                       "--steps", "1000000000"], in: folder, exit: 64, stderrContains: "--steps")
        XCTAssertEqual(entries(folder), ["hot.npy", "link.npy", "pipe", "r.npy", "s.npy", "short.npy"])
    }

    /// Items 5 and 6: `run` refuses bad parameters and unusable output folders before any work, with
    /// the documented codes and a sentence; nothing is created.
    func testRunRefusesBeforeAnyWork() throws {
        let folder = try makeScratchFolder(self)
        try Data("x".utf8).write(to: folder.appendingPathComponent("plain"))
        let run = ["run", "--model", model, "--output", "out"]
        let cases: [([String], Int32, String)] = [
            (run + ["--osr-periods", "0"], 64, "osr.periodsMs"),
            (run + ["--osr-periods", "nan"], 64, "osr.periodsMs"),
            (run + ["--osr-periods", "33.3"], 64, "osr.periodsMs"),
            (run + ["--osr-periods", "90000"], 64, "frames per stimulus condition"),
            (run + ["--cells", "0,0"], 64, "each cell index once"),
            (run + ["--formats", ""], 64, "formats"),
            (run + ["--phenomena", "osr", "--bar-speed", "nan"], 64, "speedsPixelsPerFrame"),
            (run + ["--set", "analysis.integratedGradients.steps=100000000"], 64, "analysis.integratedGradients.steps"),
            (run + ["--set", "analysis.integratedGradients.steps=1e300"], 64, "analysis.integratedGradients.steps"),
            (run + ["--parameters", "missing.json"], 66, "does not exist"),
            (run + ["--ensemble", "members"], 64, "--model / --ensemble"),
            (run + ["--hypothesis", "osr: c99"], 64, "unknown channel c99"),
            (run + ["--hypothesis", "colour: c1"], 64, "unknown phenomenon 'colour'"),
            (run + ["--hypotheses", "missing-hypotheses.json"], 66, "missing-hypotheses.json"),
            (["run", "--ensemble", "no-such-folder", "--output", "out"], 66, "no-such-folder"),
            (["run", "--model", model, "--output", ""], 64, "output"),
            (["run", "--model", model, "--output", "plain"], 73, "regular file, not a folder"),
            (["run", "--model", model, "--output", "plain/below"], 73, "is a regular file, not a folder"),
            (["run", "--model", model, "--output", "/proc/retina-report-test"], 73, "does not accept new folders"),
            (["run", "--model", "/dev/null", "--output", "out"], 66, "device node"),
        ]
        for (arguments, code, fragment) in cases {
            try assertRun(arguments, in: folder, exit: code, stderrContains: fragment)
        }
        XCTAssertEqual(entries(folder), ["plain"])
    }

    /// README's exit-code table, the 65 and 66 rows: corrupt and hostile inputs, case by case.
    func testMalformedAndMissingInputsUseTheDocumentedCodes() throws {
        let folder = try makeScratchFolder(self)
        let window = try BNCNN.load(contentsOf: shippedModel).0.historyFrames   // the shipped model's, 60 frames
        let stimulus = try movie(window + 1, in: folder, name: "s.npy")
        try Data("not a model".utf8).write(to: folder.appendingPathComponent("bad.safetensors"))
        var file = try SafeTensorsFile.read(contentsOf: shippedModel)
        var card = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(file.metadata["model_card"]!.utf8)) as? [String: Any])
        var simulator = try XCTUnwrap(card["simulatorParameters"] as? [String: Any])
        simulator["kernelTaps"] = 1_000_000_000_000
        card["simulatorParameters"] = simulator
        file.metadata["model_card"] = String(decoding: try JSONSerialization.data(withJSONObject: card), as: UTF8.self)
        try file.encoded().write(to: folder.appendingPathComponent("hostile.safetensors"))
        try Data("[1, 2]".utf8).write(to: folder.appendingPathComponent("list.json"))
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("dir.npy"), withIntermediateDirectories: false)
        let cases: [([String], Int32, String)] = [
            (["predict", "--model", "bad.safetensors", "--stimulus", stimulus, "--output", "r.npy"], 65, "bad.safetensors"),
            (["inspect", "hostile.safetensors"], 65, "simulatorParameters.kernelTaps"),
            (["run", "--model", "hostile.safetensors", "--output", "out"], 65, "simulatorParameters.kernelTaps"),
            (["run", "--model", model, "--output", "out", "--parameters", "list.json"], 65, "expected a JSON object"),
            (["predict", "--model", model, "--stimulus", "missing.npy", "--output", "r.npy"], 66, "does not exist"),
            (["predict", "--model", model, "--stimulus", "dir.npy", "--output", "r.npy"], 66, "is a folder"),
            (["run", "--model", "missing.safetensors", "--output", "out"], 66, "does not exist"),
        ]
        for (arguments, code, fragment) in cases {
            try assertRun(arguments, in: folder, exit: code, stderrContains: fragment)
        }
        XCTAssertEqual(entries(folder), ["bad.safetensors", "dir.npy", "hostile.safetensors", "list.json", "s.npy"])
    }

    /// Item 2: SIGINT / SIGTERM during `run` exit 130 / 143 and leave nothing behind; a partial folder
    /// left by an earlier SIGKILLed run is removed by the next run.
    func testInterruptedRunLeavesNothingBehind() throws {
        let folder = try makeScratchFolder(self)
        let output = folder.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: false)
        for (signalNumber, expected) in [(SIGINT, Int32(130)), (SIGTERM, Int32(143))] {
            // What a SIGKILLed run leaves: a partial folder whose process is gone.
            let child = Process()
            child.executableURL = URL(fileURLWithPath: "/bin/true")
            try child.run(); child.waitUntilExit()
            let stale = output.appendingPathComponent(".killed.partial-\(child.processIdentifier)-1")
            try FileManager.default.createDirectory(at: stale.appendingPathComponent("figures"), withIntermediateDirectories: true)
            let result = try runTool(["run", "--model", model, "--phenomena", "osr", "--ig-steps", "300", "--output", "out",
                                      "--run-id", "r", "--quiet"], in: folder) { process in
                // Wait until this run's partial folder exists (the stale one is gone by then), then signal.
                let deadline = Date().addingTimeInterval(60)
                while Date() < deadline, !entries(output).contains(where: { $0.hasPrefix(".r.partial-") }) { usleep(20_000) }
                usleep(300_000)
                kill(process.processIdentifier, signalNumber)
            }
            XCTAssertEqual(result.status, expected, result.stderr)
            XCTAssertEqual(entries(output), [], "left behind after signal \(signalNumber): \(entries(output))")
        }
    }
}
