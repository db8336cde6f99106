import Foundation
import XCTest
@testable import Recordings

/// The readers against the numbers the fixture script computed with h5py / pynwb / NumPy.
final class RecordingReaderTests: XCTestCase {
    func testDeepRetinaShapesValuesTrimAndRepeats() throws {
        let e = try expectedNumbers().dict("deep_retina")
        let r = try RecordingReader.read(path: try fixturePath("deep_retina_small.h5"))
        XCTAssertEqual(r.provenance.format, "deep-retina-hdf5")
        XCTAssertEqual(r.responseUnit, .ratesHz)  // firing_rate_10ms is preferred over binned
        XCTAssertEqual(r.train.frames, try e.int("train_frames"))
        XCTAssertEqual(r.frameSize.height, try e.int("height")); XCTAssertEqual(r.frameSize.width, try e.int("width"))
        XCTAssertEqual(r.cellIDs, e["cell_ids"] as? [String])
        let s = try e.dict("stimulus_probe")
        XCTAssertEqual(Double(r.train.stimulus[try s.int("frame"), try s.int("y"), try s.int("x")]), try s.double("value"))
        let p = try e.dict("rate_probe")
        XCTAssertEqual(Double(r.train.responses[try p.int("bin") * r.cellCount + (try p.int("cell"))]), try p.double("value"), accuracy: 1e-5)
        // The test response is one bin longer than the stimulus: trimmed, with a warning naming it.
        let test = try XCTUnwrap(r.test)
        XCTAssertEqual(test.frames, try e.int("test_frames"))
        XCTAssertEqual(test.responses.count, test.frames * r.cellCount)
        XCTAssertTrue(r.provenance.warnings.contains { $0.contains("/test/response/firing_rate_10ms") && $0.contains("61") && $0.contains("60") },
                      "\(r.provenance.warnings)")
        let last = try e.dict("test_rate_last")
        XCTAssertEqual(Double(test.responses[try last.int("bin") * r.cellCount]), try last.double("value"), accuracy: 1e-5)
        XCTAssertEqual(test.repeatCount, try e.int("repeats"))
        let m = try e.dict("repeat_mean_probe")
        let mean = try XCTUnwrap(test.repeatMean(cells: r.cellCount))
        XCTAssertEqual(Double(mean[try m.int("bin") * r.cellCount + (try m.int("cell"))]), try m.double("value"), accuracy: 1e-6)
        let rp = try e.dict("repeat_probe")
        let index = (try rp.int("repeat") * test.frames + (try rp.int("bin"))) * r.cellCount + (try rp.int("cell"))
        XCTAssertEqual(Double(try XCTUnwrap(test.repeats)[index]), try rp.double("value"))
    }

    func testDeepRetinaBinnedAndThreeDimensionalRepeats() throws {
        let e = try expectedNumbers()
        let binned = try DeepRetinaReader.read(path: try fixturePath("deep_retina_small.h5"), responseType: "binned")
        XCTAssertEqual(binned.responseUnit, .spikeCountsPerBin)
        XCTAssertEqual(binned.hertzPerResponseUnit, 100)
        let p = try e.dict("deep_retina").dict("binned_probe")
        XCTAssertEqual(Double(binned.train.responses[try p.int("bin") * 3 + (try p.int("cell"))]), try p.double("value"))

        let r = try RecordingReader.read(path: try fixturePath("deep_retina_repeats3d.h5"))
        let v = try e.dict("deep_retina_repeats3d")
        let q = try v.dict("binned_probe")
        XCTAssertEqual(Double(r.train.responses[try q.int("bin") * 3 + (try q.int("cell"))]), try q.double("value"))
        XCTAssertTrue(r.provenance.warnings.contains { $0.contains("time × cells") })
        let rp = try v.dict("repeat_probe")
        let test = try XCTUnwrap(r.test)
        XCTAssertEqual(test.repeatCount, 4)
        XCTAssertEqual(Double(try XCTUnwrap(test.repeats)[((try rp.int("repeat")) * test.frames + (try rp.int("bin"))) * 3 + (try rp.int("cell"))]),
                       try rp.double("value"))
        let s = try v.dict("stimulus_probe")
        XCTAssertEqual(Double(r.train.stimulus[try s.int("frame"), try s.int("y"), try s.int("x")]), try s.double("value"), accuracy: 1e-7)
    }

