import Foundation

/// Times the pipeline's steps and collects warnings for the manifest, forwarding both to a
/// ``ProgressReporter``. Thread-safe; steps may run concurrently.
///
/// ```swift
/// let steps = StepRecorder(progress: reporter)
/// steps.declare(["train", "osr", "latency"])          // pending
/// let model = try steps.run("train", total: epochs) { step in
///     ...; step.advance(to: epoch)                     // progress events
/// }
/// ```
/// Step order in ``steps`` is declaration order, then first-start order.
public final class StepRecorder: @unchecked Sendable {
    private let clock: any WallClock
    private let progress: any ProgressReporter
    private let lock = NSLock()
    private var records: [StepRecord] = []
    private var _warnings: [String] = []
    /// Indices into `_warnings` of the warnings about the tool itself (not shown in the report).
    private var toolWarnings: Set<Int> = []

    public init(clock: any WallClock = SystemWallClock(), progress: any ProgressReporter = SilentProgressReporter()) {
        self.clock = clock
        self.progress = progress
    }

    /// Every step so far, in declaration/start order.
    public var steps: [StepRecord] { lock.withLock { records } }
    /// Every warning so far, in order (the manifest's).
    public var warnings: [String] { lock.withLock { _warnings } }
    /// The warnings the report shows: all but those about the tool's own machinery
    /// (``warn(_:inReport:)`` with `inReport: false`).
    public var reportWarnings: [String] {
        lock.withLock { _warnings.enumerated().filter { !toolWarnings.contains($0.offset) }.map(\.element) }
    }

    /// Adds steps as `pending` (names already known are left alone).
    public func declare(_ names: [String]) {
        lock.withLock {
            for name in names where !records.contains(where: { $0.name == name }) {
                records.append(StepRecord(name: name))
            }
        }
    }

    /// Marks `name` running from now and reports ``ProgressEvent/stepStarted(step:total:)``.
    /// - Parameter total: units of work when known (for the progress bar).
    public func start(_ name: String, total: Int? = nil) {
        let now = clock.now()
        update(name) { $0 = StepRecord(name: name, status: .running, start: now) }
        progress.report(.stepStarted(step: name, total: total))
    }

    /// Ends `name` with `status` (default completed), recording end time and duration.
    /// A step never started gets start = end (duration 0).
    public func finish(_ name: String, status: StepStatus = .completed, error: String? = nil) {
        let now = clock.now()
        var duration = 0.0
        update(name) { r in
            let start = r.start ?? now
            r.status = status
            r.start = start
            r.end = now
            r.durationSeconds = max(0, now.timeIntervalSince(start))
            r.error = error
            duration = r.durationSeconds ?? 0
        }
        progress.report(.stepFinished(step: name, status: status, durationSeconds: duration))
    }

    /// Marks `name` skipped with a reason (no times).
    public func skip(_ name: String, reason: String) {
        update(name) { $0 = StepRecord(name: name, status: .skipped, error: reason) }
        progress.report(.stepFinished(step: name, status: .skipped, durationSeconds: 0))
    }

    /// Runs `body` as step `name`: started before, completed after, failed (with the error's
    /// description) if it throws — the error is rethrown.
    public func run<T>(_ name: String, total: Int? = nil, _ body: (StepProgress) throws -> T) rethrows -> T {
        start(name, total: total)
        do {
            let value = try body(StepProgress(name: name, total: total, recorder: self))
            finish(name)
            return value
        } catch {
            finish(name, status: .failed, error: String(describing: error))
            throw error
        }
    }

    /// Like ``run(_:total:_:)`` but never throws: a failure is recorded (status failed, error text)
    /// and returned, so the pipeline can go on with the other analyses and render an error section
    /// (papermill style) for this one.
    public func attempt<T>(_ name: String, total: Int? = nil, _ body: (StepProgress) throws -> T) -> Result<T, any Error> {
        Result { try run(name, total: total, body) }
    }

    /// Records a warning for the manifest and reports it. `inReport: false` for a warning about the
    /// tool's own machinery that changes no result (a step cache entry that was not trusted and was
    /// recomputed): in the manifest and the progress output, not in ``reportWarnings``, so the report
    /// stays byte-identical to a run without it.
    public func warn(_ message: String, inReport: Bool = true) {
        lock.withLock {
            if !inReport { toolWarnings.insert(_warnings.count) }
            _warnings.append(message)
        }
        progress.report(.warning(message))
    }

    /// Sets ``StepRecord/fromCache`` of the steps named in `fromCache` (others are left alone).
    public func markFromCache(_ fromCache: [String: Bool]) {
        lock.withLock {
            for i in records.indices { if let v = fromCache[records[i].name] { records[i].fromCache = v } }
        }
    }

    /// Marks every running step `interrupted` (on SIGINT, before flushing the manifest).
    public func markInterrupted() {
        let now = clock.now()
        lock.withLock {
            for i in records.indices where records[i].status == .running {
                records[i].status = .interrupted
                records[i].end = now
                records[i].durationSeconds = records[i].start.map { max(0, now.timeIntervalSince($0)) }
            }
        }
    }

    fileprivate func reportProgress(_ name: String, completed: Int, total: Int) {
        progress.report(.progress(step: name, completed: completed, total: total))
    }

    private func update(_ name: String, _ change: (inout StepRecord) -> Void) {
        lock.withLock {
            if let i = records.firstIndex(where: { $0.name == name }) {
                change(&records[i])
            } else {
                var r = StepRecord(name: name)
                change(&r)
                records.append(r)
            }
        }
    }
}

/// Handed to the body of ``StepRecorder/run(_:total:_:)`` to report progress and warnings.
public struct StepProgress: Sendable {
    public let name: String
    public let total: Int?
    fileprivate let recorder: StepRecorder

    /// Reports `completed` of `total` units done (ignored when the step has no total).
    public func advance(to completed: Int) {
        guard let total else { return }
        recorder.reportProgress(name, completed: min(completed, total), total: total)
    }

    /// Reports `completed` of an explicit `total`.
    public func advance(to completed: Int, of total: Int) {
        recorder.reportProgress(name, completed: completed, total: total)
    }

    /// Records a warning, prefixed with the step name.
    public func warn(_ message: String) { recorder.warn("\(name): \(message)") }
}
