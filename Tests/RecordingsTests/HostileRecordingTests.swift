import ArrayIO
import Foundation
import RetinaCNN
import RetinaCore
import XCTest
@testable import Recordings
@testable import Training

/// The issue #23 reproducers (Fixtures/hostile/, written by make_hostile_fixtures.py): every hostile
/// recording gives a typed error with its exit code, naming the file, the dataset and the problem,
/// in milliseconds — never a trap, an allocation of the declared size, or a read that blocks.
final class HostileRecordingTests: XCTestCase {
    func hostile(_ name: String) throws -> String { try fixturePath("hostile/" + name) }

    /// Reads `path` on another thread and fails (instead of hanging the runner) if it takes longer
    /// than `timeout` seconds; returns the error thrown.
    func readError(_ path: String, timeout: TimeInterval = 10, file: StaticString = #filePath, line: UInt = #line) -> Error? {
        let done = expectation(description: "read \(path)")
        let box = ErrorBox()
        Thread {
            do { _ = try RecordingReader.read(path: path) } catch { box.error = error }
            done.fulfill()
        }.start()
        wait(for: [done], timeout: timeout)
        return box.error
    }

    final class ErrorBox: @unchecked Sendable { var error: Error? }

    func assertRefused(_ name: String, exit: Int32, _ fragments: [String], file: StaticString = #filePath, line: UInt = #line) throws {
        let path = try hostile(name)
        let started = Date()
        guard let error = readError(path) else { return XCTFail("\(name): read without an error", file: file, line: line) }
        let text = "\(error)"
        XCTAssertEqual((error as? RecordingError)?.exitCode, exit, "\(name): \(text)", file: file, line: line)
        for fragment in [path] + fragments {
            XCTAssertTrue(text.contains(fragment), "\(name): '\(fragment)' not in: \(text)", file: file, line: line)
        }
        XCTAssertLessThan(Date().timeIntervalSince(started), 3, "\(name) took too long", file: file, line: line)
    }

    /// A 19 KB file declaring a (10⁹, 50, 50) chunked, unallocated movie allocated 2.5 TB; a
    /// contiguous one never written; a shape whose product overflows `Int` trapped.
    func testDeclaredSizesTheFileDoesNotStoreAreRefused() throws {
        try assertRefused("unallocated_chunked.h5", exit: 65, ["/train/stimulus", "declares 2.5 TB", "stores 0 bytes"])
        try assertRefused("unallocated_contiguous.h5", exit: 65, ["/train/stimulus", "declares 250 MB", "stores 0 bytes"])
        try assertRefused("shape_overflow.h5", exit: 65, ["/train/stimulus", "element count", "4611686018427387904"])
    }

    func testExternalLinksAreRefusedBeforeTheyAreFollowed() throws {
        try assertRefused("external_link.h5", exit: 66, ["/train/stimulus", "external link"])
    }

    /// NaN, 10²⁰ and 2⁶⁴ − 1 offsets, NaN and 10²⁰ ids, NaN and 10³⁰⁰ clocks trapped on `Int(Double)`.
    func testForeignNumbersAreConvertedWithChecks() throws {
        for name in ["index_nan.nwb", "index_huge.nwb", "index_u64max.nwb", "index_fraction.nwb"] {
            try assertRefused(name, exit: 65, ["/units/spike_times_index", "integer end offsets"])
        }
        for name in ["id_nan.nwb", "id_huge.nwb"] { try assertRefused(name, exit: 65, ["/units/id", "integer ids"]) }
        try assertRefused("start_nan.nwb", exit: 65, ["/stimulus/presentation/movie/starting_time", "NaN"])
        try assertRefused("start_huge.nwb", exit: 65, ["starting_time", "RecordingLimits.maximumSeconds", "1e+300"])
        try assertRefused("timestamps_huge.nwb", exit: 65, ["/stimulus/presentation/movie/timestamps", "RecordingLimits.maximumSeconds"])
        try assertRefused("rate_tiny.nwb", exit: 65, ["starting_time", "rate 1e-300 Hz"])
    }

    /// rate 0.001 Hz made 10⁵ bins of every frame (600 GB for a 50 × 50 movie); a 2 × 10⁷ s clock
    /// made 2 × 10⁹ bins; 10,001 units are over the unit budget. Each names its limit.
    func testCountsAreBoundedWithTheLimitNamed() throws {
        try assertRefused("rate_slow.nwb", exit: 65, ["median frame period", "RecordingLimits.maximumFramePeriodSeconds", "1000 s"])
        try assertRefused("timestamps_span.nwb", exit: 65, ["bins", "RecordingLimits.maximumBinnedValues"])
        try assertRefused("too_many_units.nwb", exit: 65, ["/units/spike_times_index", "RecordingLimits.maximumUnits", "10001"])
    }