    func testNWBAt100HzBinsSpikesIntoFrames() throws {
        let e = try expectedNumbers().dict("nwb_100hz")
        let r = try RecordingReader.read(path: try fixturePath("nwb_100hz.nwb"))
        XCTAssertEqual(r.provenance.format, "nwb")
        XCTAssertEqual(r.responseUnit, .spikeCountsPerBin)
        XCTAssertEqual(r.train.frames, try e.int("frames"))
        XCTAssertEqual(r.frameSize.height, try e.int("height")); XCTAssertEqual(r.frameSize.width, try e.int("width"))
        XCTAssertEqual(r.cellIDs, e["cell_ids"] as? [String])
        XCTAssertEqual(r.sourceFramePeriodSeconds, 0.01, accuracy: 1e-12)
        let totals = (0..<3).map { c in Int((0..<r.train.frames).reduce(Float(0)) { $0 + r.train.responses[$1 * 3 + c] }) }
        XCTAssertEqual(totals, e["counts_total"] as? [Int])
        let p = try e.dict("counts_probe")
        XCTAssertEqual(Double(r.train.responses[try p.int("bin") * 3 + (try p.int("cell"))]), try p.double("value"))
        let s = try e.dict("stimulus_probe")  // data is [frame][x][y]; the tool's movie is (t, y, x)
        XCTAssertEqual(Double(r.train.stimulus[try s.int("frame"), try s.int("y"), try s.int("x")]), try s.double("value"))
        let dropped = try e.int("dropped_spikes")
        XCTAssertTrue(r.provenance.warnings.contains { $0.hasPrefix("\(dropped) spikes outside") }, "\(r.provenance.warnings)")
    }

    func testNWBAt60HzIsResampledTo10msBins() throws {
        let e = try expectedNumbers().dict("nwb_60hz")
        let r = try RecordingReader.read(path: try fixturePath("nwb_60hz.nwb"))
        XCTAssertEqual(r.train.frames, try e.int("bins"))
        let period = try e.double("frame_period_ms")
        XCTAssertEqual(r.sourceFramePeriodSeconds * 1000, period, accuracy: 1e-6)
        let counts = try XCTUnwrap(e["counts"] as? [[Double]])
        XCTAssertEqual(counts.count, r.train.frames)
        for (t, row) in counts.enumerated() { for (c, v) in row.enumerated() { XCTAssertEqual(Double(r.train.responses[t * 2 + c]), v, "bin \(t) cell \(c)") } }
        let s = try e.dict("stimulus_probe")
        XCTAssertEqual(Double(r.train.stimulus[try s.int("bin"), try s.int("y"), try s.int("x")]), try s.double("value"))
        XCTAssertTrue(r.provenance.warnings.contains { $0.contains("resampled") })
    }

    func testNPYPairFolder() throws {
        let e = try expectedNumbers().dict("npy_pair")
        let r = try RecordingReader.read(path: try fixturePath("npy_pair"))
        XCTAssertEqual(r.train.frames, try e.int("frames")); XCTAssertEqual(r.cellCount, try e.int("cells"))
        XCTAssertEqual(r.responseUnit, .spikeCountsPerBin)
        let p = try e.dict("response_probe")
        XCTAssertEqual(Double(r.train.responses[try p.int("bin") * 2 + (try p.int("cell"))]), try p.double("value"))
        let s = try e.dict("stimulus_probe")
        XCTAssertEqual(Double(r.train.stimulus[try s.int("frame"), try s.int("y"), try s.int("x")]), try s.double("value"))
        XCTAssertNil(r.test)
    }

