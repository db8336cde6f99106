import XCTest
@testable import Report
@testable import ReportKit

final class StepRecorderTests: XCTestCase {
    struct Failure: Error, CustomStringConvertible { var description: String { "IG did not converge" } }

    func testRecordsTimingsStatusesAndForwardsEvents() throws {
        let clock = ManualClock()
        let events = RecordingReporter()
        let steps = StepRecorder(clock: clock, progress: events)
        steps.declare(["train", "osr", "reversal", "anticipation"])
        let t0 = clock.now()
        let value = steps.run("train", total: 4) { step -> Int in
            for k in 1...4 { clock.advance(by: 0.5); step.advance(to: k) }
            step.warn("loss plateaued")
            return 42
        }
        XCTAssertEqual(value, 42)
        XCTAssertThrowsError(try steps.run("reversal") { _ in clock.advance(by: 0.25); throw Failure() })
        steps.skip("anticipation", reason: "not requested")

        let records = steps.steps
        XCTAssertEqual(records.map(\.name), ["train", "osr", "reversal", "anticipation"])
        XCTAssertEqual(records.map(\.status), [.completed, .pending, .failed, .skipped])
        XCTAssertEqual(records[0].start, t0)
        XCTAssertEqual(records[0].durationSeconds ?? -1, 2.0, accuracy: 1e-9)
        XCTAssertEqual(records[2].durationSeconds ?? -1, 0.25, accuracy: 1e-9)
        XCTAssertEqual(records[2].error, "IG did not converge")
        XCTAssertNil(records[1].start)
        XCTAssertEqual(records[3].error, "not requested")
        XCTAssertEqual(steps.warnings, ["train: loss plateaued"])

        XCTAssertEqual(events.events, [
            .stepStarted(step: "train", total: 4),
            .progress(step: "train", completed: 1, total: 4), .progress(step: "train", completed: 2, total: 4),
            .progress(step: "train", completed: 3, total: 4), .progress(step: "train", completed: 4, total: 4),
            .warning("train: loss plateaued"),
            .stepFinished(step: "train", status: .completed, durationSeconds: 2.0),
            .stepStarted(step: "reversal", total: nil),
            .stepFinished(step: "reversal", status: .failed, durationSeconds: 0.25),
            .stepFinished(step: "anticipation", status: .skipped, durationSeconds: 0),
        ])
    }

    func testAttemptRecordsFailureWithoutThrowing() {
        let steps = StepRecorder(clock: ManualClock())
        let failed = steps.attempt("reversal") { _ -> Int in throw Failure() }
        let ok = steps.attempt("osr") { _ in 3 }
        guard case .failure(let error) = failed else { return XCTFail("expected failure") }
        XCTAssertTrue(error is Failure)
        XCTAssertEqual(try ok.get(), 3)
        XCTAssertEqual(steps.steps.map(\.status), [.failed, .completed])
        XCTAssertEqual(steps.steps.first?.error, "IG did not converge")
    }

    func testInterruptMarksRunningSteps() {
        let clock = ManualClock()
        let steps = StepRecorder(clock: clock)
        steps.start("osr", total: 10)
        clock.advance(by: 3)
        steps.markInterrupted()
        XCTAssertEqual(steps.steps.first?.status, .interrupted)
        XCTAssertEqual(steps.steps.first?.durationSeconds ?? -1, 3, accuracy: 1e-9)
    }

    func testConcurrentStepsFromWorkerThreads() {
        let steps = StepRecorder(clock: ManualClock())
        DispatchQueue.concurrentPerform(iterations: 32) { i in
            steps.run("step-\(i)", total: 3) { s in (1...3).forEach { s.advance(to: $0) }; s.warn("w") }
        }
        XCTAssertEqual(steps.steps.count, 32)
        XCTAssertTrue(steps.steps.allSatisfy { $0.status == .completed })
        XCTAssertEqual(steps.warnings.count, 32)
    }
}
