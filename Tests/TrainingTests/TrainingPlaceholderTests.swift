import XCTest
@testable import Training

// Placeholder so the target builds; replaced by the module's real tests.
final class TrainingPlaceholderTests: XCTestCase {}
