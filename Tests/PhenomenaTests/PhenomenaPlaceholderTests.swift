import XCTest
@testable import Phenomena

// Placeholder so the target builds; replaced by the module's real tests.
final class PhenomenaPlaceholderTests: XCTestCase {}
