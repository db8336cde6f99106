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
                           .invalidRecipe(field: "batchSize (--batch-size)", expected: "2 … 65536 (batch norm needs batch statistics)", found: "1"))
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

    /// Hostile pass: `train --learning-rate 1e308`, `--smoothness 1e308`, `--evaluate-every Int.max`
    /// and `--recipe` files with bnEpsilon −1, 10⁶ conv1 maps, a 10⁹-pixel frame, a kernel of 0, a
    /// flicker share of 5, an output-scale factor of 10³⁰⁸ or a name with ESC or a newline all started
    /// simulating 2.4 GB of data. Every one is refused by `validate()` (64), naming the field (and
    /// its `train` option), the range and the value.
    func testAbsurdValuesAreRefusedNamingTheField() {
        let cases: [(String, (inout TrainingRecipe) -> Void, TrainingError)] = [
            ("--learning-rate 1e308", { $0.learningRate = 1e308 },
             .invalidRecipe(field: "learningRate (--learning-rate)", expected: "in (0, 1]", found: "1e+308")),
            ("learningRate NaN", { $0.learningRate = .nan },
             .invalidRecipe(field: "learningRate (--learning-rate)", expected: "in (0, 1]", found: "nan")),
            ("--smoothness 1e308", { $0.conv1TemporalSmoothness = 1e308 },
             .invalidRecipe(field: "conv1TemporalSmoothness (--smoothness)", expected: "0 … 1000", found: "1e+308")),
            ("--l2 1e4", { $0.l2 = 1e4 }, .invalidRecipe(field: "l2 (--l2)", expected: "0 … 1000", found: "10000.0")),
            ("--evaluate-every Int.max", { $0.evaluationIntervalSamples = Int.max },
             .invalidRecipe(field: "evaluationIntervalSamples (--evaluate-every)", expected: "128 (batchSize) … 1000000000000 samples",
                            found: "9223372036854775807")),
            ("--minutes inf", { $0.maxMinutes = .infinity },
             .invalidRecipe(field: "maxMinutes (--minutes)", expected: "in (0, 1000000] minutes", found: "inf")),
            ("--patience Int.max", { $0.earlyStoppingPatience = Int.max },
             .invalidRecipe(field: "earlyStoppingPatience (--patience)", expected: "1 … 1000000 evaluations", found: "9223372036854775807")),
            ("warmupSteps −1", { $0.warmupSteps = -1 }, .invalidRecipe(field: "warmupSteps", expected: "0 … 1000000000000 steps", found: "-1")),
            ("validationWindows Int.max", { $0.validationWindows = Int.max },
             .invalidRecipe(field: "validationWindows", expected: "2 … 100000000", found: "9223372036854775807")),
            ("outputScaleLearningRateMultiplier 1e308", { $0.outputScaleLearningRateMultiplier = 1e308 },
             .invalidRecipe(field: "outputScaleLearningRateMultiplier", expected: "0 … 10000", found: "1e+308")),
            ("architecture.bnEpsilon −1", { $0.architecture.bnEpsilon = -1 },
             .invalidRecipe(field: "architecture.bnEpsilon", expected: "in (0, 1]", found: "-1.0")),
            ("architecture.conv1Channels 10⁶", { $0.architecture.conv1Channels = 1_000_000 },
             .invalidRecipe(field: "architecture.conv1Channels", expected: "1 … 1024 maps", found: "1000000")),
            ("architecture.height 10⁹", { $0.architecture.height = 1_000_000_000 },
             .invalidRecipe(field: "architecture.height", expected: "1 … 1000 pixels", found: "1000000000")),
            ("architecture.conv1Kernel 0", { $0.architecture.conv1Kernel = 0 },
             .invalidRecipe(field: "architecture.conv1Kernel", expected: "1 … 50 (the 50×50 input)", found: "0")),
            ("architecture.conv2Kernel 37", { $0.architecture.conv2Kernel = 37 },
             .invalidRecipe(field: "architecture.conv2Kernel", expected: "1 … 36 (the 36×36 layer-1 map)", found: "37")),
            ("architecture.noiseSigma 1e30", { $0.architecture.noiseSigma = 1e30 },
             .invalidRecipe(field: "architecture.noiseSigma", expected: "0 … 10", found: "1e+30")),
            ("1024 maps in both layers", { $0.architecture.conv1Channels = 1024; $0.architecture.conv2Channels = 1024 },
             .invalidRecipe(field: "architecture.conv1Channels, conv2Channels, conv1Kernel, conv2Kernel, height, width, historyFrames, cells",
                            expected: "a network of at most 100000000 parameters", found: "150280208 parameters")),
            ("stimulus.screenHeight 10⁹", { $0.stimulus.screenHeight = 1_000_000_000 },
             .invalidRecipe(field: "stimulus.screenHeight", expected: "1 … 4096 pixels", found: "1000000000")),
            ("stimulus.fullFieldFlickerShare 5", { $0.stimulus.fullFieldFlickerShare = 5 },
             .invalidRecipe(field: "stimulus.fullFieldFlickerShare", expected: "0 … 1 (a fraction of the blocks)", found: "5.0")),
            ("stimulus.fullFieldFlicker.segmentMaximumSeconds 1e308", { $0.stimulus.fullFieldFlicker.segmentMaximumSeconds = 1e308 },
             .invalidRecipe(field: "stimulus.fullFieldFlicker.segmentSeconds", expected: "0 < minimum ≤ maximum ≤ 3600 s", found: "1.0…1e+308")),
            ("name with ESC", { $0.name = "bad\u{1B}[31mred" },
             .invalidRecipe(field: "name", expected: "text without control or bidirectional formatting characters (newline, ESC, …)",
                            found: "U+001B in \"bad\\u{1B}[31mred\"")),
            ("name with a newline", { $0.name = "two\nlines" },
             .invalidRecipe(field: "name", expected: "text without control or bidirectional formatting characters (newline, ESC, …)",
                            found: "U+000A in \"two\\u{A}lines\"")),
            ("name with a right-to-left override", { $0.name = "abc\u{202E}fed" },
             .invalidRecipe(field: "name", expected: "text without control or bidirectional formatting characters (newline, ESC, …)",
                            found: "U+202E in \"abc\\u{202E}fed\"")),
            ("name of 201 characters", { $0.name = String(repeating: "a", count: 201) },
             .invalidRecipe(field: "name", expected: "at most 200 characters", found: "201 characters")),
        ]
        for (label, change, expected) in cases {
            var r = TrainingRecipe.shipped
            change(&r)
            XCTAssertThrowsError(try r.validate(), label) { error in
                XCTAssertEqual(error as? TrainingError, expected, label)
                XCTAssertEqual((error as? TrainingError)?.exitCode, 64, label)
            }
        }
    }

    /// The limits admit the shipped recipe and the largest values any real run uses, and change
    /// neither the shipped recipe nor its fingerprint (the committed ensemble's recipe hash).
    func testLimitsAdmitTheShippedRecipesAndGenerousValues() throws {
        XCTAssertNoThrow(try TrainingRecipe.shipped.validateSimulatedData())
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        for folder in ["ensemble", "ensemble-40"] {
            let data = try Data(contentsOf: root.appendingPathComponent("Assets/\(folder)/ensemble.json"))
            let manifest = try JSONDecoder().decode(EnsembleManifest.self, from: data)
            XCTAssertNoThrow(try manifest.recipe.validate(), folder)
            XCTAssertNoThrow(try manifest.recipe.validateSimulatedData(), folder)
            XCTAssertEqual(manifest.recipe.fingerprint, manifest.recipeHash, folder)
        }
        // The committed five-member ensemble was trained with the shipped recipe (the hash leaves out the seed).
        XCTAssertEqual(TrainingRecipe.shipped.fingerprint, "bbb48e20d943e717e5325abb90c45ff1a89e686c73223304b30b592c097d6ab5")
        var r = TrainingRecipe.shipped
        r.learningRate = 1; r.l2 = 1000; r.conv1TemporalSmoothness = 1000; r.outputScaleLearningRateMultiplier = 10_000
        r.maxMinutes = 1e6; r.earlyStoppingPatience = 1_000_000; r.evaluationIntervalSamples = 1_000_000_000_000
        r.architecture.bnEpsilon = 1; r.architecture.noiseSigma = 10; r.architecture.conv1Channels = 1024
        r.stimulus.naturalShare = 1; r.stimulus.whiteNoiseShare = 1; r.stimulus.fullFieldFlickerShare = 0
        r.name = "größer – 大"
        XCTAssertNoThrow(try r.validate())
        XCTAssertNoThrow(try r.validateSimulatedData())
        var wide = TrainingRecipe.shipped
        wide.architecture.conv1Kernel = 50; wide.architecture.conv2Kernel = 1; wide.architecture.conv2Channels = 1024
        XCTAssertNoThrow(try wide.validate(), "a kernel as large as the frame")
        // A card's recipe is read back with any name (shown escaped), but with the same ranges.
        var card = TrainingRecipe.shipped
        card.name = "two\nlines"
        XCTAssertNoThrow(try card.validateRanges())
        card.learningRate = 1e308
        XCTAssertThrowsError(try card.validateRanges())
    }

    /// A recipe whose network does not see the simulated stimulus's screen is refused before anything
    /// is simulated (the retina would only refuse the movie once it exists).
    func testSimulatedNetworkMustSeeTheStimulusScreen() {
        var r = TrainingRecipe.shipped
        r.architecture.height = 60
        XCTAssertNoThrow(try r.validate(), "a recording's frame may differ from the stimulus's screen")
        XCTAssertThrowsError(try r.validateSimulatedData()) { error in
            XCTAssertEqual(error as? TrainingError,
                           .invalidRecipe(field: "architecture.height, architecture.width",
                                          expected: "the training stimulus's screen, 50×50 (stimulus.screenHeight × stimulus.screenWidth)",
                                          found: "60×50"))
        }
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
