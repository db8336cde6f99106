/// What a long-running step tells its observers.
public enum ProgressEvent: Hashable, Sendable {
    /// A step began; `total` units of work when known (IG batches, channels, stimuli).
    case stepStarted(step: String, total: Int?)
    /// `completed` of `total` units of `step` are done (0 ≤ completed ≤ total).
    case progress(step: String, completed: Int, total: Int)
    /// A step ended with `status` after `durationSeconds` of wall time.
    case stepFinished(step: String, status: StepStatus, durationSeconds: Double)
    /// Something the user should know; also collected into the manifest's warnings.
    case warning(String)
}

/// Observer of ``ProgressEvent``s: terminal bar, plain log lines, NDJSON, or silence.
///
/// Implementations are thread-safe: analyses may report from worker threads, and events of
/// different steps may interleave.
public protocol ProgressReporter: AnyObject, Sendable {
    /// Handles one event. Must not throw or block for long.
    func report(_ event: ProgressEvent)
    /// Completes any partial output (ends a live bar's line). Called once at the end of the run.
    func finish()
}

extension ProgressReporter {
    public func finish() {}

    public func stepStarted(_ step: String, total: Int? = nil) { report(.stepStarted(step: step, total: total)) }
    public func progress(_ step: String, completed: Int, total: Int) {
        report(.progress(step: step, completed: completed, total: total))
    }
    public func stepFinished(_ step: String, status: StepStatus, durationSeconds: Double) {
        report(.stepFinished(step: step, status: status, durationSeconds: durationSeconds))
    }
    public func warning(_ message: String) { report(.warning(message)) }
}

/// Discards every event (`--quiet`).
public final class SilentProgressReporter: ProgressReporter {
    public init() {}
    public func report(_ event: ProgressEvent) {}
}
