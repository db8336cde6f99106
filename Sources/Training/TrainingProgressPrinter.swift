import Foundation

/// Shows ``TrainingProgress`` on standard error: a single line redrawn in place on a terminal,
/// otherwise plain lines (one per phase change and validation, and at most one every
/// `plainIntervalSeconds` in between) so logs stay readable.
public final class TrainingProgressPrinter: @unchecked Sendable {
    private let lock = NSLock()
    private let isTerminal: Bool
    private let plainIntervalSeconds: Double
    private var lastPlain = Date.distantPast
    private var lastPhase: TrainingProgress.Phase?
    private var lastValidationStep: Int?
    private var lineOpen = false

    public init(isTerminal: Bool = isatty(2) == 1 && ProcessInfo.processInfo.environment["TERM"] != "dumb",
                plainIntervalSeconds: Double = 30) {
        self.isTerminal = isTerminal; self.plainIntervalSeconds = plainIntervalSeconds
    }

    public func handle(_ p: TrainingProgress) {
        lock.lock(); defer { lock.unlock() }
        let phaseChanged = p.phase != lastPhase
        lastPhase = p.phase
        if isTerminal {
            if phaseChanged && lineOpen { write("\n") }
            write("\r\u{1B}[2K" + p.line)
            lineOpen = true
            if p.phase == .finished { write("\n"); lineOpen = false }
        } else {
            let newValidation = p.validationCorrelation != nil && p.step != lastValidationStep && p.phase == .training
                && p.validationCorrelation != nil
            if phaseChanged || Date().timeIntervalSince(lastPlain) >= plainIntervalSeconds || newValidation {
                write(p.line + "\n")
                lastPlain = Date()
                if newValidation { lastValidationStep = p.step }
            }
        }
    }

    private func write(_ s: String) { FileHandle.standardError.write(Data(s.utf8)) }
}
