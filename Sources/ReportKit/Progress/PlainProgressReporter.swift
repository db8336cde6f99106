import Foundation

/// Ninja-style progress lines for pipes, CI logs and dumb terminals: one event per line, never a
/// carriage return, so logs stay readable (papermill #765).
///
/// Format (one line each):
/// ```
/// [running] OSR analysis
/// [12/40] OSR analysis
/// [40/40] OSR analysis
/// [completed] OSR analysis (12.3 s)
/// warning: completeness gap 4.1 % exceeds 1 %
/// ```
/// Progress lines of a step are throttled: a line is written when `completed == total` or when at
/// least `minimumInterval` seconds passed since that step's previous line; repeated counts are dropped.
public final class PlainProgressReporter: ProgressReporter, @unchecked Sendable {
    private let sink: any TextSink
    private let clock: any WallClock
    private let minimumInterval: Double
    private let lock = NSLock()
    private var lastLine: [String: (time: Date, completed: Int)] = [:]

    /// - Parameters:
    ///   - sink: where lines go (default standard error).
    ///   - clock: time source for throttling.
    ///   - minimumInterval: seconds between two progress lines of the same step (default 5).
    public init(sink: any TextSink = FileDescriptorSink(), clock: any WallClock = SystemWallClock(),
                minimumInterval: Double = 5) {
        self.sink = sink
        self.clock = clock
        self.minimumInterval = minimumInterval
    }

    public func report(_ event: ProgressEvent) {
        let now = clock.now()
        lock.withLock {
            switch event {
            case .stepStarted(let step, _):
                lastLine[step] = (now, 0)
                sink.write("[running] \(oneLine(step))\n")
            case .progress(let step, let completed, let total):
                let previous = lastLine[step]
                if previous?.completed == completed { return }
                let due = previous.map { now.timeIntervalSince($0.time) >= minimumInterval } ?? true
                guard completed >= total || due else { return }
                lastLine[step] = (now, completed)
                sink.write("[\(completed)/\(total)] \(oneLine(step))\n")
            case .stepFinished(let step, let status, let duration):
                lastLine[step] = nil
                sink.write("[\(status.rawValue)] \(oneLine(step)) (\(ProgressFormatting.duration(duration)))\n")
            case .warning(let message):
                sink.write("warning: \(oneLine(message))\n")
            }
        }
    }

    private func oneLine(_ s: String) -> String {
        s.replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ")
    }
}
