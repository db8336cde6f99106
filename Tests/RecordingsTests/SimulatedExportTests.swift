import Foundation
import RetinaCore
import XCTest
@testable import Recordings
@testable import Training

/// `simulate --export-h5`: the simulated retina's data written in the deep-retina layout reads back
/// unchanged, with an 8-bit stimulus, spike counts and repeats.
final class SimulatedExportTests: XCTestCase {
    func testExportRoundTripsThroughTheDeepRetinaReader() throws {
        let r = try SimulatedRecording.make(trainFrames: 60, testFrames: 45, repeats: 3, seed: 4)
        XCTAssertEqual(r.train.stimulus.frames, 60)
        XCTAssertTrue(r.train.stimulus.values.allSatisfy { $0 >= 0 && $0 <= 255 && $0 == $0.rounded() })
        let url = try makeTemporaryFolder(self).appendingPathComponent("sim.h5")
        try DeepRetinaWriter.write(r, to: url)
        let tree = try RecordingSummary.hdf5Tree(path: url.path)
        XCTAssertTrue(tree.contains { $0.contains("stimulus  [60, 50, 50] uint8") }, "\(tree)")
        XCTAssertTrue(tree.contains { $0.contains("binned  [8, 60] float32") }, "\(tree)")
        XCTAssertTrue(tree.contains { $0.contains("cell08  [3, 45] float32") }, "\(tree)")
        let back = try RecordingReader.read(path: url.path)
        XCTAssertEqual(back.responseUnit, .spikeCountsPerBin)
        XCTAssertEqual(back.train.stimulus, r.train.stimulus)
        XCTAssertEqual(back.train.responses, r.train.responses)
        XCTAssertEqual(back.test?.stimulus, r.test?.stimulus)
        XCTAssertEqual(back.test?.repeats, r.test?.repeats)
        XCTAssertEqual(back.test?.repeatCount, 3)
        XCTAssertEqual(back.cellIDs, r.cellIDs)
        XCTAssertTrue(back.provenance.warnings.isEmpty, "\(back.provenance.warnings)")
        // The test response is the repeat mean.
        let mean = try XCTUnwrap(back.test?.repeatMean(cells: 8))
        XCTAssertEqual(mean.count, 45 * 8)
        XCTAssertEqual(back.test?.responses.count, mean.count)
        for (a, b) in zip(mean, back.test!.responses) { XCTAssertEqual(a, b, accuracy: 1e-6) }
        // No temporary file is left next to the output.
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: url.deletingLastPathComponent().path), ["sim.h5"])
    }
}
