import XCTest
@testable import Report
@testable import ReportKit

final class ProgressReporterTests: XCTestCase {
    func testPlainOutputIsNinjaStyleAndThrottled() {
        let sink = BufferSink()
        let clock = ManualClock()
        let r = PlainProgressReporter(sink: sink, clock: clock, minimumInterval: 5)
        r.stepStarted("OSR analysis", total: 40)
        for k in 1...40 { clock.advance(by: 0.5); r.progress("OSR analysis", completed: k, total: 40) }
        r.warning("completeness gap 4.1 %\nexceeds 1 %")
        r.stepFinished("OSR analysis", status: .completed, durationSeconds: 20)
        r.stepFinished("Motion reversal", status: .failed, durationSeconds: 125)
        XCTAssertEqual(sink.text, """
        [running] OSR analysis
        [10/40] OSR analysis
        [20/40] OSR analysis
        [30/40] OSR analysis
        [40/40] OSR analysis
        warning: completeness gap 4.1 % exceeds 1 %
        [completed] OSR analysis (20.0 s)
        [failed] Motion reversal (2m05s)

        """)
        XCTAssertFalse(sink.text.contains("\r"))
        XCTAssertFalse(sink.text.contains("\u{1B}"))
    }

    func testPlainDropsRepeatedCounts() {
        let sink = BufferSink()
        let r = PlainProgressReporter(sink: sink, clock: ManualClock(), minimumInterval: 0)
        r.progress("s", completed: 1, total: 2)
        r.progress("s", completed: 1, total: 2)
        r.progress("s", completed: 2, total: 2)
        XCTAssertEqual(sink.text, "[1/2] s\n[2/2] s\n")
    }

    func testTerminalBarRedrawsInPlace() {
        let sink = BufferSink()
        let clock = ManualClock()
        let r = TerminalProgressReporter(sink: sink, clock: clock, width: 100, useColor: false)
        r.stepStarted("OSR analysis", total: 40)
        clock.advance(by: 10)
        r.progress("OSR analysis", completed: 20, total: 40)
        XCTAssertEqual(r.barLine(now: clock.now()),
                       "OSR analysis  [██████████░░░░░░░░░░]   50%  20/40  elapsed 10.0 s  ETA 10.0 s")
        XCTAssertFalse(sink.text.contains("\n"), "the bar never scrolls")
        XCTAssertTrue(sink.text.hasSuffix("\r\u{1B}[2K" + r.barLine(now: clock.now())!))
        r.warning("gap")
        r.stepFinished("OSR analysis", status: .completed, durationSeconds: 20)
        r.finish()
        XCTAssertTrue(sink.text.contains("\r\u{1B}[2Kwarning: gap\n"))
        XCTAssertTrue(sink.text.contains("✓ OSR analysis (20.0 s)\n"))
        XCTAssertTrue(sink.text.hasSuffix("\n"), "no bar left after the last step: \(sink.text.debugDescription)")
        XCTAssertFalse(sink.text.contains("\u{1B}[3"), "no colour when disabled")
    }

    func testTerminalThrottlesAndTruncatesToWidth() {
        let sink = BufferSink()
        let clock = ManualClock()
        let r = TerminalProgressReporter(sink: sink, clock: clock, width: 60, useColor: true, redrawInterval: 0.1)
        r.stepStarted(String(repeating: "long step name ", count: 5), total: 1000)
        for k in 1...1000 { clock.advance(by: 0.001); r.progress(String(repeating: "long step name ", count: 5), completed: k, total: 1000) }
        let draws = sink.text.components(separatedBy: "\r\u{1B}[2K").count - 1
        XCTAssertLessThanOrEqual(draws, 13, "about one redraw per 0.1 s plus start and end")
        XCTAssertGreaterThanOrEqual(draws, 10)
        let line = r.barLine(now: clock.now())!
        XCTAssertEqual(line, "long step na…  [██████████]  100%  1000/1000  elapsed 1.0 s")
        XCTAssertLessThanOrEqual(line.count, 59)
        XCTAssertTrue(sink.text.contains("\u{1B}[32m"), "green bar with colour on")
    }

