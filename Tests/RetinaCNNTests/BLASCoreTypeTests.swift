import XCTest
@testable import RetinaCNN

/// The OpenBLAS core-type correction: when it applies (a pure decision), and what this process runs.
final class BLASCoreTypeTests: XCTestCase {
    func testForcesAVX2KernelsOnlyWhereOpenBLASFellBackOnAnAVX2CPU() {
        // The fallback seen on this project's machines, in OpenBLAS's spelling and lower case.
        for detected in ["Prescott", "prescott", "Sandybridge", "Nehalem", "Core2"] {
            XCTAssertEqual(BLASCoreType.override(detected: detected, environmentValue: nil, cpuHasAVX2FMA: true), "Haswell", detected)
            XCTAssertNil(BLASCoreType.override(detected: detected, environmentValue: nil, cpuHasAVX2FMA: false),
                         "\(detected) on a CPU without AVX2 is the right choice")
        }
        // OpenBLAS's own AVX2 / AVX-512 choices are kept.
        for detected in ["Haswell", "SkylakeX", "Cooperlake", "Zen", "SapphireRapids"] {
            XCTAssertNil(BLASCoreType.override(detected: detected, environmentValue: nil, cpuHasAVX2FMA: true), detected)
        }
        // A value the user set is theirs, whatever it is — also an empty one.
        for value in ["Prescott", "Haswell", ""] {
            XCTAssertNil(BLASCoreType.override(detected: "Prescott", environmentValue: value, cpuHasAVX2FMA: true), value)
        }
    }

    func testTheRuntimeDescriptionNamesTheLoadedKernels() {
        let loaded = BLASCoreType.loaded
        XCTAssertFalse(loaded.isEmpty)
        XCTAssertTrue(BLASCoreType.configuration.hasPrefix("OpenBLAS "), BLASCoreType.configuration)
        let description = BLASCoreType.runtimeDescription
        XCTAssertTrue(description.hasPrefix("OpenBLAS "), description)
        XCTAssertTrue(description.contains("\(loaded) kernels"), description)
    }
}
