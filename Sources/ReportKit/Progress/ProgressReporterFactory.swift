import Foundation

/// Picks the progress reporter for this process (clig.dev conventions).
public enum ProgressReporterFactory {
    /// The user's choice, from the command line.
    public enum Mode: String, Hashable, Sendable, CaseIterable {
        /// Live bar on an interactive terminal, plain lines otherwise.
        case automatic
        /// Always the live bar.
        case terminal
        /// Always plain lines.
        case plain
        /// NDJSON events (`--json`).
        case json
        /// Nothing (`--quiet`).
        case silent
    }

    /// The reporter for `mode`.
    ///
    /// `automatic` chooses ``TerminalProgressReporter`` when standard error is a terminal and `TERM`
    /// is not `dumb`, else ``PlainProgressReporter``. Colour is off when `NO_COLOR` is set (any
    /// value, per no-color.org), when `noColor` is true, or for a dumb terminal.
    /// - Parameters:
    ///   - environment: the process environment (injectable for tests).
    ///   - stderrIsTerminal: `isatty(2)` by default.
    ///   - sink: output (default standard error).
    public static func make(mode: Mode = .automatic, noColor: Bool = false,
                            environment: [String: String] = ProcessInfo.processInfo.environment,
                            stderrIsTerminal: Bool = isatty(2) == 1,
                            sink: any TextSink = FileDescriptorSink(),
                            clock: any WallClock = SystemWallClock()) -> any ProgressReporter {
        let dumb = environment["TERM"] == "dumb"
        let color = !noColor && environment["NO_COLOR"] == nil && !dumb
        switch mode {
        case .silent:
            return SilentProgressReporter()
        case .json:
            return JSONLinesProgressReporter(sink: sink, clock: clock)
        case .plain:
            return PlainProgressReporter(sink: sink, clock: clock)
        case .terminal:
            return TerminalProgressReporter(sink: sink, clock: clock, useColor: color)
        case .automatic:
            if stderrIsTerminal && !dumb {
                return TerminalProgressReporter(sink: sink, clock: clock, useColor: color)
            }
            return PlainProgressReporter(sink: sink, clock: clock)
        }
    }
}