    func testTerminalOnAVeryNarrowTerminalKeepsTheCounts() {
        let clock = ManualClock()
        let r = TerminalProgressReporter(sink: BufferSink(), clock: clock, width: 30, useColor: true)
        r.stepStarted("Motion anticipation", total: 40)
        clock.advance(by: 4)
        r.progress("Motion anticipation", completed: 10, total: 40)
        XCTAssertEqual(r.barLine(now: clock.now()), "Motion anticipa…   25%  10/40")  // 29 = width − 1
    }

    func testTerminalWithoutTotalShowsElapsedOnly() {
        let clock = ManualClock()
        let r = TerminalProgressReporter(sink: BufferSink(), clock: clock, width: 80, useColor: false)
        r.stepStarted("train", total: nil)
        clock.advance(by: 75)
        XCTAssertEqual(r.barLine(now: clock.now()), "train  running  elapsed 1m15s")
    }

    func testJSONLines() throws {
        let sink = BufferSink()
        let r = JSONLinesProgressReporter(sink: sink, clock: ManualClock())
        r.stepStarted("osr", total: 3)
        r.progress("osr", completed: 1, total: 3)
        r.stepFinished("osr", status: .completed, durationSeconds: 1.5)
        r.warning("w")
        let lines = sink.text.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.count, 4)
        XCTAssertEqual(lines[1], #"{"completed":1,"event":"progress","step":"osr","time":"2026-11-29T10:15:00.000Z","total":3}"#)
        for line in lines { XCTAssertNoThrow(try JSONSerialization.jsonObject(with: Data(line.utf8))) }
    }

    func testFactoryChoosesByTerminalAndEnvironment() {
        func make(_ mode: ProgressReporterFactory.Mode = .automatic, tty: Bool, env: [String: String] = [:], noColor: Bool = false) -> any ProgressReporter {
            ProgressReporterFactory.make(mode: mode, noColor: noColor, environment: env, stderrIsTerminal: tty, sink: BufferSink())
        }
        XCTAssertTrue(make(tty: true, env: ["TERM": "xterm-256color"]) is TerminalProgressReporter)
        XCTAssertTrue(make(tty: false) is PlainProgressReporter)
        XCTAssertTrue(make(tty: true, env: ["TERM": "dumb"]) is PlainProgressReporter)
        XCTAssertTrue(make(.silent, tty: true) is SilentProgressReporter)
        XCTAssertTrue(make(.json, tty: true) is JSONLinesProgressReporter)
        XCTAssertTrue(make(.plain, tty: true) is PlainProgressReporter)

        // NO_COLOR keeps the live bar but drops colour.
        let sink = BufferSink()
        let r = ProgressReporterFactory.make(environment: ["NO_COLOR": ""], stderrIsTerminal: true, sink: sink)
        r.stepStarted("s", total: 2)
        r.progress("s", completed: 2, total: 2)
        r.stepFinished("s", status: .failed, durationSeconds: 1)
        XCTAssertTrue(r is TerminalProgressReporter)
        XCTAssertFalse(sink.text.contains("\u{1B}[3"), sink.text.debugDescription)
    }

    func testReportersAreSafeUnderConcurrentEvents() {
        let sink = BufferSink()
        let r = PlainProgressReporter(sink: sink, clock: ManualClock(), minimumInterval: 0)
        DispatchQueue.concurrentPerform(iterations: 8) { i in
            for k in 1...50 { r.progress("step-\(i)", completed: k, total: 50) }
        }
        let lines = sink.text.split(separator: "\n")
        XCTAssertEqual(lines.count, 400)
        XCTAssertTrue(lines.allSatisfy { $0.hasPrefix("[") && $0.contains("/50] step-") })
    }

    func testFormatting() {
        XCTAssertEqual(ProgressFormatting.duration(0.44), "0.4 s")
        XCTAssertEqual(ProgressFormatting.duration(3725), "1h02m")
        XCTAssertEqual(ProgressFormatting.duration(.nan), "--")
        XCTAssertEqual(ProgressFormatting.percent(1, 3), 33)
        XCTAssertEqual(ProgressFormatting.percent(5, 0), 0)
        XCTAssertNil(ProgressFormatting.eta(elapsed: 3, completed: 0, total: 4))
        XCTAssertEqual(ProgressFormatting.eta(elapsed: 3, completed: 1, total: 4), 9)
        XCTAssertEqual(ProgressFormatting.bar(fraction: 0.26, width: 4), "#---")
    }
}