    func testSelectionAndCrop() throws {
        let r = try RecordingReader.read(path: try fixturePath("deep_retina_small.h5"))
        let s = try r.selecting(cells: [2, 0]).cropped(y: 1, x: 2, size: 5)
        XCTAssertEqual(s.cellIDs, ["cell03", "cell01"])
        XCTAssertEqual(s.train.responses[7 * 2], r.train.responses[7 * 3 + 2])
        XCTAssertEqual(s.train.stimulus[4, 0, 0], r.train.stimulus[4, 1, 2])
        XCTAssertEqual(s.test?.repeats?.count, 4 * 60 * 2)
        XCTAssertThrowsError(try r.selecting(cells: [3])) { XCTAssertEqual(($0 as? RecordingError)?.exitCode, 64) }
        XCTAssertThrowsError(try r.cropped(y: 4, x: 4, size: 5)) { XCTAssertTrue("\($0)".contains("--crop")) }
    }

    // MARK: Bad data

    private func assertError(_ name: String, _ check: (RecordingError) -> Bool, file: StaticString = #filePath, line: UInt = #line) throws {
        let path = try fixturePath(name)
        XCTAssertThrowsError(try RecordingReader.read(path: path), file: file, line: line) { error in
            guard let e = error as? RecordingError else { return XCTFail("not a RecordingError: \(error)", file: file, line: line) }
            XCTAssertTrue(check(e), "\(e)", file: file, line: line)
            XCTAssertTrue(e.description.contains(name), "message names the file: \(e)", file: file, line: line)
            XCTAssertEqual(e.exitCode, 65, file: file, line: line)
        }
    }

    func testBadDataErrorsNameFileDatasetAndValues() throws {
        try assertError("bad_missing_train.h5") { if case .missing(_, "/train", _) = $0 { return true }; return false }
        try assertError("bad_ambiguous.h5") { if case .ambiguousOrientation(_, "/train/response/binned", [45, 45], 45) = $0 { return true }; return false }
        try assertError("bad_length.h5") { if case .lengthMismatch(_, "/train/response/binned", 45, 48) = $0 { return true }; return false }
        let nan = try expectedNumbers().int("bad_nan_index")
        try assertError("bad_nan.h5") { if case .nonFinite(_, "/train/response/firing_rate_10ms", nan) = $0 { return true }; return false }
        try assertError("bad_nwb_ms.nwb") { if case .spikesOutsideStimulus(_, "/units/spike_times", "101", _, _) = $0 { return true }; return false }
        XCTAssertThrowsError(try RecordingReader.read(path: "/nonexistent/x.h5")) { XCTAssertEqual(($0 as? RecordingError)?.exitCode, 66) }
    }

    func testResponseLayoutRule() throws {
        func resolve(_ s: [Int], _ t: Int) throws -> ResponseLayout.Resolved {
            try ResponseLayout.resolve(shape: s, frames: t, preferCellsFirst: true, file: "f", dataset: "d")
        }
        XCTAssertEqual(try resolve([3, 100], 100), .init(cellsFirst: true, cells: 3, bins: 100))
        XCTAssertEqual(try resolve([100, 3], 100), .init(cellsFirst: false, cells: 3, bins: 100))
        XCTAssertEqual(try resolve([99, 100], 100).cellsFirst, true)  // exact match wins over ±1
        XCTAssertEqual(try resolve([3, 101], 100), .init(cellsFirst: true, cells: 3, bins: 101))
        XCTAssertThrowsError(try resolve([101, 99], 100))
        XCTAssertThrowsError(try resolve([3, 103], 100))
    }

    func testInspectTreeListsDatasets() throws {
        let lines = try RecordingSummary.hdf5Tree(path: try fixturePath("deep_retina_small.h5"))
        XCTAssertTrue(lines.contains { $0.contains("stimulus") && $0.contains("[120, 8, 8]") && $0.contains("uint8") }, "\(lines)")
        let text = RecordingSummary.text(try RecordingReader.read(path: try fixturePath("nwb_60hz.nwb")))
        XCTAssertTrue(text.contains("16.67 ms") && text.contains("resampled"), text)
    }
}
