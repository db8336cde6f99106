import XCTest
import RetinaCNN

/// The executable runs AVX2 OpenBLAS kernels on an AVX2 CPU even where OpenBLAS alone would fall back
/// to SSE3 ones, and keeps a core type the user set (`BLASCoreType`, docs/toolchain.md §4).
final class BLASCoreTypeCLITests: XCTestCase {
    /// The "BLAS: …" line of a tiny `bench`, run with `environment` changes.
    private func blasLine(_ changes: [String: String?]) throws -> String {
        let directory = try makeScratchFolder(self)
        let run = try runTool(["bench", "--steps", "1", "--ig-windows", "1", "--history", "3", "--workers", "1"], in: directory,
                              captureStandardOutput: true, environment: changes)
        XCTAssertEqual(run.status, 0, run.stderr)
        let line = run.stdout.split(separator: "\n").first { $0.hasPrefix("BLAS: ") }
        return try XCTUnwrap(line.map(String.init), run.stdout)
    }

    func testAnAVX2CPUNeverRunsPreAVX2KernelsUnlessAsked() throws {
        let chosen = try blasLine([BLASCoreType.environmentVariable: nil, BLASCoreType.detectedVariable: nil])
        if BLASCoreType.cpuHasAVX2FMA {
            for family in BLASCoreType.preAVX2Families {
                XCTAssertFalse(chosen.lowercased().contains(", \(family) kernels"), chosen)
            }
        }
        let asked = try blasLine([BLASCoreType.environmentVariable: "Prescott", BLASCoreType.detectedVariable: nil])
        XCTAssertTrue(asked.contains("Prescott kernels (OPENBLAS_CORETYPE=Prescott from the environment)"), asked)
    }
}
