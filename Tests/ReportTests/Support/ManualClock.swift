import Foundation
import Report
import ReportKit

/// A clock tests move by hand.
final class ManualClock: WallClock, @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date

    init(_ start: Date = Date(timeIntervalSince1970: 1_795_947_300)) { current = start }

    func now() -> Date { lock.withLock { current } }

    func advance(by seconds: Double) { lock.withLock { current = current.addingTimeInterval(seconds) } }
}

/// Records every progress event.
final class RecordingReporter: ProgressReporter, @unchecked Sendable {
    private let lock = NSLock()
    private var _events: [ProgressEvent] = []
    var events: [ProgressEvent] { lock.withLock { _events } }
    func report(_ event: ProgressEvent) { lock.withLock { _events.append(event) } }
}
