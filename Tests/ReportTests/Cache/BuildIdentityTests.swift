import Foundation
import XCTest
@testable import Report

/// The build is part of every key: another executable (a rebuild) gives other keys.
final class BuildIdentityTests: XCTestCase {
    func testTheRunningExecutableIsIdentifiedAndKeysDependOnIt() throws {
        let id = BuildIdentity.current
        XCTAssertNotNil(id.range(of: #"^[0-9]+@[0-9]+\.[0-9]{9}$"#, options: .regularExpression), id)
        let path = try XCTUnwrap(Bundle.main.executablePath)
        let size = try XCTUnwrap(try FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)
        XCTAssertTrue(id.hasPrefix("\(size.int64Value)@"), "the size of \(path)")
        let material = StepCacheKey.Material(kind: "analysis")
        var rebuilt = material
        rebuilt.build = "1@2.000000003"
        XCTAssertEqual(try StepCacheKey(material), try StepCacheKey(material), "a pure function of the material")
        XCTAssertNotEqual(try StepCacheKey(material), try StepCacheKey(rebuilt))
    }
}
