import Foundation

/// The state of one pipeline step, as papermill records per-cell status.
public enum StepStatus: String, Hashable, Codable, Sendable, CaseIterable {
    case pending, running, completed, failed, skipped
    /// The run was stopped (SIGINT) while this step was running.
    case interrupted
}

/// One step of the run in the manifest: name, status, times and error.
public struct StepRecord: Hashable, Codable, Sendable {
    public var name: String
    public var status: StepStatus
    /// Wall-clock start (UTC), `nil` while pending or when skipped.
    public var start: Date?
    /// Wall-clock end (UTC), `nil` until finished.
    public var end: Date?
    /// `end − start` in seconds, `nil` until finished.
    public var durationSeconds: Double?
    /// The error's description for failed steps, or the reason for skipped ones.
    public var error: String?
    /// Whether the step's results came from the step cache (restored, not computed): true when every
    /// cached part of it was a hit, false when something was computed; `nil` when the run used no cache.
    public var fromCache: Bool?

    public init(name: String, status: StepStatus = .pending, start: Date? = nil, end: Date? = nil,
                durationSeconds: Double? = nil, error: String? = nil, fromCache: Bool? = nil) {
        self.name = name
        self.status = status
        self.start = start
        self.end = end
        self.durationSeconds = durationSeconds
        self.error = error
        self.fromCache = fromCache
    }
}
