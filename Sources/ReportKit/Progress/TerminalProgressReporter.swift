import Foundation

/// A live single-line progress bar redrawn in place on an interactive terminal.
///
/// ```
/// OSR analysis  [██████████░░░░░░░░░░]  50%  20/40  elapsed 12.3 s  ETA 12.3 s
/// ```
/// The line is erased and redrawn with `\r` + `ESC[2K`, truncated to the terminal width so it never
/// wraps; redraws are throttled to `redrawInterval` (default 0.1 s) except for the final count.
/// Finished steps and warnings are printed as permanent lines above the bar
/// (`✓ OSR analysis (12.3 s)`, `✗ … failed`, `warning: …`). Colour (green bar, red failure, yellow
/// warning) is used only when `useColor` (the factory turns it off for `NO_COLOR`).
public final class TerminalProgressReporter: ProgressReporter, @unchecked Sendable {
    private let sink: any TextSink
    private let clock: any WallClock
    private let width: Int
    private let useColor: Bool
    private let redrawInterval: Double
    private let lock = NSLock()

    private struct Active {
        var started: Date
        var completed: Int
        var total: Int?
    }
    private var active: [String: Active] = [:]
    private var current: String?
    private var lastDraw: Date?
    private var barVisible = false

    /// - Parameters:
    ///   - width: terminal width in columns (default: ``TerminalProgressReporter/terminalWidth()``).
    public init(sink: any TextSink = FileDescriptorSink(), clock: any WallClock = SystemWallClock(),
                width: Int? = nil, useColor: Bool = true, redrawInterval: Double = 0.1) {
        self.sink = sink
        self.clock = clock
        self.width = max(20, width ?? Self.terminalWidth())
        self.useColor = useColor
        self.redrawInterval = redrawInterval
    }

    public func report(_ event: ProgressEvent) {
        let now = clock.now()
        lock.withLock {
            switch event {
            case .stepStarted(let step, let total):
                active[step] = Active(started: now, completed: 0, total: total)
                current = step
                draw(now: now, force: true)
            case .progress(let step, let completed, let total):
                var a = active[step] ?? Active(started: now, completed: 0, total: total)
                a.completed = completed
                a.total = total
                active[step] = a
                current = step
                draw(now: now, force: completed >= total)
            case .stepFinished(let step, let status, let duration):
                active[step] = nil
                if current == step { current = active.keys.sorted().first }
                let mark: String
                switch status {
                case .completed: mark = paint("✓", "32")
                case .failed, .interrupted: mark = paint("✗", "31")
                default: mark = paint("-", "33")
                }
                let word = status == .completed ? "" : " " + paint(status.rawValue, status == .failed ? "31" : "33")
                permanent(mark + " " + step + word + " (" + ProgressFormatting.duration(duration) + ")", now: now)
            case .warning(let message):
                permanent(paint("warning:", "33") + " " + message, now: now)
            }
        }
    }

    public func finish() {
        lock.withLock {
            if barVisible { sink.write("\r\u{1B}[2K") }
            barVisible = false
        }
    }

    /// Columns of the terminal on standard error: `ioctl(TIOCGWINSZ)`, else `$COLUMNS`, else 80.
    public static func terminalWidth() -> Int {
        var size = winsize()
        if ioctl(2, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        if let c = ProcessInfo.processInfo.environment["COLUMNS"], let n = Int(c), n > 0 { return n }
        return 80
    }

    /// The bar line for the current step, without colour (exposed for tests).
    func barLine(now: Date) -> String? { barParts(now: now).map { $0.text(color: false, budget: width - 1) } }

    private struct BarParts {
        var name: String
        var bar: String?
        var tail: String

        func text(color: Bool, budget: Int) -> String {
            let plain = name + (bar.map { "  [" + $0 + "]  " } ?? "  ") + tail
            guard plain.count <= budget else { return String(plain.prefix(budget)) }
            guard color, let bar else { return plain }
            return name + "  [\u{1B}[32m" + bar + "\u{1B}[0m]  " + tail
        }
    }

    /// The bar for the current step. On narrow terminals the bar shrinks (20 → 10 cells, none below
    /// 46 columns), then the ETA and the elapsed time are dropped before the step name is shortened
    /// (to no less than 9 characters where possible, marked "…").
    private func barParts(now: Date) -> BarParts? {
        guard let step = current, let a = active[step] else { return nil }
        let elapsed = "elapsed " + ProgressFormatting.duration(now.timeIntervalSince(a.started))
        var tails: [String]
        var bar: String?
        let budget = width - 1
        let barWidth = budget >= 70 ? 20 : (budget >= 45 ? 10 : 0)
        if let total = a.total, total > 0 {
            if barWidth > 0 {
                bar = ProgressFormatting.bar(fraction: Double(a.completed) / Double(total), width: barWidth,
                                             filled: "█", empty: "░")
            }
            let pct = String(ProgressFormatting.percent(a.completed, total))
            let counts = String(repeating: " ", count: max(0, 3 - pct.count)) + pct + "%  \(a.completed)/\(total)"
            tails = [counts + "  " + elapsed, counts]
            if let eta = ProgressFormatting.eta(elapsed: now.timeIntervalSince(a.started), completed: a.completed, total: total) {
                tails.insert(tails[0] + "  ETA " + ProgressFormatting.duration(eta), at: 0)
            }
        } else {
            tails = ["running  " + elapsed, "running"]
        }
        let name = step.replacingOccurrences(of: "\n", with: " ")
        let decoration = bar == nil ? 2 : barWidth + 6
        let minimumName = min(name.count, 9)
        let tail = tails.first { $0.count + decoration + minimumName <= budget } ?? tails[tails.count - 1]
        var shown = name
        if shown.count + decoration + tail.count > budget {
            shown = String(shown.prefix(max(1, budget - decoration - tail.count - 1))) + "…"
        }
        return BarParts(name: shown, bar: bar, tail: tail)
    }

    private func draw(now: Date, force: Bool) {
        if !force, let last = lastDraw, now.timeIntervalSince(last) < redrawInterval { return }
        guard let parts = barParts(now: now) else { return }
        lastDraw = now
        barVisible = true
        sink.write("\r\u{1B}[2K" + parts.text(color: useColor, budget: width - 1))
    }

    private func permanent(_ text: String, now: Date) {
        sink.write((barVisible ? "\r\u{1B}[2K" : "") + text + "\n")
        barVisible = false
        draw(now: now, force: true)
    }

    private func paint(_ s: String, _ code: String) -> String {
        useColor ? "\u{1B}[" + code + "m" + s + "\u{1B}[0m" : s
    }
}
