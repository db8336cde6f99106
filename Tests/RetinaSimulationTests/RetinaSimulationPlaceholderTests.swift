import XCTest
@testable import RetinaSimulation

// Placeholder so the target builds; replaced by the module's real tests.
final class RetinaSimulationPlaceholderTests: XCTestCase {}
