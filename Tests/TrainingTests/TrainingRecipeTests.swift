import Foundation
import ModelCards
import XCTest
@testable import Training

final class TrainingRecipeTests: XCTestCase {
    func testShippedRecipeIsValid() throws {
        XCTAssertNoThrow(try TrainingRecipe.shipped.validate())
        XCTAssertEqual(TrainingRecipe.shipped.totalSteps, (TrainingRecipe.shipped.trainingSamples + 127) / 128)
    }

    func testInvalidFieldIsNamedWithExpectedAndFound() {
        var r = TrainingRecipe.shipped
        r.batchSize = 1
        XCTAssertThrowsError(try r.validate()) { error in
            XCTAssertEqual(error as? TrainingError,
                           .invalidRecipe(field: "batchSize", expected: "2 … 65536 (batch norm needs batch statistics)", found: "1"))
            XCTAssertEqual((error as? TrainingError)?.exitCode, 64)
        }
    }

    /// `train --train-frames 9223372036854775807` trapped summing the splits (TrainingSession.swift:35),
    /// `--train-frames 100000000` aborted allocating 1 TB and `--test-frames 10¹²` ran on: the
    /// simulated data set is bounded per split and in bytes before anything is simulated.
    func testSimulatedDataIsBoundedPerSplitAndInBytes() {
        XCTAssertNoThrow(try TrainingRecipe.shipped.validateSimulatedData())
        XCTAssertEqual(TrainingRecipe.shipped.simulatedDataBytes, 240_000 * (2500 + 16) * 4)
        XCTAssertEqual(TrainingRecipe.maximumSimulatedDataBytes, 17_179_869_184)
        func refusal(_ change: (inout TrainingRecipe) -> Void) -> TrainingError? {
            var r = TrainingRecipe.shipped
            change(&r)
            XCTAssertNoThrow(try r.validate())
            do { try r.validateSimulatedData(); return nil } catch { return error as? TrainingError }
        }
        XCTAssertEqual(refusal { $0.trainFrames = Int.max },
                       .invalidRecipe(field: "trainFrames (--train-frames)", expected: "≤ 100000000 frames", found: "9223372036854775807"))
        XCTAssertEqual(refusal { $0.validationFrames = Int.max },
                       .invalidRecipe(field: "validationFrames (--validation-frames)", expected: "≤ 100000000 frames", found: "9223372036854775807"))
        XCTAssertEqual(refusal { $0.testFrames = 1_000_000_000_000 },
                       .invalidRecipe(field: "testFrames (--test-frames)", expected: "≤ 100000000 frames", found: "1000000000000"))
        let field = "trainFrames + validationFrames + testFrames (--train-frames, --validation-frames, --test-frames)"
        let expected = "at most 17179869184 bytes (16 GiB) of simulated data, frames × (50×50 pixels + 2 × 8 cells) × 4 bytes"
        XCTAssertEqual(refusal { $0.trainFrames = 100_000_000 },
                       .invalidRecipe(field: field, expected: expected, found: "100040000 frames: 1006802560000 bytes (1.01e+03 GB)"))
        // 1,710,000 frames in all: 17,209,440,000 bytes, just over; 1,700,000: 17,108,800,000, just under.
        XCTAssertEqual(refusal { $0.trainFrames = 1_670_000 }?.exitCode, 64)
        XCTAssertNil(refusal { $0.trainFrames = 1_660_000 })
    }

    func testScheduleWarmsUpThenDecaysToTheFinalFraction() {
        var r = TrainingRecipe.shipped
        r.trainingSamples = 128 * 1000; r.warmupSteps = 100; r.learningRate = 1e-3; r.finalLearningRateFraction = 0.05
        let s = LearningRateSchedule(recipe: r)
        XCTAssertEqual(s.rate(atStep: 0), 1e-5, accuracy: 1e-12)
        XCTAssertEqual(s.rate(atStep: 99), 1e-3, accuracy: 1e-12)
        XCTAssertEqual(s.rate(atStep: 100), 1e-3, accuracy: 1e-12)
        XCTAssertEqual(s.rate(atStep: 999), 5e-5, accuracy: 1e-12)
        XCTAssertEqual(s.rate(atStep: 550), 1e-3 * (0.05 + 0.95 * 0.5 * (1 + cos(Double.pi * 450 / 899))), accuracy: 1e-12)
        XCTAssertTrue((100..<999).allSatisfy { s.rate(atStep: $0 + 1) < s.rate(atStep: $0) })
    }

    func testProgressLineIsReadable() {
        let p = TrainingProgress(phase: .training, step: 1200, totalSteps: 4688, samples: 153_600, loss: 2.3141,
                                 learningRate: 8.1e-4, validationCorrelation: 0.9121, bestValidationCorrelation: 0.915,
                                 elapsedSeconds: 192, etaSeconds: 580)
        XCTAssertEqual(p.line, "step 1200/4688  loss 2.314  val r 0.912 (best 0.915)  lr 8.1e-4  3:12 elapsed, ETA 9:40")
    }
}

final class TrainingProgressFormatTests: XCTestCase {
    func testLearningRateMantissaRoundsIntoTheNextDecade() {
        let p = TrainingProgress(phase: .training, step: 1, totalSteps: 2, learningRate: 9.99e-4, elapsedSeconds: 5)
        XCTAssertEqual(p.line, "step 1/2  lr 1.0e-3  0:05 elapsed")
    }
}
