import XCTest
@testable import CairoRenderer

// Placeholder so the target builds; replaced by the module's real tests.
final class CairoRendererPlaceholderTests: XCTestCase {}
