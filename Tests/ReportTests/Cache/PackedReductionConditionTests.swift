import Foundation
import Mechanisms
import XCTest
@testable import Report

/// The step cache's packed reduction conditions give back the conditions that were packed, bit for
/// bit (NaN, infinities, signed zero, subnormals included), and refuse bytes that are not whole floats.
final class PackedReductionConditionTests: XCTestCase {
    let odd: [Float] = [0, -0.0, 1e-45, .nan, .infinity, -.infinity, 0.1, -3.4028235e38, 1.0000001, 42]

    func bits(_ v: [Float]?) -> [UInt32]? { v?.map(\.bitPattern) }

    func condition(explained: Bool) throws -> ReductionCondition {
        // 5 windows × 2 channels × 1 column.
        let hidden = PooledLayer1Response(symmetry: .fullField, windows: 5, channels: 2, columns: 1, values: odd)
        let full = Array(odd.prefix(5))
        guard explained else { return try ReductionCondition(label: "fit only", hidden: hidden, fullResponseHz: full, baselineRateHz: 7.5) }
        let attribution = PooledAttribution(symmetry: .fullField, windows: 3, channels: 2, columns: 1, attributions: Array(odd.suffix(6)),
                                            effectiveWeights: nil, drive: Array(odd.prefix(6)), targetRatesHz: [1, .nan, 3],
                                            baselineRateHz: 2.25)
        return try ReductionCondition(label: "period 50 ms", attribution: attribution, hidden: hidden, fullResponseHz: full,
                                      attributionRows: 1..<4, responseWindow: 2..<3)
    }

    func assertBitwiseEqual(_ a: ReductionCondition, _ b: ReductionCondition, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(a.label, b.label, file: file, line: line)
        XCTAssertEqual(bits(a.hidden.values), bits(b.hidden.values), file: file, line: line)
        XCTAssertEqual([a.hidden.windows, a.hidden.channels, a.hidden.columns], [b.hidden.windows, b.hidden.channels, b.hidden.columns])
        XCTAssertEqual(a.hidden.symmetry, b.hidden.symmetry, file: file, line: line)
        XCTAssertEqual(bits(a.fullResponseHz), bits(b.fullResponseHz), file: file, line: line)
        XCTAssertEqual(a.baselineRateHz.bitPattern, b.baselineRateHz.bitPattern, file: file, line: line)
        XCTAssertEqual(a.responseWindow, b.responseWindow, file: file, line: line)
        XCTAssertEqual(a.attributionRows, b.attributionRows, file: file, line: line)
        XCTAssertEqual(a.attribution == nil, b.attribution == nil, file: file, line: line)
        if let x = a.attribution, let y = b.attribution {
            XCTAssertEqual(bits(x.attributions), bits(y.attributions), file: file, line: line)
            XCTAssertEqual(bits(x.effectiveWeights), bits(y.effectiveWeights), file: file, line: line)
            XCTAssertEqual(bits(x.drive), bits(y.drive), file: file, line: line)
            XCTAssertEqual(bits(x.targetRatesHz), bits(y.targetRatesHz), file: file, line: line)
            XCTAssertEqual(x.baselineRateHz.bitPattern, y.baselineRateHz.bitPattern, file: file, line: line)
            XCTAssertEqual([x.windows, x.channels, x.columns], [y.windows, y.channels, y.columns], file: file, line: line)
        }
    }

    func testRoundTripThroughTheCacheCodingIsBitwise() throws {
        for explained in [false, true] {
            let c = try condition(explained: explained)
            let data = try StepCacheCoding.encode(PackedReductionCondition(c))
            let back = try StepCacheCoding.decode(PackedReductionCondition.self, from: data).unpacked()
            assertBitwiseEqual(c, back)
        }
    }

    func testPackedFloatsTakeFourBytesEachAndRefuseAPartialFloat() throws {
        XCTAssertEqual(PackedFloats(odd).bytes.count, 4 * odd.count)
        XCTAssertEqual(bits(try PackedFloats(odd).floats()), bits(odd))
        var broken = PackedFloats(odd)
        broken.bytes.removeLast()
        XCTAssertThrowsError(try broken.floats()) { error in
            guard case .undecodable(let reason)? = error as? StepCacheEntry.Invalid else { return XCTFail("\(error)") }
            XCTAssertTrue(reason.contains("39 bytes"), reason)
        }
    }
}
