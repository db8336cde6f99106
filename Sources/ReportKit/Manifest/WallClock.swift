import Foundation

/// Where step timings and progress throttling read the time; inject a manual clock in tests.
public protocol WallClock: Sendable {
    /// The current time.
    func now() -> Date
}

/// The system clock (`Date()`).
public struct SystemWallClock: WallClock {
    public init() {}
    public func now() -> Date { Date() }
}
