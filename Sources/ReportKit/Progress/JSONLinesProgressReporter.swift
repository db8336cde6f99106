import Foundation

/// Progress as NDJSON on standard error (`--json`), one object per event, for wrapper scripts:
/// `{"completed":3,"event":"progress","step":"OSR analysis","time":"2026-11-29T10:15:03.000Z","total":40}`.
/// Keys are sorted; `event` is `stepStarted`, `progress`, `stepFinished` or `warning`. Not throttled.
public final class JSONLinesProgressReporter: ProgressReporter, @unchecked Sendable {
    private let sink: any TextSink
    private let clock: any WallClock
    private let lock = NSLock()

    public init(sink: any TextSink = FileDescriptorSink(), clock: any WallClock = SystemWallClock()) {
        self.sink = sink
        self.clock = clock
    }

    public func report(_ event: ProgressEvent) {
        var object: [String: JSONValue] = ["time": .string(ManifestJSON.format(clock.now()))]
        switch event {
        case .stepStarted(let step, let total):
            object["event"] = "stepStarted"
            object["step"] = .string(step)
            object["total"] = total.map { .integer(Int64($0)) } ?? .null
        case .progress(let step, let completed, let total):
            object["event"] = "progress"
            object["step"] = .string(step)
            object["completed"] = .integer(Int64(completed))
            object["total"] = .integer(Int64(total))
        case .stepFinished(let step, let status, let duration):
            object["event"] = "stepFinished"
            object["step"] = .string(step)
            object["status"] = .string(status.rawValue)
            object["durationSeconds"] = .number(duration)
        case .warning(let message):
            object["event"] = "warning"
            object["message"] = .string(message)
        }
        let line = JSONValue.object(object).description + "\n"
        lock.withLock { sink.write(line) }
    }
}
