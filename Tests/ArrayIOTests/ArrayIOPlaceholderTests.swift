import XCTest
@testable import ArrayIO

// Placeholder so the target builds; replaced by the module's real tests.
final class ArrayIOPlaceholderTests: XCTestCase {}