    /// Names from the file reach the terminal escaped (`inspect-data`'s tree and every error).
    func testControlCharactersInNamesAreEscaped() throws {
        let path = try hostile("control_names.h5")
        let tree = try RecordingSummary.hdf5Tree(path: path).joined(separator: "\n")
        XCTAssertTrue(tree.contains("evil\\u{1B}[2J\\u{202E}"), tree)
        let error = try XCTUnwrap(readError(path))
        for text in [tree, "\(error)"] {
            XCTAssertFalse(text.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x202E }, text)
        }
        XCTAssertTrue("\(error)".contains("evil\\u{1B}"), "\(error)")
    }

    /// A named pipe blocked H5Fis_hdf5 forever; /dev/zero never ends. Both are 66 before any read.
    func testSpecialFilesAreRefusedWithoutBlocking() throws {
        let folder = try makeTemporaryFolder(self)
        for name in ["pipe.h5", "pipe.nwb"] {
            let pipe = folder.appendingPathComponent(name).path
            XCTAssertEqual(mkfifo(pipe, 0o644), 0)
            let error = readError(pipe, timeout: 5)
            XCTAssertEqual((error as? RecordingError)?.exitCode, 66, "\(String(describing: error))")
            XCTAssertTrue("\(String(describing: error))".contains("named pipe"), "\(String(describing: error))")
        }
        let link = folder.appendingPathComponent("link.h5").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "pipe.h5")
        XCTAssertEqual((readError(link, timeout: 5) as? RecordingError)?.exitCode, 66)
        let zero = readError("/dev/zero", timeout: 5)
        XCTAssertEqual((zero as? RecordingError)?.exitCode, 66, "\(String(describing: zero))")
        XCTAssertTrue("\(String(describing: zero))".contains("device node"), "\(String(describing: zero))")
    }

    /// A virtual dataset was followed into its source file: a named pipe there hung inspect-data and
    /// train; another file was trained on silently. It is refused (66) before any source is opened,
    /// with a pipe in the source's place too.
    func testVirtualDatasetsAreRefusedWithoutOpeningTheirSources() throws {
        try assertRefused("virtual.h5", exit: 66, ["/train/stimulus", "virtual dataset"])
        let folder = try makeTemporaryFolder(self)
        let copy = folder.appendingPathComponent("virtual.h5")
        try FileManager.default.copyItem(atPath: try hostile("virtual.h5"), toPath: copy.path)
        XCTAssertEqual(mkfifo(folder.appendingPathComponent("vds_source.h5").path, 0o644), 0)
        let error = readError(copy.path, timeout: 5)
        XCTAssertEqual((error as? RecordingError)?.exitCode, 66, "\(String(describing: error))")
    }

    /// A file an SWMR writer has open (superblock flags set; copied while open) said "truncated or
    /// corrupt" (65); it is an open problem (66) that says what to do.
    func testFilesMarkedOpenForWritingAreOpenErrors() throws {
        try assertRefused("swmr_open.h5", exit: 66, ["open for writing by another program", "h5clear -s"])
    }

    /// A truncated HDF5 file (signature intact) was "cannot open" (66); it is damaged content (65).
    /// A file whose HDF5 write lock another process holds stays 66, and says so.
    func testTruncatedFilesAreDataErrorsAndLockedFilesOpenErrors() throws {
        let folder = try makeTemporaryFolder(self)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: try fixturePath("deep_retina_small.h5")))
        for (name, keep) in [("half.h5", bytes.count / 2), ("superblock.h5", 200)] {
            let path = folder.appendingPathComponent(name).path
            try bytes.prefix(keep).write(to: URL(fileURLWithPath: path))
            let error = readError(path)
            XCTAssertEqual((error as? RecordingError)?.exitCode, 65, "\(name): \(String(describing: error))")
            XCTAssertTrue("\(String(describing: error))".contains("truncated or its superblock is corrupt"), "\(String(describing: error))")
        }
        let locked = folder.appendingPathComponent("locked.h5").path
        try bytes.write(to: URL(fileURLWithPath: locked))
        let fd = open(locked, O_RDWR)
        XCTAssertGreaterThanOrEqual(fd, 0)
        defer { close(fd) }
        XCTAssertEqual(flock(fd, LOCK_EX | LOCK_NB), 0)
        let error = readError(locked)
        XCTAssertEqual((error as? RecordingError)?.exitCode, 66, "\(String(describing: error))")
        XCTAssertTrue("\(String(describing: error))".contains("write lock"), "\(String(describing: error))")
        flock(fd, LOCK_UN)
        XCTAssertNil(readError(locked), "readable once the lock is released")
    }

    /// An NPY folder whose stimulus.npy is a symbolic link to itself said "missing" (65); it is an
    /// unreadable file (66). Responses with a second array appended were read silently as the first.
    func testNPYFolderLinksAndTrailingBytes() throws {
        let source = URL(fileURLWithPath: try fixturePath("npy_pair"))
        let loop = try makeTemporaryFolder(self)
        try FileManager.default.copyItem(at: source.appendingPathComponent("responses.npy"), to: loop.appendingPathComponent("responses.npy"))
        try FileManager.default.createSymbolicLink(atPath: loop.appendingPathComponent("stimulus.npy").path, withDestinationPath: "stimulus.npy")
        let error = readError(loop.path)
        XCTAssertEqual((error as? ArrayIOError)?.exitCode, 66, "\(String(describing: error))")
        XCTAssertTrue("\(String(describing: error))".contains("stimulus.npy") && "\(String(describing: error))".contains("symbolic links"),
                      "\(String(describing: error))")

        // Half a test split was ignored silently; it is refused naming what is missing.
        for present in [["test_stimulus.npy"], ["test_responses.npy"], ["test_repeats.npy"]] {
            let half = try makeTemporaryFolder(self)
            for name in ["stimulus.npy", "responses.npy"] {
                try FileManager.default.copyItem(at: source.appendingPathComponent(name), to: half.appendingPathComponent(name))
            }
            for name in present {
                try FileManager.default.copyItem(at: source.appendingPathComponent("responses.npy"), to: half.appendingPathComponent(name))
            }
            let error = readError(half.path)
            XCTAssertEqual((error as? RecordingError)?.exitCode, 65, "\(present): \(String(describing: error))")
            XCTAssertTrue("\(String(describing: error))".contains("a complete test split"), "\(String(describing: error))")
        }
        // A looping link given as the recording itself names the link, not "does not exist".
        let looping = loop.appendingPathComponent("self.h5").path
        try FileManager.default.createSymbolicLink(atPath: looping, withDestinationPath: "self.h5")
        XCTAssertTrue("\(String(describing: readError(looping)))".contains("symbolic link that cannot be followed"))

        let trailing = try makeTemporaryFolder(self)
        try FileManager.default.copyItem(at: source.appendingPathComponent("stimulus.npy"), to: trailing.appendingPathComponent("stimulus.npy"))
        var responses = try Data(contentsOf: source.appendingPathComponent("responses.npy"))
        responses += try NPYArray(shape: [3], values: [0, 0, 0]).encoded()
        try responses.write(to: trailing.appendingPathComponent("responses.npy"))
        let appended = readError(trailing.path)
        XCTAssertEqual((appended as? ArrayIOError)?.exitCode, 65, "\(String(describing: appended))")
        XCTAssertTrue("\(String(describing: appended))".contains("responses.npy") && "\(String(describing: appended))".contains("bytes after the data"),
                      "\(String(describing: appended))")
    }

    /// Training movies of 40–83 frames trapped in RecordingTrainingData ("Range requires lowerBound
    /// <= upperBound") because the ranges were formed before the frame count was checked.
    func testShortTrainingMoviesAreRefusedNotTrapped() throws {
        for name in ["short_with_test.h5", "short_no_test.h5"] {
            let recording = try RecordingReader.read(path: try hostile(name))
            XCTAssertThrowsError(try RecordingTrainingData(recording: recording, history: 60)) { error in
                XCTAssertEqual((error as? RecordingError)?.exitCode, 65)
                XCTAssertTrue("\(error)".contains(name) && "\(error)".contains("history 60"), "\(error)")
            }
        }
        func recording(frames: Int, testFrames: Int?) -> Recording {
            func split(_ n: Int) -> Recording.Split {
                Recording.Split(stimulus: Movie(frames: n, height: 2, width: 2, values: (0..<(n * 4)).map { Float($0 % 7) }),
                                responses: [Float](repeating: 1, count: n))
            }
            return Recording(train: split(frames), test: testFrames.map(split), cellIDs: ["a"], responseUnit: .spikeCountsPerBin,
                             sourceFramePeriodSeconds: 0.01, provenance: .init(file: "short.h5", format: "test"))
        }
        for frames in 1...200 {
            for testFrames in [nil, 30, 61, 62] as [Int?] {
                for pairing in [ResponsePairing.windowEnd, .nextBin] {
                    do {
                        let d = try RecordingTrainingData(recording: recording(frames: frames, testFrames: testFrames), history: 60, pairing: pairing)
                        XCTAssertGreaterThan(d.windowCount(d.train), 0)
                    } catch let error as RecordingError {
                        XCTAssertEqual(error.exitCode, 65)
                    }
                }
            }
        }
    }
}
