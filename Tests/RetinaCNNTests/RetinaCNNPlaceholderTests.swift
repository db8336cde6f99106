import XCTest
@testable import RetinaCNN

// Placeholder so the target builds; replaced by the module's real tests.
final class RetinaCNNPlaceholderTests: XCTestCase {}
