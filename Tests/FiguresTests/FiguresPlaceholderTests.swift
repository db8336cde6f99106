import XCTest
@testable import Figures

// Placeholder so the target builds; replaced by the module's real tests.
final class FiguresPlaceholderTests: XCTestCase {}
