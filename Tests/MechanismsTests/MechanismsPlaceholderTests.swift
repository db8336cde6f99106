import XCTest
@testable import Mechanisms

// Placeholder so the target builds; replaced by the module's real tests.
final class MechanismsPlaceholderTests: XCTestCase {}
