import XCTest
@testable import Report

// Placeholder so the target builds; replaced by the module's real tests.
final class ReportPlaceholderTests: XCTestCase {}
